import ATSIntegration
import AsyncHTTPClient
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Ashby writer: RPC format, tags and errors")
struct WriterAshbyTests {
    static let tagID = "7f6c2a7e-1d1f-4c55-9b0c-3d2b8f0e4a11"

    @Test("tags by id, then candidate.createNote with sendNotifications false")
    func wireFormat() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("ashby", fake, tags: ["screener:shortlisted"], tagIDs: ["screener:shortlisted": Self.tagID])
            let result = await writer.deliver(WriterFixtures.note(profile: "ashby"), previousAttemptUncertain: false)
            #expect(result == .delivered(remoteID: "ashby-note-1"))
            let requests = fake.requests()
            #expect(requests.map(\.path) == ["/candidate.addTag", "/candidate.createNote"])
            let auth = "Basic " + Data("ashby-key:".utf8).base64EncodedString()
            #expect(requests.allSatisfy { $0.method == "POST" && $0.headers["authorization"] == auth })
            let tag = try #require(JSONSerialization.jsonObject(with: requests[0].body) as? [String: Any])
            #expect(tag["candidateId"] as? String == "1001" && tag["tagId"] as? String == Self.tagID)
            let note = try #require(JSONSerialization.jsonObject(with: requests[1].body) as? [String: Any])
            #expect(note["sendNotifications"] as? Bool == false)
            #expect(fake.tags(for: "1001") == [Self.tagID])
        }
    }

    @Test("a tag name with no configured id is permanent and sends nothing")
    func unknownTag() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("ashby", fake, tags: ["screener:shortlisted"])
            let result = await writer.deliver(WriterFixtures.note(profile: "ashby"), previousAttemptUncertain: false)
            #expect(result.isPermanent)
            #expect(fake.requests().isEmpty)
        }
    }

    @Test("HTTP 200 with success: false is permanent and carries only the error code")
    func successFalse() async throws {
        try await WriterFixtures.withFake { fake in
            // Given Ashby answers 200 with an error object (its usual way of refusing a request)
            fake.script(.ashbyCreateNote, .reply(status: 200, body: #"{"success":false,"errorInfo":{"code":"candidate_not_found","message":"Candidate Ada Example not found"}}"#))
            let writer = try WriterFixtures.writer("ashby", fake)
            let result = await writer.deliver(WriterFixtures.note(profile: "ashby"), previousAttemptUncertain: false)
            // Then it is permanent, with the code and without the message
            #expect(result == .permanent(reason: "candidate.createNote: success=false (candidate_not_found)"))
            #expect(result.reason?.contains("Ada") == false)
        }
    }

    @Test("a wrong API key is a permanent 401")
    func wrongKey() async throws {
        try await WriterFixtures.withFake { fake in
            var env = WriterFixtures.environment
            env["ASHBY_KEY"] = "wrong"
            let writer = try ATSWriters.make(profile: "ashby", settings: WriterFixtures.settings("ashby", fake), httpClient: .shared,
                                             clock: WriterFixtures.clock, environment: env)
            #expect(await writer.deliver(WriterFixtures.note(profile: "ashby"), previousAttemptUncertain: false) == .permanent(reason: "candidate.createNote: http 401"))
        }
    }
}
