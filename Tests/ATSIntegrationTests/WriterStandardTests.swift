import ATSIntegration
import AsyncHTTPClient
import Crypto
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("Standard Webhooks writer against the fake ATS")
struct WriterStandardTests {
    static let shortlist = Data(#"{"jobId":"job-9","revision":3,"entries":[{"rank":1,"candidateId":"c-1","score":91.5}]}"#.utf8)

    func shortlistPostBack(_ id: String = "sl-job-9-r3") -> PostBack {
        PostBack(id: id, integration: "std-test", profile: "standard", kind: .shortlistUpdated, jobExternalId: "job-9", payload: Self.shortlist)
    }

    @Test("success: one signed shortlist.updated POST whose signature verifies with the inbound standard profile")
    func successAndSignature() async throws {
        try await WriterFixtures.withFake { fake in
            // Given a standard writer pointed at the fake's callback URL
            let writer = try WriterFixtures.writer("standard", fake)
            // When a shortlist post-back is delivered
            let result = await writer.deliver(shortlistPostBack(), previousAttemptUncertain: false)
            // Then it is delivered, once
            #expect(result == .delivered(remoteID: nil))
            let requests = fake.requests(.standardCallback)
            try #require(requests.count == 1)
            let r = requests[0]
            #expect(r.headers["webhook-id"] == "sl-job-9-r3")
            #expect(r.headers["webhook-timestamp"] == "1780000000")
            // And the body is the { type, timestamp, data } envelope with the payload unchanged
            let body = try #require(JSONSerialization.jsonObject(with: r.body) as? [String: Any])
            #expect(body["type"] as? String == "shortlist.updated")
            #expect(body["timestamp"] as? String == "2026-05-28T20:26:40Z")
            let data = try JSONSerialization.data(withJSONObject: try #require(body["data"]), options: [.sortedKeys])
            let expected = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Self.shortlist), options: [.sortedKeys])
            #expect(data == expected)
            // And the signature is HMAC-SHA256(key, id.timestamp.body), computed independently here
            let secret = String(WriterFixtures.standardSecret.dropFirst(6))
            let key = SymmetricKey(data: try #require(Data(base64Encoded: secret)))
            var content = Data("sl-job-9-r3.1780000000.".utf8)
            content.append(r.body)
            let mac = Data(HMAC<SHA256>.authenticationCode(for: content, using: key)).base64EncodedString()
            #expect(r.headers["webhook-signature"] == "v1,\(mac)")
            // And Screener's own inbound verifier accepts it with the standard profile
            let profile = try ProfileCatalog.load(yaml: WriterFixtures.repoRoot.appendingPathComponent("webhooks/standard/profile.yaml"))
            let verifier = WebhookVerifier(profile: profile, secrets: [Data(WriterFixtures.standardSecret.utf8)], clock: WriterFixtures.clock)
            guard case .accept(let accepted) = try verifier.verify(InboundWebhook(headers: r.headers, body: r.body)) else {
                Issue.record("verifier did not accept the delivery")
                return
            }
            #expect(accepted.dedupeKey == "sl-job-9-r3")
            #expect(accepted.eventType == "shortlist.updated")
        }
    }

    @Test("a candidate note is sent as candidate.scored with the candidate's facts")
    func candidateScored() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("standard", fake)
            let result = await writer.deliver(WriterFixtures.note(profile: "standard", tags: ["screener:shortlisted"]), previousAttemptUncertain: false)
            #expect(result.isDelivered)
            let r = try #require(fake.requests(.standardCallback).first)
            let body = try #require(JSONSerialization.jsonObject(with: r.body) as? [String: Any])
            #expect(body["type"] as? String == "candidate.scored")
            let data = try #require(body["data"] as? [String: Any])
            #expect(data["candidateId"] as? String == "1001")
            #expect(data["rank"] as? Int == 2)
            #expect(data["tags"] as? [String] == ["screener:shortlisted"])
        }
    }

    @Test("503 then 200: two attempts with the same webhook-id")
    func serviceUnavailableThenOK() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.standardCallback, .reply(status: 503))
            let writer = try WriterFixtures.writer("standard", fake)
            let first = await writer.deliver(shortlistPostBack(), previousAttemptUncertain: false)
            #expect(first == .retry(after: nil, reason: "http 503"))
            let second = await writer.deliver(shortlistPostBack(), previousAttemptUncertain: false)
            #expect(second.isDelivered)
            let ids = fake.requests(.standardCallback).map { $0.headers["webhook-id"] }
            #expect(ids == ["sl-job-9-r3", "sl-job-9-r3"])
        }
    }

    @Test("429 with Retry-After: 2 is a retry after 2 s")
    func rateLimited() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.standardCallback, .reply(status: 429, headers: ["Retry-After": "2"]))
            let writer = try WriterFixtures.writer("standard", fake)
            let result = await writer.deliver(shortlistPostBack(), previousAttemptUncertain: false)
            #expect(result == .retry(after: 2, reason: "http 429"))
        }
    }

    @Test("400 is permanent")
    func badRequest() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.standardCallback, .reply(status: 400))
            let writer = try WriterFixtures.writer("standard", fake)
            #expect(await writer.deliver(shortlistPostBack(), previousAttemptUncertain: false) == .permanent(reason: "http 400"))
        }
    }

    @Test("lost response: the attempt times out as a retry; the uncertain retry re-sends the same webhook-id")
    func lostResponse() async throws {
        try await WriterFixtures.withFake { fake in
            fake.script(.standardCallback, .lostResponse)
            let first = try await WriterFixtures.writer("standard", fake, timeout: WriterFixtures.lostTimeout)
                .deliver(shortlistPostBack(), previousAttemptUncertain: false)
            #expect(first.isRetry)
            let second = try await WriterFixtures.writer("standard", fake).deliver(shortlistPostBack(), previousAttemptUncertain: true)
            #expect(second.isDelivered)
            let requests = fake.requests(.standardCallback)
            #expect(requests.count == 2)
            #expect(Set(requests.compactMap { $0.headers["webhook-id"] }) == ["sl-job-9-r3"])
        }
    }

    @Test("an assessment result is not a Standard Webhooks event; a payload that is not JSON is refused")
    func refusals() async throws {
        try await WriterFixtures.withFake { fake in
            let writer = try WriterFixtures.writer("standard", fake)
            let assessment = PostBack(id: "a-1", integration: "std-test", profile: "standard", kind: .assessmentResult)
            #expect(await writer.deliver(assessment, previousAttemptUncertain: false).isPermanent)
            var bad = shortlistPostBack()
            bad.payload = Data("not json".utf8)
            #expect(await writer.deliver(bad, previousAttemptUncertain: false).isPermanent)
            #expect(fake.requests().isEmpty)
        }
    }
}
