import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import ScreenerServer
import ScreenerCore
import Testing

/// Issue 7, hardening: every route has a time limit; past it the handler is cancelled and the
/// client gets 503 problem+json with `Retry-After`.
@Suite("Request timeouts")
struct RequestTimeoutTests {
    static func app(webhooks: Double, default def: Double) -> some ApplicationProtocol {
        var timeouts = ScreenerConfiguration.RequestTimeouts()
        timeouts.webhooks = webhooks
        timeouts.default = def
        let router = Router(context: ScreenerRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: RequestTimeoutMiddleware(timeouts: timeouts))
        router.post("v1/webhooks/slow") { request, _ -> String in
            // Reads the body, then works longer than the webhook limit.
            _ = try await request.body.collect(upTo: 1 << 20)
            try await Task.sleep(for: .seconds(3600))
            return "late"
        }
        router.get("v1/jobs") { _, _ -> String in
            try await Task.sleep(for: .milliseconds(50))
            return "fast"
        }
        router.get("v1/jobs/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(3600))
            return "late"
        }
        return Application(router: router)
    }

    @Test("a handler past its route's limit is cancelled and answered 503 request_timeout; a fast one is untouched")
    func timesOut() async throws {
        try await Self.app(webhooks: 0.5, default: 2).test(.router) { client in
            let started = ContinuousClock.now
            let slow = try await client.execute(uri: "/v1/webhooks/slow", method: .post, body: ByteBuffer(string: "{}"))
            let elapsed = ContinuousClock.now - started
            #expect(slow.status == .serviceUnavailable)
            #expect(slow.headers[.contentType] == "application/problem+json")
            #expect(slow.headers[.retryAfter] == "5")
            #expect(String(buffer: slow.body).contains("\"request_timeout\""))
            // The 503 (not the handler's "late" after an hour) shows the limit fired; the bound is loose
            // because the whole suite shares 2 cores.
            #expect(elapsed < .seconds(600), "the webhook limit (0.5 s) applies, not the handler's hour: \(elapsed)")
            #expect(String(buffer: slow.body).contains("within 0.5 s"))

            let fast = try await client.execute(uri: "/v1/jobs", method: .get)
            #expect(fast.status == .ok && String(buffer: fast.body) == "fast")
            #expect(fast.headers[HTTPField.Name("Content-Security-Policy")!]?.contains("default-src 'none'") == true)

            let other = try await client.execute(uri: "/v1/jobs/slow", method: .get)
            #expect(other.status == .serviceUnavailable && String(buffer: other.body).contains("within 2 s"))
        }
    }

    @Test("limits by route, from configuration, with bounds checked")
    func configuration() throws {
        let t = ScreenerConfiguration.RequestTimeouts()
        #expect(t.seconds(forPath: "/v1/webhooks/acme") == 10)
        #expect(t.seconds(forPath: "/v1/audits") == 120 && t.seconds(forPath: "/v1/audits/runs") == 120)
        #expect(t.seconds(forPath: "/v1/jobs/x/shortlist") == 30 && t.seconds(forPath: "/v1/auditsx") == 30)

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("timeouts-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "server: {timeouts: {webhooks: 5}}\n".write(to: dir, atomically: true, encoding: .utf8)
        let loaded = try ScreenerConfiguration.load(path: dir.path, environment: [:])
        #expect(loaded.server.timeouts.webhooks == 5 && loaded.server.timeouts.default == 30)
        try "server: {timeouts: {default: 0}}\n".write(to: dir, atomically: true, encoding: .utf8)
        #expect(throws: ScreenerError.self) { try ScreenerConfiguration.load(path: dir.path, environment: [:]) }
    }
}
