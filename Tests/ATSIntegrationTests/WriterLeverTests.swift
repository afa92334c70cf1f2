import ATSIntegration
import AsyncHTTPClient
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Lever writer: wire format, tags and auth")
struct WriterLeverTests {
    @Test("tags first, then the note; Basic auth with the key and perform_as on both")
    func wireFormat() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("lever", fake, tags: ["screener:shortlisted"])
            let result = await writer.deliver(WriterFixtures.note(profile: "lever", tags: ["screener:rank-2"]), previousAttemptUncertain: false)
            #expect(result == .delivered(remoteID: "note-1"))
            let requests = fake.requests()
            #expect(requests.map(\.route) == [.leverAddTags, .leverCreateNote])
            let auth = "Basic " + Data("lever-key:".utf8).base64EncodedString()
            #expect(requests.allSatisfy { $0.headers["authorization"] == auth && $0.query == "perform_as=user-7" })
            #expect(requests.map(\.path) == ["/v1/opportunities/opp-1/addTags", "/v1/opportunities/opp-1/notes"])
            let note = try #require(JSONSerialization.jsonObject(with: requests[1].body) as? [String: Any])
            #expect((note["value"] as? String)?.hasSuffix("screener-postback: pb-1") == true)
            #expect(fake.tags(for: "opp-1") == ["screener:shortlisted", "screener:rank-2"])
        }
    }

    @Test("a failed addTags is returned and the note waits for the retry")
    func tagsFailFirst() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.leverAddTags, .reply(status: 503))
            let writer = try WriterFixtures.writer("lever", fake, tags: ["screener:shortlisted"])
            let first = await writer.deliver(WriterFixtures.note(profile: "lever"), previousAttemptUncertain: false)
            #expect(first == .retry(after: nil, reason: "addTags: http 503"))
            #expect(fake.notes(for: "opp-1").isEmpty)
            // The retry re-applies the tags (a set) and posts the note once
            #expect(await writer.deliver(WriterFixtures.note(profile: "lever"), previousAttemptUncertain: false).isDelivered)
            #expect(fake.notes(for: "opp-1").count == 1)
            #expect(fake.tags(for: "opp-1") == ["screener:shortlisted"])
        }
    }

    @Test("a wrong API key is a permanent 401")
    func wrongKey() async throws {
        try await WriterFixtures.withFake { fake in
            var env = WriterFixtures.environment
            env["LEVER_KEY"] = "wrong"
            let writer = try ATSWriters.make(profile: "lever", settings: WriterFixtures.settings("lever", fake), httpClient: .shared,
                                             clock: WriterFixtures.clock, environment: env)
            #expect(await writer.deliver(WriterFixtures.note(profile: "lever"), previousAttemptUncertain: false) == .permanent(reason: "http 401"))
        }
    }

    @Test("the opportunity falls back to the candidate id when the post-back has no application id")
    func opportunityFallback() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("lever", fake)
            var p = WriterFixtures.note(profile: "lever")
            p.applicationExternalId = nil
            #expect(await writer.deliver(p, previousAttemptUncertain: false).isDelivered)
            #expect(fake.notes(for: "1001").count == 1)
        }
    }
}
