import ATSIntegration
import Foundation
import ScreenerCore
import Testing

@Suite("Post-back response classification")
struct WriterResponseTests {
    let now = Date(timeIntervalSince1970: 1_780_000_000)

    @Test("2xx is delivered", arguments: [200, 201, 202, 204])
    func success(status: Int) {
        #expect(PostBackResponse.classify(status: status, headers: [], now: now, remoteID: "n1") == .delivered(remoteID: "n1"))
    }

    @Test("408, 425, 429 and 5xx are retried", arguments: [408, 425, 429, 500, 502, 503, 504, 599])
    func retried(status: Int) {
        #expect(PostBackResponse.classify(status: status, headers: [], now: now) == .retry(after: nil, reason: "http \(status)"))
    }

    @Test("other statuses are permanent", arguments: [301, 400, 401, 403, 404, 409, 410, 422])
    func permanent(status: Int) {
        #expect(PostBackResponse.classify(status: status, headers: [], now: now) == .permanent(reason: "http \(status)"))
    }

    @Test("Retry-After in seconds is the requested delay")
    func retryAfterSeconds() {
        let r = PostBackResponse.classify(status: 429, headers: [(name: "retry-after", value: "2")], now: now)
        #expect(r == .retry(after: 2, reason: "http 429"))
    }

    @Test("Retry-After as an HTTP-date is the time until then; a past date is zero")
    func retryAfterDate() {
        // now = 2026-05-28T20:26:40Z
        let later = PostBackResponse.requestedDelay(headers: [(name: "Retry-After", value: "Thu, 28 May 2026 20:28:10 GMT")], now: now)
        #expect(later == 90)
        let past = PostBackResponse.requestedDelay(headers: [(name: "Retry-After", value: "Wed, 21 Oct 2015 07:28:00 GMT")], now: now)
        #expect(past == 0)
        let rfc850 = PostBackResponse.requestedDelay(headers: [(name: "Retry-After", value: "Thursday, 28-May-26 20:28:10 GMT")], now: now)
        #expect(rfc850 == 90)
    }

    @Test("rate-limit reset headers: delta seconds, or a Unix time")
    func rateLimitReset() {
        #expect(PostBackResponse.requestedDelay(headers: [(name: "RateLimit-Reset", value: "7")], now: now) == 7)
        #expect(PostBackResponse.requestedDelay(headers: [(name: "X-RateLimit-Reset", value: "30")], now: now) == 30)
        #expect(PostBackResponse.requestedDelay(headers: [(name: "X-RateLimit-Reset", value: "1780000045")], now: now) == 45)
        // Retry-After wins over the rate-limit headers
        #expect(PostBackResponse.requestedDelay(headers: [(name: "X-RateLimit-Reset", value: "30"), (name: "Retry-After", value: "3")], now: now) == 3)
        // Garbage is ignored
        #expect(PostBackResponse.requestedDelay(headers: [(name: "Retry-After", value: "soon")], now: now) == nil)
    }

    @Test("a transport error is a retry naming the error type only")
    func transport() {
        struct ConnectionRefused: Error {}
        #expect(PostBackResponse.transportFailure(ConnectionRefused()) == .retry(after: nil, reason: "transport: ConnectionRefused"))
    }

    @Test("the note marker is found only as a whole line")
    func marker() throws {
        let note = PostBack(id: "pb-1", integration: "i", profile: "lever", kind: .candidateNote, rank: 1, score: 90)
        let text = PostBackNote.text(for: note)
        #expect(text == "Screener: rank 1, score 90.0\n\nscreener-postback: pb-1")
        let listed = try JSONSerialization.data(withJSONObject: ["data": [["text": text]]])
        #expect(PostBackNote.containsMarker(listed, id: "pb-1"))
        #expect(!PostBackNote.containsMarker(listed, id: "pb-"))
        let other = try JSONSerialization.data(withJSONObject: ["data": [["text": "x\nscreener-postback: pb-10"]]])
        #expect(!PostBackNote.containsMarker(other, id: "pb-1"))
        let html = try JSONSerialization.data(withJSONObject: [["body": "<p>x</p><p>screener-postback: pb-1</p>"]])
        #expect(PostBackNote.containsMarker(html, id: "pb-1"))
    }
}
