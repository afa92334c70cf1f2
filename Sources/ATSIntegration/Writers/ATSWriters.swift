import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore

/// Picks and builds the writer for an integration's profile. Secrets are resolved here, so a
/// missing credential fails at start-up (`.missingSecret` / `.invalidConfiguration`, naming the
/// setting, never a value) rather than at the first delivery.
public enum ATSWriters {
    /// Profiles with a writer.
    public static let supportedProfiles = ["ashby", "greenhouse", "lever", "standard"]

    public static func make(
        profile: String, settings: WriterSettings, httpClient: HTTPClient, clock: any ScreenerClock,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        logger: Logger = Logger(label: "screener.writer")
    ) throws -> any ATSWriter {
        switch profile {
        case "standard":
            return try StandardWebhooksWriter(settings: settings, httpClient: httpClient, clock: clock, environment: environment, logger: logger)
        case "greenhouse":
            return try GreenhouseHarvestWriter(settings: settings, httpClient: httpClient, clock: clock, environment: environment, logger: logger)
        case "lever":
            return try LeverWriter(settings: settings, httpClient: httpClient, clock: clock, environment: environment, logger: logger)
        case "ashby":
            return try AshbyWriter(settings: settings, httpClient: httpClient, clock: clock, environment: environment, logger: logger)
        default:
            throw ScreenerError(.invalidConfiguration,
                                "profile '\(profile)' has no post-back writer yet (writers exist for: \(supportedProfiles.joined(separator: ", ")))")
        }
    }
}
