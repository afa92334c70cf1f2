import ATSIntegration
import AsyncHTTPClient
import Foundation
import ScreenerCore
import Testing
import Yams

@Suite("ATSWriters.make and WriterSettings")
struct WriterFactoryTests {
    static let env = ["K": "key-value", "GH_ID": "id", "GH_SECRET": "secret-value", "STD": "whsec_" + Data(repeating: 1, count: 24).base64EncodedString()]

    static func settings(_ profile: String) -> WriterSettings {
        WriterSettings(integration: "acme-\(profile)", clientID: "env:GH_ID", clientSecret: "env:GH_SECRET",
                       apiKey: "env:K", callbackURL: "https://hooks.example.com/screener", signingSecret: "env:STD")
    }

    @Test("each supported profile gets its writer", arguments: ATSWriters.supportedProfiles)
    func supported(profile: String) throws {
        let writer = try ATSWriters.make(profile: profile, settings: Self.settings(profile), httpClient: .shared,
                                         clock: FixedClock(unix: 0), environment: Self.env)
        #expect(writer.profile == profile)
    }

    @Test("a profile without a writer is a clear invalid_configuration", arguments: ["workable", "smartrecruiters", "bamboo"])
    func unsupported(profile: String) {
        #expect {
            _ = try ATSWriters.make(profile: profile, settings: Self.settings(profile), httpClient: .shared, clock: FixedClock(unix: 0), environment: Self.env)
        } throws: { error in
            guard let e = error as? ScreenerError else { return false }
            return e.code == .invalidConfiguration && e.message.contains("'\(profile)' has no post-back writer yet")
        }
    }

    @Test("a missing credential fails at start-up, naming the setting or reference, never a value")
    func missingCredential() {
        var s = Self.settings("lever")
        s.apiKey = nil
        #expect(throws: ScreenerError(.invalidConfiguration, "integration 'acme-lever': writer setting 'apiKey' is required")) {
            _ = try ATSWriters.make(profile: "lever", settings: s, httpClient: .shared, clock: FixedClock(unix: 0), environment: Self.env)
        }
        s.apiKey = "env:NOT_SET"
        #expect(throws: ScreenerError(.missingSecret, "secret env:NOT_SET is not set")) {
            _ = try ATSWriters.make(profile: "lever", settings: s, httpClient: .shared, clock: FixedClock(unix: 0), environment: Self.env)
        }
    }

    @Test("a signing secret that is not base64 is refused without echoing it")
    func badSigningSecret() {
        var env = Self.env
        env["STD"] = "whsec_not base64 at all!"
        #expect {
            _ = try ATSWriters.make(profile: "standard", settings: Self.settings("standard"), httpClient: .shared, clock: FixedClock(unix: 0), environment: env)
        } throws: { error in
            guard let e = error as? ScreenerError else { return false }
            return e.code == .invalidConfiguration && !e.description.contains("not base64 at all")
        }
    }

    @Test("settings load from YAML with defaults for what is left out")
    func yaml() throws {
        let text = """
        integration: acme-lever
        baseURL: https://api.lever.co/v1
        apiKey: env:LEVER_API_KEY
        performAs: 8d49b010-cc6a-4f40-ace5-e86061c677ed
        tags: ["screener:shortlisted"]
        """
        let s = try YAMLDecoder().decode(WriterSettings.self, from: text)
        #expect(s.integration == "acme-lever")
        #expect(s.apiKey == "env:LEVER_API_KEY")
        #expect(s.performAs == "8d49b010-cc6a-4f40-ace5-e86061c677ed")
        #expect(s.tags == ["screener:shortlisted"])
        #expect(s.tagIDs.isEmpty)
        #expect(s.timeout == 10)
        let timed = try YAMLDecoder().decode(WriterSettings.self, from: "integration: x\ntimeout: 2.5\n")
        #expect(timed.timeout == 2.5)
    }
}
