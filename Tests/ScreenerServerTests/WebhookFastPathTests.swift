import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ScreenerCore
@testable import ScreenerServer
import ScreenerTestSupport
import Storage
import Synchronization
import Testing

/// The intake fast path (`WebhookIntakeHandler`), end to end over loopback: it answers what the
/// router would, hands every refusal to the router, keeps HTTP/1.1 answers in order on a
/// connection, and holds the route's time limit.
@Suite("Webhook intake fast path")
struct WebhookFastPathTests {
    /// Counts which entry point intake used: the fast path calls the completion-handler form.
    final class CountingStore: ScreenerStore {
        let base: any ScreenerStore
        let callbacks = Atomic<Int>(0)
        let asyncCalls = Atomic<Int>(0)
        /// Delay before a completion-handler commit starts (to hold a delivery in flight).
        let delay: Double
        init(_ base: any ScreenerStore, delay: Double = 0) { self.base = base; self.delay = delay }
        func migrate() async throws { try await base.migrate() }
        func pendingMigrations() async throws -> [String] { try await base.pendingMigrations() }
        func ping() async throws { try await base.ping() }
        func recordDelivery(_ delivery: NewRawEvent) async throws -> RecordOutcome {
            asyncCalls.add(1, ordering: .relaxed)
            return try await base.recordDelivery(delivery)
        }
        func recordDelivery(_ delivery: NewRawEvent, completion: @escaping @Sendable (Result<RecordOutcome, any Error>) -> Void) {
            callbacks.add(1, ordering: .relaxed)
            if delay > 0 {
                let base = base
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) { base.recordDelivery(delivery, completion: completion) }
            } else {
                base.recordDelivery(delivery, completion: completion)
            }
        }
        func event(id: String) async throws -> RawEvent? { try await base.event(id: id) }
        func events(_ filter: EventFilter) async throws -> [RawEvent] { try await base.events(filter) }
        func claimWork(owner: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [WorkItem] {
            try await base.claimWork(owner: owner, limit: limit, lease: lease, now: now)
        }
        func completeWork(_ item: WorkItem, result: Data?, now: Date) async throws { try await base.completeWork(item, result: result, now: now) }
        func failWork(_ item: WorkItem, reason: String, permanent: Bool, policy: RetryPolicy, now: Date) async throws -> WorkItem.State {
            try await base.failWork(item, reason: reason, permanent: permanent, policy: policy, now: now)
        }
        func replay(eventID: String, now: Date) async throws { try await base.replay(eventID: eventID, now: now) }
        func queueDepth() async throws -> Int { try await base.queueDepth() }
    }

    /// A live server on an ephemeral loopback port, with the fast path on or off.
    static func withServer(_ deps: ScreenerDependencies, fastPath: Bool = true, _ body: @Sendable (Int) async throws -> Void) async throws {
        var deps = deps
        deps.configuration.server.intakeFastPath = fastPath
        let handlers = webhookIntakeHandlers(deps)
        let app = Application(
            router: buildRouter(deps),
            server: .http1(configuration: .init(additionalChannelHandlers: handlers())),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "screener")
        )
        try await app.test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    static func post(_ integration: String, _ signed: (headers: [String: String], body: Data), extra: [(String, String)] = []) -> Data {
        RawHTTPConnection.request(
            path: "/v1/webhooks/\(integration)", headers: signed.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + extra,
            body: signed.body)
    }

    static func send(_ port: Int, _ requests: [Data], expecting: Int? = nil) async throws -> [RawHTTPConnection.Response] {
        let outcome = try await RawHTTPConnection.exchange(port: port, chunks: [requests.reduce(Data(), +)], expecting: expecting ?? requests.count)
        return outcome.responses
    }

    static func json(_ r: RawHTTPConnection.Response) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: r.body) as? [String: Any]) ?? [:]
    }

    @Test("every profile: a new delivery is stored and a redelivery deduplicated, answered exactly as the router answers")
    func sameAnswersAsRouter() async throws {
        let env = try TestEnvironment(profiles: TestEnvironment.profileNames)
        let fastStore = CountingStore(try await env.openStore())
        let routerEnv = try TestEnvironment(profiles: TestEnvironment.profileNames)
        let routerStore = try await routerEnv.openStore()
        var signedByProfile: [(String, (headers: [String: String], body: Data), (headers: [String: String], body: Data))] = []
        for profile in TestEnvironment.profileNames {
            let sample = try env.applicationSample(profile: profile)
            let id = "fast-\(profile)-1"
            signedByProfile.append((
                profile,
                try env.sign(integration: "test-\(profile)", body: sample, deliveryID: id),
                try routerEnv.sign(integration: "test-\(profile)", body: sample, deliveryID: id)))
        }
        let cases = signedByProfile
        nonisolated(unsafe) var fastAnswers: [String: [RawHTTPConnection.Response]] = [:]
        nonisolated(unsafe) var routerAnswers: [String: [RawHTTPConnection.Response]] = [:]
        try await Self.withServer(try env.dependencies(store: fastStore)) { port in
            for (profile, signed, _) in cases {
                let request = Self.post("test-\(profile)", signed)
                fastAnswers[profile] = try await Self.send(port, [request, request])
            }
        }
        try await Self.withServer(try routerEnv.dependencies(store: routerStore), fastPath: false) { port in
            for (profile, _, signed) in cases {
                let request = Self.post("test-\(profile)", signed)
                routerAnswers[profile] = try await Self.send(port, [request, request])
            }
        }
        for profile in TestEnvironment.profileNames {
            let fast = try #require(fastAnswers[profile]), router = try #require(routerAnswers[profile])
            try #require(fast.count == 2 && router.count == 2, "\(profile): \(fast.count) fast and \(router.count) router answers")
            for n in 0..<2 {
                #expect(fast[n].status == router[n].status, "\(profile) #\(n + 1)")
                #expect(Set(fast[n].headers.keys) == Set(router[n].headers.keys), "\(profile) #\(n + 1)")
                for name in ["content-type", "x-content-type-options", "cache-control", "x-frame-options", "referrer-policy", "content-security-policy", "server"] {
                    #expect(fast[n].headers[name] == router[n].headers[name], "\(profile) #\(n + 1) \(name)")
                }
            }
            if profile == "lever" {
                // Lever's token is single-use: the redelivery is a replay, refused by the router.
                #expect(fast[0].status == 200)
                #expect(fast[1].status == 401)
                #expect(Self.json(fast[1])["code"] as? String == "replayed_token")
            } else {
                #expect((200..<300).contains(fast[0].status))
                #expect(Self.json(fast[0])["duplicate"] as? Bool == false)
                #expect(Self.json(fast[1])["duplicate"] as? Bool == true)
                #expect(Self.json(fast[0])["eventId"] as? String == Self.json(fast[1])["eventId"] as? String)
            }
            #expect(fast[0].headers["date"]?.hasSuffix(" GMT") == true)
        }
        #expect(try await fastStore.events(EventFilter(limit: 100)).count == TestEnvironment.profileNames.count)
        // Every delivery that verified went through the fast path; only Lever's replay reached the router's store call.
        #expect(fastStore.callbacks.load(ordering: .relaxed) == 2 * TestEnvironment.profileNames.count)
        #expect(fastStore.asyncCalls.load(ordering: .relaxed) == 1)
    }

    @Test("refusals take the router: bad signature 401, wrong content type 415, malformed JSON 400, oversize 413, unknown integration 404")
    func refusalsTakeTheRouter() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"]).configured { config, _ in config.server.maxBodyBytes = 64 * 1024 }
        let store = CountingStore(try await env.openStore())
        let sample = try env.applicationSample(profile: "greenhouse")
        let good = try env.sign(integration: "test-greenhouse", body: sample, deliveryID: "r-1")
        var flipped = good
        flipped.body[flipped.body.startIndex + 10] ^= 0x01
        var textPlain = try env.sign(integration: "test-greenhouse", body: sample, deliveryID: "r-2")
        textPlain.headers["Content-Type"] = "text/plain"
        let malformed = try env.sign(integration: "test-greenhouse", body: Data(#"{"action":"new_candidate_application","payload":"#.utf8), deliveryID: "r-3")
        let huge = try env.sign(integration: "test-greenhouse", body: Data(repeating: 0x20, count: 65 * 1024), deliveryID: "r-4")
        let refused = [Self.post("test-greenhouse", flipped), Self.post("test-greenhouse", textPlain), Self.post("test-greenhouse", malformed)]
        try await Self.withServer(try env.dependencies(store: store)) { port in
            let answers = try await Self.send(port, [
                refused[0], refused[1], refused[2], Self.post("nope", good), Self.post("test-greenhouse", good),
            ])
            try #require(answers.count == 5)
            // The last is pipelined behind requests the router still owes answers to, so the router takes it too.
            #expect(answers.map(\.status) == [401, 415, 400, 404, 200])
            #expect(answers.map { Self.json($0)["code"] as? String } == ["bad_signature", "unsupported_media_type", "malformed_payload", "unknown_integration", nil])
            #expect(store.asyncCalls.load(ordering: .relaxed) == 1)
            // Alone on a connection, the same delivery is the fast path's (a duplicate now).
            let again = try await Self.send(port, [Self.post("test-greenhouse", good)])
            #expect(again.first?.status == 200)
            #expect(again.first.map { Self.json($0)["duplicate"] as? Bool } == true)
            #expect(store.callbacks.load(ordering: .relaxed) == 1)
            for a in answers.prefix(4) {
                #expect(a.headers["content-type"] == "application/problem+json")
                #expect(a.headers["x-request-id"] != nil)
            }
            // Over the cap by Content-Length: the router answers 413 (and may close the connection).
            let big = try await Self.send(port, [Self.post("test-greenhouse", huge)])
            #expect(big.first?.status == 413)
        }
        #expect(try await store.events(EventFilter(limit: 100)).count == 1)
    }

    @Test("an unavailable store: the router retries it and answers 503 with Retry-After, never 2xx")
    func storeFailureTakesTheRouter() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let signed = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"))
        try await Self.withServer(try env.dependencies(store: FailingStore())) { port in
            let answers = try await Self.send(port, [Self.post("test-greenhouse", signed)])
            #expect(answers.first?.status == 503)
            #expect(answers.first?.headers["retry-after"] != nil)
            #expect(answers.first.map { Self.json($0)["code"] as? String } == "store_unavailable")
        }
    }

    @Test("pipelined requests are answered in order, whichever path each takes")
    func pipeliningKeepsOrder() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        // Commits take 0.3 s, so a later request on the connection would overtake if it could.
        let store = CountingStore(try await env.openStore(), delay: 0.3)
        let sample = try env.applicationSample(profile: "greenhouse")
        let signed = try (0..<4).map { try env.sign(integration: "test-greenhouse", body: sample, deliveryID: "p-\($0)") }
        var bad = try env.sign(integration: "test-greenhouse", body: sample, deliveryID: "p-bad")
        bad.headers["Signature"] = "sha256 " + String(repeating: "0", count: 64)
        let health = RawHTTPConnection.request(method: "GET", path: "/healthz", headers: [])
        // The first delivery is the fast path's; the rest wait behind it, then take the router
        // (it owes the health answer by then) in their order.
        let mixed = [Self.post("test-greenhouse", signed[0]), health, Self.post("test-greenhouse", bad), Self.post("test-greenhouse", signed[1]), health]
        // Two deliveries alone: both the fast path's, one after the other.
        let deliveries = [Self.post("test-greenhouse", signed[2]), Self.post("test-greenhouse", signed[3])]
        try await Self.withServer(try env.dependencies(store: store)) { port in
            let answers = try await Self.send(port, mixed)
            try #require(answers.count == 5, "got \(answers.count) answers")
            #expect(answers.map(\.status) == [200, 200, 401, 200, 200])
            let ids = [answers[0], answers[3]].map { Self.json($0)["eventId"] as? String }
            #expect(ids[0] != nil && ids[1] != nil && ids[0] != ids[1])
            #expect(answers[2].headers["content-type"] == "application/problem+json")
            for n in [1, 4] { #expect(Self.json(answers[n])["status"] as? String == "ok", "answer \(n + 1) is not the health answer") }
            #expect(store.callbacks.load(ordering: .relaxed) == 1)

            let two = try await Self.send(port, deliveries)
            try #require(two.count == 2)
            #expect(two.map(\.status) == [200, 200])
            #expect(Self.json(two[0])["eventId"] as? String != Self.json(two[1])["eventId"] as? String)
            #expect(store.callbacks.load(ordering: .relaxed) == 3)
        }
        #expect(try await store.events(EventFilter(limit: 100)).count == 4)
    }

    @Test("the webhook time limit: a stalled upload gets 503 request_timeout and the connection closes; a stalled commit gets 503 and the connection stays usable")
    func timeLimit() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"]).configured { config, _ in config.server.timeouts.webhooks = 1 }
        let slowStore = CountingStore(try await env.openStore(), delay: 20)  // far past the 1 s limit, even on a starved machine
        let signed = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"))
        let full = Self.post("test-greenhouse", signed)
        try await Self.withServer(try env.dependencies(store: slowStore)) { port in
            // Half the body, then nothing.
            let stalled = try await RawHTTPConnection.exchange(port: port, chunks: [full.prefix(full.count - 100)], expecting: 1, timeout: 30)
            #expect(stalled.responses.first?.status == 503)
            #expect(stalled.responses.first.map { Self.json($0)["code"] as? String } == "request_timeout")
            #expect(stalled.responses.first?.headers["retry-after"] == "5")
            #expect(stalled.closedByServer)
            // The whole body, but the commit takes 20 s: 503 at the limit, then the connection still answers.
            let health = RawHTTPConnection.request(method: "GET", path: "/healthz", headers: [])
            let slow = try await RawHTTPConnection.exchange(port: port, chunks: [full, health], pause: 1.5, expecting: 2, timeout: 30)
            #expect(slow.responses.map(\.status) == [503, 200])
            #expect(slow.responses.first.map { Self.json($0)["code"] as? String } == "request_timeout")
        }
    }

    @Test("graceful shutdown waits for the delivery in flight and answers it")
    func shutdownAnswersInFlight() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let store = CountingStore(try await env.openStore(), delay: 1.5)
        let signed = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"))
        let request = Self.post("test-greenhouse", signed)
        nonisolated(unsafe) var inFlight: Task<RawHTTPConnection.Outcome, any Error>?
        try await Self.withServer(try env.dependencies(store: store)) { port in
            inFlight = Task { try await RawHTTPConnection.exchange(port: port, chunks: [request], expecting: 1, timeout: 60) }
            // Leave the closure (the server shuts down) while the commit is still in progress.
            while store.callbacks.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        let outcome = try await #require(inFlight).value
        #expect(outcome.responses.first?.status == 200)
        #expect(outcome.responses.first.map { Self.json($0)["duplicate"] as? Bool } == false)
        #expect(try await store.events(EventFilter(limit: 10)).count == 1)
    }

    @Test("with the fast path off every delivery takes the router")
    func fastPathOff() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let store = CountingStore(try await env.openStore())
        let signed = try env.sign(integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"))
        try await Self.withServer(try env.dependencies(store: store), fastPath: false) { port in
            let answers = try await Self.send(port, [Self.post("test-greenhouse", signed)])
            #expect(answers.first?.status == 200)
        }
        #expect(store.callbacks.load(ordering: .relaxed) == 0)
        #expect(store.asyncCalls.load(ordering: .relaxed) == 1)
    }
}
