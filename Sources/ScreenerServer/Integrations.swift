import ATSIntegration
import Foundation
import ScreenerCore

/// The configured integrations, resolved at start-up: each with its profile, its secrets read from
/// their references, a verifier and a mapper.
public struct Integrations: Sendable {
    /// A class: the intake fast path reads it on every delivery, and copying a struct of this size
    /// (profile, verifier, mapper) cost dozens of retains and releases each time.
    public final class Resolved: Sendable {
        public let name: String
        public let profile: ATSProfile
        public let secrets: [Data]
        public let verifier: WebhookVerifier
        public let mapper: ProfileMapper

        init(name: String, profile: ATSProfile, secrets: [Data], verifier: WebhookVerifier, mapper: ProfileMapper) {
            self.name = name
            self.profile = profile
            self.secrets = secrets
            self.verifier = verifier
            self.mapper = mapper
        }
    }

    public let byName: [String: Resolved]
    public let catalog: ProfileCatalog

    /// Resolves every integration. A missing secret or unknown profile stops start-up with a message
    /// that names the integration and the reference, never the secret's value.
    public init(configuration: ScreenerConfiguration, catalog: ProfileCatalog, clock: any ScreenerClock, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.catalog = catalog
        var out: [String: Resolved] = [:]
        for i in configuration.integrations {
            guard let profile = catalog.profile(named: i.profile) else {
                throw ScreenerError(.unknownProfile, "integration '\(i.name)' names profile '\(i.profile)', which is not in \(configuration.profilesDirectory) (have: \(catalog.names.sorted().joined(separator: ", ")))")
            }
            var secrets: [Data] = []
            for ref in i.secrets {
                do {
                    secrets.append(try SecretReference.resolve(ref, environment: environment))
                } catch let e as ScreenerError {
                    throw ScreenerError(e.code, "integration '\(i.name)': \(e.message)")
                }
            }
            out[i.name] = Resolved(
                name: i.name, profile: profile, secrets: secrets,
                verifier: WebhookVerifier(profile: profile, secrets: secrets, clock: clock),
                mapper: ProfileMapper(profile: profile)
            )
        }
        byName = out
    }

    public subscript(name: String) -> Resolved? { byName[name] }
}
