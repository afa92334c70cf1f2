import ATSIntegration
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// Webhook intake through the router, in process, on a real SQLite file.
@Suite("Webhook intake")
struct WebhookIntakeTests {
    static func code(_ buffer: ByteBuffer) -> String? {
        (try? problem(buffer))?["code"] as? String
    }

    static func problem(_ buffer: ByteBuffer) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any])
    }

    func withApp(_ env: TestEnvironment, clock: any ScreenerClock = SystemClock(), _ body: @Sendable (any TestClientProtocol, SQLiteStore) async throws -> Void) async throws {
        let store = try await env.openStore()
        let app = Application(router: buildRouter(try env.dependencies(store: store, clock: clock)))
        try await app.test(.router) { client in try await body(client, store) }
    }

    static func fields(_ headers: [String: String]) -> HTTPFields {
        var f = HTTPFields()
        for (k, v) in headers { f.append(HTTPField(name: HTTPField.Name(k)!, value: v)) }
        return f
    }

    @Test("every profile: a signed sample application is accepted with the profile's status and stored", arguments: TestEnvironment.profileNames)
    func sampleAccepted(profile: String) async throws {
        let env = try TestEnvironment()
        let body = try env.applicationSample(profile: profile)
        let signed = try env.sign(integration: "test-\(profile)", body: body)
        let expected = try #require(env.catalog.profile(named: profile)).successStatus
        try await withApp(env) { client, store in
            try await client.execute(uri: "/v1/webhooks/test-\(profile)", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(data: signed.body)) { r in
                #expect(r.status.code == expected)
                let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
                #expect(json["duplicate"] as? Bool == false)
                let id = try #require(json["eventId"] as? String)
                let stored = try #require(try await store.event(id: id))
                #expect(stored.integration == "test-\(profile)")
                #expect(stored.profile == profile)
                #expect(stored.body == signed.body)
                #expect(stored.status == .queued)
            }
            #expect(try await store.queueDepth() == 1)
        }
    }

    @Test("Greenhouse's published ping example verifies and is answered 200 without queueing work")
    func greenhousePing() async throws {
        var env = try TestEnvironment(profiles: ["greenhouse"])
        env = try env.withSecret("1uSUju2H6AohOE7OQVaxeLT3O8Uxxuas", for: "test-greenhouse")
        let body = #"{"action":"ping","payload":{"web_hook_id":4001693002,"endpoint_url":"https://67e09e60.ngrok.io/webhooks","created_at":"2018-12-20T15:43:12Z","updated_at":"2018-12-27T09:40:14Z","name":"Job Post Create","event":"Job Post Created","active":true,"content-type":"application/json"}}"#
        try await withApp(env) { client, store in
            try await client.execute(
                uri: "/v1/webhooks/test-greenhouse", method: .post,
                headers: [.contentType: "application/json", HTTPField.Name("Signature")!: "sha256 395b1309fd37f0732d1ed11c15e03edd61b818918df6bf93be7c71bafb09c877"],
                body: ByteBuffer(string: body)
            ) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(
                uri: "/v1/webhooks/test-greenhouse", method: .post,
                headers: [.contentType: "application/json", HTTPField.Name("Signature")!: "sha256 395b1309fd37f0732d1ed11c15e03edd61b818918df6bf93be7c71bafb09c870"],
                body: ByteBuffer(string: body)
            ) { r in
                #expect(r.status == .unauthorized)
            }
            #expect(try await store.queueDepth() == 0)
        }
    }

    @Test("the Standard Webhooks spec vector is accepted at its own time and refused as stale today")
    func standardVector() async throws {
        var env = try TestEnvironment(profiles: ["standard"])
        env = try env.withSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", for: "test-standard")
        let headers: HTTPFields = [
            .contentType: "application/json",
            HTTPField.Name("webhook-id")!: "msg_p5jXN8AQM9LWM0D4loKWxJek",
            HTTPField.Name("webhook-timestamp")!: "1614265330",
            HTTPField.Name("webhook-signature")!: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ]
        let body = ByteBuffer(string: #"{"test": 2432232314}"#)
        try await withApp(env, clock: FixedClock(unix: 1_614_265_330)) { client, store in
            try await client.execute(uri: "/v1/webhooks/test-standard", method: .post, headers: headers, body: body) { r in
                #expect((200..<300).contains(r.status.code))
            }
            #expect(try await store.events(EventFilter()).first?.dedupeKey == "msg_p5jXN8AQM9LWM0D4loKWxJek")
        }
        let fresh = try TestEnvironment(profiles: ["standard"]).withSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", for: "test-standard")
        try await withApp(fresh, clock: SystemClock()) { client, store in
            try await client.execute(uri: "/v1/webhooks/test-standard", method: .post, headers: headers, body: body) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.contentType] == "application/problem+json")
                #expect(Self.code(r.body) == "stale_timestamp")
            }
            #expect(try await store.queueDepth() == 0)
        }
    }

    @Test("a flipped byte in the body is refused with 401 problem+json", arguments: TestEnvironment.profileNames)
    func flippedByte(profile: String) async throws {
        let env = try TestEnvironment(profiles: [profile])
        let signed = try env.sign(integration: "test-\(profile)", body: try env.applicationSample(profile: profile))
        var tampered = [UInt8](signed.body)
        // Flip a byte inside a JSON string value so the body stays valid JSON.
        let idx = try #require(tampered.lastIndex(of: UInt8(ascii: "\"")).map { $0 - 1 })
        tampered[idx] = tampered[idx] == UInt8(ascii: "a") ? UInt8(ascii: "b") : UInt8(ascii: "a")
        let tamperedBody = tampered
        try await withApp(env) { client, store in
            try await client.execute(uri: "/v1/webhooks/test-\(profile)", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(bytes: tamperedBody)) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.contentType] == "application/problem+json")
                let p = try Self.problem(r.body)
                #expect(p["status"] as? Int == 401)
                #expect(p["code"] as? String == "bad_signature")
            }
            #expect(try await store.queueDepth() == 0)
        }
    }

    @Test("a missing signature is 401")
    func missingSignature() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        try await withApp(env) { client, _ in
            try await client.execute(uri: "/v1/webhooks/test-greenhouse", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) { r in
                #expect(r.status == .unauthorized)
            }
        }
    }

    @Test("a redelivery is answered with success and stored once")
    func redelivery() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let signed = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"), deliveryID: "evt-77")
        try await withApp(env) { client, store in
            var ids: [String] = []
            for expectDuplicate in [false, true] {
                try await client.execute(uri: "/v1/webhooks/test-greenhouse", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(data: signed.body)) { r in
                    #expect(r.status == .ok)
                    let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
                    #expect(json["duplicate"] as? Bool == expectDuplicate)
                    ids.append(try #require(json["eventId"] as? String))
                }
            }
            #expect(ids[0] == ids[1])
            #expect(try await store.events(EventFilter()).count == 1)
            #expect(try await store.queueDepth() == 1)
        }
    }

    @Test("malformed JSON with a valid signature is 400")
    func malformedJSON() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse", "workable"])
        for integration in ["test-greenhouse", "test-workable"] {
            let signed = try env.sign(integration: integration, body: Data(#"{"action": "new_candidate_application", "payload": "#.utf8))
            try await withApp(env) { client, store in
                try await client.execute(uri: "/v1/webhooks/\(integration)", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(data: signed.body)) { r in
                    #expect(r.status == .badRequest)
                    #expect(r.headers[.contentType] == "application/problem+json")
                    #expect(Self.code(r.body) == "malformed_payload")
                }
                #expect(try await store.queueDepth() == 0)
            }
        }
    }

    @Test("an oversize body is 413 problem+json")
    func oversize() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let big = Data(#"{"a":""#.utf8) + Data(repeating: UInt8(ascii: "x"), count: 5 * 1024 * 1024 + 10) + Data(#""}"#.utf8)
        let signed = try env.sign(integration: "test-greenhouse", body: big)
        try await withApp(env) { client, store in
            try await client.execute(uri: "/v1/webhooks/test-greenhouse", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(data: signed.body)) { r in
                #expect(r.status == .contentTooLarge)
                #expect(r.headers[.contentType] == "application/problem+json")
                #expect(Self.code(r.body) == "payload_too_large")
            }
            #expect(try await store.queueDepth() == 0)
        }
    }

    @Test("an unknown integration is 404 problem+json")
    func unknownIntegration() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        try await withApp(env) { client, _ in
            try await client.execute(uri: "/v1/webhooks/nobody", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}")) { r in
                #expect(r.status == .notFound)
                #expect(r.headers[.contentType] == "application/problem+json")
                let p = try Self.problem(r.body)
                #expect(p["code"] as? String == "unknown_integration")
                #expect(p["instance"] as? String == "/v1/webhooks/nobody")
            }
        }
    }

    @Test("a wrong content type is 415 problem+json")
    func wrongContentType() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        var s = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"))
        s.headers = s.headers.filter { $0.key.lowercased() != "content-type" }
        s.headers["Content-Type"] = "text/plain"
        let signed = s
        try await withApp(env) { client, store in
            try await client.execute(uri: "/v1/webhooks/test-greenhouse", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(data: signed.body)) { r in
                #expect(r.status == .unsupportedMediaType)
                #expect(Self.code(r.body) == "unsupported_media_type")
            }
            #expect(try await store.queueDepth() == 0)
        }
    }

    @Test("an unavailable store is 503 with Retry-After, never 4xx")
    func storeUnavailable() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let signed = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"))
        let app = Application(router: buildRouter(try env.dependencies(store: FailingStore())))
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/webhooks/test-greenhouse", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(data: signed.body)) { r in
                #expect(r.status == .serviceUnavailable)
                #expect(r.headers[.retryAfter] != nil)
                #expect(Self.code(r.body) == "store_unavailable")
            }
            try await client.execute(uri: "/readyz", method: .get) { r in
                #expect(r.status == .serviceUnavailable)
            }
        }
    }

    @Test("health, readiness, metrics and the OpenAPI document are served")
    func operations() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let signed = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"))
        try await withApp(env) { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { r in #expect(r.status == .ok) }
            try await client.execute(uri: "/v1/webhooks/test-greenhouse", method: .post, headers: Self.fields(signed.headers), body: ByteBuffer(data: signed.body)) { r in
                #expect(r.status == .ok)
                #expect(r.headers[HTTPField.Name("X-Request-ID")!] != nil)
            }
            try await client.execute(uri: "/metrics", method: .get) { r in
                let text = String(buffer: r.body)
                #expect(text.contains(#"screener_deliveries_total{integration="test-greenhouse",outcome="stored"} 1"#))
                #expect(text.contains("screener_intake_duration_seconds_bucket"))
                #expect(text.contains("screener_queue_depth 1"))
            }
            try await client.execute(uri: "/openapi.yaml", method: .get) { r in
                #expect(r.status == .ok)
                #expect(String(buffer: r.body).contains("/v1/webhooks/{integration}"))
            }
        }
    }
}

/// A store whose every call fails, as a locked or missing database would.
struct FailingStore: ScreenerStore {
    func fail() -> ScreenerError { ScreenerError(.storeUnavailable, "database is locked") }
    func migrate() async throws { throw fail() }
    func pendingMigrations() async throws -> [String] { throw fail() }
    func ping() async throws { throw fail() }
    func recordDelivery(_ delivery: NewRawEvent) async throws -> RecordOutcome { throw fail() }
    func event(id: String) async throws -> RawEvent? { throw fail() }
    func events(_ filter: EventFilter) async throws -> [RawEvent] { throw fail() }
    func claimWork(owner: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [WorkItem] { throw fail() }
    func completeWork(_ item: WorkItem, result: Data?, now: Date) async throws { throw fail() }
    func failWork(_ item: WorkItem, reason: String, permanent: Bool, policy: RetryPolicy, now: Date) async throws -> WorkItem.State { throw fail() }
    func replay(eventID: String, now: Date) async throws { throw fail() }
    func queueDepth() async throws -> Int { throw fail() }
}
