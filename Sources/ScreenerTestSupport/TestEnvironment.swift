import ATSIntegration
import Foundation
import Logging
import ScreenerCore
import ScreenerServer
import Storage

/// A complete, isolated Screener set-up for tests: a temp folder with a real SQLite file, one
/// integration per bundled profile (`test-<profile>`) with random secrets passed by `env:`
/// references, and the real profiles from `webhooks/`.
public struct TestEnvironment: Sendable {
    public let directory: TemporaryDirectory
    public let configuration: ScreenerConfiguration
    public let environment: [String: String]
    public let catalog: ProfileCatalog
    /// Secret bytes by integration name.
    public let secrets: [String: Data]

    public static let profileNames = ["ashby", "greenhouse", "lever", "smartrecruiters", "standard", "workable"]

    public init(profiles: [String] = TestEnvironment.profileNames, workers: Int = 0, port: Int = 0) throws {
        directory = try TemporaryDirectory()
        var config = ScreenerConfiguration()
        config.database.path = directory.path("screener.sqlite")
        config.profilesDirectory = TestPaths.webhooks.path
        config.server.port = port
        config.workers.count = workers
        config.workers.pollSeconds = 0.05
        // A fresh data key per environment: stores opened in process and `serve` children seal
        // personal data with it, as in production.
        var env: [String: String] = ["SCREENER_DATA_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()]
        var secrets: [String: Data] = [:]
        for p in profiles {
            let name = "test-\(p)"
            let varName = "TEST_SECRET_\(p.uppercased())"
            let raw = (0..<32).map { _ in UInt8.random(in: 0...255) }
            let value = p == "standard" ? "whsec_" + Data(raw).base64EncodedString() : raw.map { String(format: "%02x", $0) }.joined()
            env[varName] = value
            secrets[name] = Data(value.utf8)
            config.integrations.append(.init(name: name, profile: p, secrets: ["env:\(varName)"]))
        }
        configuration = config
        environment = env
        self.secrets = secrets
        catalog = try ProfileCatalog(directory: TestPaths.webhooks)
    }

    public func openStore() async throws -> SQLiteStore {
        let store = try SQLiteStore(path: configuration.database.path, sealer: try DataKeyring.load(environment: environment))
        try await store.migrate()
        return store
    }

    public func dependencies(store: any ScreenerStore, clock: any ScreenerClock = SystemClock(), logger: Logger = Logger(label: "test"), metrics: ScreenerMetrics = ScreenerMetrics()) throws -> ScreenerDependencies {
        let openAPI = try? String(contentsOf: TestPaths.schemas.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        return ScreenerDependencies(
            configuration: configuration, store: store,
            integrations: try Integrations(configuration: configuration, catalog: catalog, clock: clock, environment: environment),
            clock: clock, metrics: metrics, logger: logger, openAPIDocument: openAPI
        )
    }

    /// The extra headers an ATS sends with a bundled sample (`samples/headers/<name>.json`, e.g.
    /// SmartRecruiters' `event-name`), found by the sample's bytes; empty for other bodies.
    public static func sampleHeaders(profile: String, body: Data) -> [String: String] {
        bundledSamples[profile]?.first(where: { $0.body == body })?.extraHeaders ?? [:]
    }

    /// Every profile's samples, read once per test process.
    static let bundledSamples: [String: [WebhookSample]] = {
        var out: [String: [WebhookSample]] = [:]
        for p in profileNames {
            out[p] = try? WebhookSample.all(profileDirectory: TestPaths.webhooks.appendingPathComponent(p))
        }
        return out
    }()

    /// A sample whose profile maps it to a new application.
    public func applicationSample(profile: String) throws -> Data {
        let p = try requireValue(catalog.profile(named: profile), "profile \(profile)")
        let mapper = ProfileMapper(profile: p)
        for sample in Self.bundledSamples[profile] ?? [] {
            if let e = try? mapper.map(body: sample.body, eventType: sample.extraHeaders["event-name"]), e.kind == .application {
                return sample.body
            }
        }
        throw ScreenerError(.notFound, "no application sample for \(profile)")
    }

    /// Signs `body` as the integration's ATS would, with a unique delivery id.
    public func sign(integration: String, body: Data, clock: any ScreenerClock = SystemClock(), deliveryID: String = UUID().uuidString.lowercased()) throws -> (headers: [String: String], body: Data) {
        guard let i = configuration.integrations.first(where: { $0.name == integration }),
              let p = catalog.profile(named: i.profile), let secret = secrets[integration] else {
            throw ScreenerError(.unknownIntegration, integration)
        }
        var signed = try WebhookSigner.sign(
            profile: p, secret: secret, body: body, clock: clock, deliveryID: deliveryID,
            extraHeaders: Self.sampleHeaders(profile: p.name, body: body)
        )
        if signed.headers.keys.first(where: { $0.lowercased() == "content-type" }) == nil {
            signed.headers["Content-Type"] = "application/json"
        }
        return signed
    }
}

func requireValue<T>(_ v: T?, _ what: String) throws -> T {
    guard let v else { throw ScreenerError(.notFound, "missing \(what)") }
    return v
}

extension TestEnvironment {
    /// A copy whose integration `name` uses the literal secret `value` (for published test vectors).
    public func withSecret(_ value: String, for name: String) throws -> TestEnvironment {
        guard let i = configuration.integrations.first(where: { $0.name == name }), let ref = i.secrets.first, ref.hasPrefix("env:") else {
            throw ScreenerError(.unknownIntegration, name)
        }
        var env = environment
        env[String(ref.dropFirst(4))] = value
        var secrets = self.secrets
        secrets[name] = Data(value.utf8)
        return TestEnvironment(directory: directory, configuration: configuration, environment: env, catalog: catalog, secrets: secrets)
    }

    init(directory: TemporaryDirectory, configuration: ScreenerConfiguration, environment: [String: String], catalog: ProfileCatalog, secrets: [String: Data]) {
        self.directory = directory
        self.configuration = configuration
        self.environment = environment
        self.catalog = catalog
        self.secrets = secrets
    }
}

extension TestEnvironment {
    /// A copy with the configuration and environment changed by `change` (e.g. an integration's
    /// `fetch` allow-list or `postBack` settings pointing at a fake ATS).
    public func configured(_ change: (inout ScreenerConfiguration, inout [String: String]) -> Void) -> TestEnvironment {
        var config = configuration
        var env = environment
        change(&config, &env)
        return TestEnvironment(directory: directory, configuration: config, environment: env, catalog: catalog, secrets: secrets)
    }

    /// The configured integration named `name`, to change it in `configured`.
    public static func integrationIndex(_ name: String, in config: ScreenerConfiguration) -> Int? {
        config.integrations.firstIndex { $0.name == name }
    }
}
