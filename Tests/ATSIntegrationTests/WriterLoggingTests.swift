import ATSIntegration
import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Writer logging")
struct WriterLoggingTests {
    @Test("writers log below info, with screener.* keys, and never the note text, ids' owners or secrets", arguments: ["greenhouse", "lever", "ashby", "standard"])
    func redaction(profile: String) async throws {
        try await WriterFixtures.withFake { fake in
            let logs = CapturedLogs()
            let writer = try ATSWriters.make(profile: profile, settings: WriterFixtures.settings(profile, fake, timeout: WriterFixtures.lostTimeout), httpClient: .shared,
                                             clock: WriterFixtures.clock, environment: WriterFixtures.environment, logger: logs.logger)
            // Given a note naming a person, a 503 and then a lost response
            var p = WriterFixtures.note(profile: profile)
            p.note = "Ada Lovelace (ada@example.com) ranks 2nd"
            let route: FakeATS.Route = switch profile {
            case "greenhouse": .greenhouseCreateNote
            case "lever": .leverCreateNote
            case "ashby": .ashbyCreateNote
            default: .standardCallback
            }
            fake.script(route, .reply(status: 503), .lostResponse)
            _ = await writer.deliver(p, previousAttemptUncertain: false)
            _ = await writer.deliver(p, previousAttemptUncertain: false)
            _ = await writer.deliver(p, previousAttemptUncertain: true)
            // Then something was logged, all of it at debug or below, under screener.* keys
            let records = logs.records.withLock { $0 }
            #expect(!records.isEmpty)
            #expect(records.allSatisfy { $0.level <= .debug })
            #expect(records.allSatisfy { $0.metadata.keys.allSatisfy { $0.hasPrefix("screener.") } })
            // And no record carries the note text, the person, or a credential
            let text = records.map { $0.message + " " + $0.metadata.values.joined(separator: " ") }.joined(separator: "\n")
            for secret in ["Ada", "Lovelace", "ada@example.com", "gh-secret", "lever-key", "ashby-key", String(WriterFixtures.standardSecret.dropFirst(6))] {
                #expect(!text.contains(secret), "log contains \(secret)")
            }
        }
    }
}
