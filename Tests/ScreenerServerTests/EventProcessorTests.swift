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

@Suite("Event processing")
struct EventProcessorTests {
    func deliver(_ env: TestEnvironment, store: SQLiteStore, integration: String, body: Data, id: String) async throws -> String {
        let signed = try env.sign(integration: integration, body: body, deliveryID: id)
        var h = HTTPFields()
        for (k, v) in signed.headers { h.append(HTTPField(name: HTTPField.Name(k)!, value: v)) }
        let headers = h
        let app = Application(router: buildRouter(try env.dependencies(store: store)))
        return try await app.test(.router) { client in
            try await client.execute(uri: "/v1/webhooks/\(integration)", method: .post, headers: headers, body: ByteBuffer(data: signed.body)) { r in
                #expect((200..<300).contains(r.status.code))
                let json = try #require(JSONSerialization.jsonObject(with: Data(buffer: r.body)) as? [String: Any])
                return try #require(json["eventId"] as? String)
            }
        }
    }

    func processor(_ env: TestEnvironment, store: SQLiteStore) throws -> EventProcessor {
        let deps = try env.dependencies(store: store)
        return EventProcessor(name: "test-worker", store: store, integrations: deps.integrations, clock: SystemClock(), metrics: deps.metrics, logger: Logger(label: "test"))
    }

    @Test("a stored application is mapped into a CandidateEvent and marked processed")
    func mapsApplication() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let store = try await env.openStore()
        let id = try await deliver(env, store: store, integration: "test-greenhouse", body: try env.applicationSample(profile: "greenhouse"), id: "e1")
        #expect(try await processor(env, store: store).runOnce() == 1)
        let e = try #require(try await store.event(id: id))
        #expect(e.status == .processed)
        let mapped = try JSONDecoder.iso8601.decode(CandidateEvent.self, from: try #require(e.mapped))
        #expect(mapped.kind == .application)
        #expect(mapped.candidate?.externalId != nil)
        #expect(try await store.queueDepth() == 0)
    }

    @Test("an event whose mapping fails is quarantined with the reason, and replay re-runs it")
    func quarantinesUnmappable() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let store = try await env.openStore()
        let id = try await deliver(env, store: store, integration: "test-greenhouse", body: Data(#"{"action":"new_candidate_application","payload":{}}"#.utf8), id: "bad-1")
        #expect(try await processor(env, store: store).runOnce() == 1)
        let e = try #require(try await store.event(id: id))
        #expect(e.status == .quarantined)
        #expect(e.lastError?.contains("mapping_failed") == true)
        #expect(try await store.events(EventFilter(status: .quarantined)).map(\.id) == [id])

        // Nothing is lost: replay queues it again (it fails again until the profile is fixed).
        try await store.replay(eventID: id, now: Date())
        #expect(try await store.queueDepth() == 1)
        #expect(try await processor(env, store: store).runOnce() == 1)
        #expect(try await store.event(id: id)?.status == .quarantined)
    }

    @Test("no log line carries a secret, a raw body, a name or an email")
    func logsCarryNoPII() async throws {
        let sink = CapturingLogSink()
        var logger = Logger(label: "screener") { label in
            JSONLogHandler(label: label) { sink.append($0) }
        }
        logger.logLevel = .trace
        let env = try TestEnvironment()
        let store = try await env.openStore()
        let deps = try env.dependencies(store: store, logger: logger)
        let app = Application(router: buildRouter(deps), logger: logger)
        var sensitive: [String] = Array(env.secrets.values.map { String(decoding: $0, as: UTF8.self) })
        sensitive += try await app.test(.router) { client in
            var sensitive: [String] = []
            for profile in TestEnvironment.profileNames {
                let body = try env.applicationSample(profile: profile)
                let mapped = try ProfileMapperProbe.map(env: env, profile: profile, body: body)
                sensitive += [mapped.candidate?.firstName, mapped.candidate?.lastName, mapped.candidate?.fullName].compactMap { $0 }
                sensitive += mapped.candidate?.emails ?? []
                sensitive += mapped.candidate?.phones ?? []
                let signed = try env.sign(integration: "test-\(profile)", body: body)
                var h = HTTPFields()
                for (k, v) in signed.headers { h.append(HTTPField(name: HTTPField.Name(k)!, value: v)) }
                let headers = h
                try await client.execute(uri: "/v1/webhooks/test-\(profile)", method: .post, headers: headers, body: ByteBuffer(data: signed.body)) { _ in }
                // A refused one too: its detail must not echo the body either.
                try await client.execute(uri: "/v1/webhooks/test-\(profile)", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(data: signed.body)) { _ in }
                sensitive.append(String(decoding: signed.body.prefix(40), as: UTF8.self))
            }
            return sensitive
        }
        let worker = EventProcessor(name: "w", store: store, integrations: deps.integrations, clock: SystemClock(), metrics: deps.metrics, logger: logger)
        while await worker.runOnce() > 0 {}
        let lines = sink.all
        #expect(!lines.isEmpty, "the test must see log lines to mean anything")
        #expect(sensitive.count > 12)
        for s in sensitive where s.count >= 3 {
            let hits = lines.filter { $0.contains(s) }
            #expect(hits.isEmpty, "a log line contains sensitive text (\(s.count) chars)")
        }
    }
}

enum ProfileMapperProbe {
    static func map(env: TestEnvironment, profile: String, body: Data) throws -> CandidateEvent {
        let deps = try env.dependencies(store: FailingStore())
        return try #require(deps.integrations["test-\(profile)"]).mapper.map(body: body, eventType: TestEnvironment.sampleHeaders(profile: profile, body: body)["event-name"])
    }
}

extension JSONDecoder {
    static let iso8601: JSONDecoder = {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }()
}
