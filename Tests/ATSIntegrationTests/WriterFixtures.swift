import ATSIntegration
import AsyncHTTPClient
import Foundation
import ScreenerCore
import ScreenerTestSupport

/// Shared pieces of the writer tests: a fake ATS per test, settings pointing at it, secrets in a
/// private environment dictionary, a fixed clock and post-back builders.
enum WriterFixtures {
    static let clock = FixedClock(unix: 1_780_000_000)
    /// 32 bytes, base64, Standard Webhooks style.
    static let standardSecret = "whsec_" + Data((0..<32).map { UInt8($0 * 7 % 256) }).base64EncodedString()

    static let environment: [String: String] = [
        "GH_CLIENT_ID": "gh-client", "GH_CLIENT_SECRET": "gh-secret",
        "LEVER_KEY": "lever-key", "ASHBY_KEY": "ashby-key", "STD_SECRET": standardSecret,
    ]

    /// Short enough that a lost response costs the suite little, long enough for a loaded machine.
    /// Long enough that a loaded CI machine never times out a live fake.
    static let timeout: TimeInterval = 15
    /// For the attempt whose response is lost: how long the writer waits before giving up. It also
    /// bounds the calls before the lost one (Greenhouse's OAuth token request), which took more than
    /// 1.5 s once in a full-suite run on 2 loaded cores.
    static let lostTimeout: TimeInterval = 6

    /// Runs `body` against a fresh fake ATS and stops it afterwards, even when `body` throws.
    static func withFake<T>(_ body: (FakeATS) async throws -> T) async throws -> T {
        let fake = try await FakeATS.start()
        do {
            let value = try await body(fake)
            await fake.stop()
            return value
        } catch {
            await fake.stop()
            throw error
        }
    }

    static func settings(_ profile: String, _ fake: FakeATS, tags: [String] = [], tagIDs: [String: String] = [:], timeout: TimeInterval = timeout) -> WriterSettings {
        switch profile {
        case "standard":
            return WriterSettings(integration: "std-test", callbackURL: fake.standardCallbackURL, signingSecret: "env:STD_SECRET", timeout: timeout)
        case "greenhouse":
            return WriterSettings(integration: "gh-test", baseURL: fake.greenhouseBaseURL, tokenURL: fake.greenhouseTokenURL,
                                  clientID: "env:GH_CLIENT_ID", clientSecret: "env:GH_CLIENT_SECRET", userID: "4242", tags: tags, timeout: timeout)
        case "lever":
            return WriterSettings(integration: "lever-test", baseURL: fake.leverBaseURL, apiKey: "env:LEVER_KEY", performAs: "user-7",
                                  tags: tags, timeout: timeout)
        default:
            return WriterSettings(integration: "ashby-test", baseURL: fake.ashbyBaseURL, apiKey: "env:ASHBY_KEY",
                                  tags: tags, tagIDs: tagIDs, timeout: timeout)
        }
    }

    static func writer(_ profile: String, _ fake: FakeATS, tags: [String] = [], tagIDs: [String: String] = [:], timeout: TimeInterval = timeout) throws -> any ATSWriter {
        try ATSWriters.make(profile: profile, settings: settings(profile, fake, tags: tags, tagIDs: tagIDs, timeout: timeout),
                            httpClient: HTTPClient.shared, clock: clock, environment: environment)
    }

    static func note(_ id: String = "pb-1", profile: String, candidate: String = "1001", application: String = "opp-1",
                     tags: [String] = []) -> PostBack {
        PostBack(id: id, integration: "\(profile)-test", profile: profile, kind: .candidateNote,
                 jobExternalId: "job-9", candidateExternalId: candidate, applicationExternalId: application,
                 rank: 2, score: 87.5, note: "Rank 2 of 40, score 87.5: matched Swift, PostgreSQL.", tags: tags)
    }

    /// `<repo>` from this file, whether the test target reaches it directly or through a symlink.
    static let repoRoot: URL = {
        let here = URL(fileURLWithPath: #filePath)
        for candidate in [here, here.resolvingSymlinksInPath()] {
            let root = candidate.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("webhooks/standard/profile.yaml").path) { return root }
        }
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()
}

extension PostBackResult {
    var isDelivered: Bool { if case .delivered = self { return true } else { return false } }
    var isPermanent: Bool { if case .permanent = self { return true } else { return false } }
    var isRetry: Bool { if case .retry = self { return true } else { return false } }
    var retryAfter: TimeInterval? { if case .retry(let after, _) = self { return after } else { return nil } }
    var reason: String? {
        switch self {
        case .delivered: return nil
        case .retry(_, let r), .permanent(let r): return r
        }
    }
}
