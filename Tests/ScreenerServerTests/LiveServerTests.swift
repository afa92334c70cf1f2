import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// End to end over real loopback HTTP.
@Suite("Live server", .serialized)
struct LiveServerTests {
    static func post(_ client: HTTPClient, port: Int, integration: String, signed: (headers: [String: String], body: Data)) async throws -> (Int, Data) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/webhooks/\(integration)")
        request.method = .POST
        for (k, v) in signed.headers { request.headers.replaceOrAdd(name: k, value: v) }
        request.body = .bytes(ByteBuffer(data: signed.body))
        let response = try await client.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), Data(buffer: body))
    }

    @Test("500 concurrent signed deliveries give exactly 500 events and no client sees a busy store")
    func concurrentDeliveries() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse", "standard"])
        let store = try await env.openStore()
        let app = Application(
            router: buildRouter(try env.dependencies(store: store)),
            configuration: .init(address: .hostname("127.0.0.1", port: 0))
        )
        let sample = try env.applicationSample(profile: "greenhouse")
        let standardSample = try env.applicationSample(profile: "standard")
        let requests = try (0..<500).map { i in
            i % 2 == 0
                ? ("test-greenhouse", try env.sign(integration: "test-greenhouse", body: sample, deliveryID: "gh-\(i)"))
                : ("test-standard", try env.sign(integration: "test-standard", body: standardSample, deliveryID: "msg_\(i)"))
        }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            // Generous timeouts: the whole suite runs in parallel on 2 cores, so waiting for one of the 64
            // pooled connections can take longer than the 10 s default.
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(timeout: .init(connect: .seconds(120), read: .seconds(120)), connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)))
            let statuses: [Int]
            do { statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (integration, signed) in requests {
                    group.addTask { try await Self.post(http, port: port, integration: integration, signed: signed).0 }
                }
                var all: [Int] = []
                for try await s in group { all.append(s) }
                return all
            } } catch {
                // Shut the client down whatever happened: an HTTPClient dropped unshut crashes the runner.
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
            #expect(statuses.count == 500)
            #expect(statuses.allSatisfy { (200..<300).contains($0) }, "non-2xx: \(statuses.filter { !(200..<300).contains($0) })")
        }
        #expect(try await store.events(EventFilter(limit: 10_000)).count == 500)
        #expect(try await store.queueDepth() == 500)
    }

    @Test("after SIGKILL and restart, and after a graceful SIGTERM under load, every delivery answered 2xx is in the store")
    func killAndRestart() async throws {
        guard let binary = TestPaths.screenerBinary else {
            Issue.record("the screener binary is not built: run `swift build` (make test does) or set SCREENER_BIN")
            return
        }
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await runKillAndRestart(binary: binary, env: env, http: http)
        } catch {
            try? await http.shutdown()
            throw error
        }
        try await http.shutdown()
    }

    func runKillAndRestart(binary: URL, env: TestEnvironment, http: HTTPClient) async throws {
        let port = try ServerProcess.freePort()
        let configPath = env.directory.path("screener.yaml")
        try """
            server: {host: 127.0.0.1, port: \(port)}
            database: {path: \(env.configuration.database.path)}
            profilesDirectory: \(TestPaths.webhooks.path)
            workers: {count: 1}
            integrations:
              - name: test-greenhouse
                profile: greenhouse
                secrets: ["\(env.configuration.integrations[0].secrets[0])"]
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let sample = try env.applicationSample(profile: "greenhouse")

        let acked = AckedSet()
        var server = try ServerProcess.start(binary: binary, config: configPath, environment: env.environment)
        try await ServerProcess.waitUntilHealthy(port: port, client: http)

        // Eight senders keep posting unique deliveries while the server is killed and restarted.
        let stop = AckedSet()
        let senders = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for s in 0..<8 {
                    group.addTask {
                        var n = 0
                        while await !stop.contains("stop") {
                            n += 1
                            let id = "kill-\(s)-\(n)"
                            let signed = try env.sign(integration: "test-greenhouse", body: sample, deliveryID: id)
                            if let (status, _) = try? await Self.post(http, port: port, integration: "test-greenhouse", signed: signed), (200..<300).contains(status) {
                                await acked.insert(id)
                            } else {
                                try await Task.sleep(for: .milliseconds(20))
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
        try await acked.wait(atLeast: 100)
        server.kill(signal: SIGKILL)
        let ackedAtKill = await acked.count
        try await Task.sleep(for: .milliseconds(300))
        server = try ServerProcess.start(binary: binary, config: configPath, environment: env.environment)
        try await ServerProcess.waitUntilHealthy(port: port, client: http)
        try await acked.wait(atLeast: ackedAtKill + 100)
        // Graceful shutdown while the senders are still posting: requests in flight finish, the
        // process exits cleanly, and everything it acknowledged is stored.
        server.kill(signal: SIGTERM)
        await server.waitForExit()
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
        await stop.insert("stop")
        try await senders.value

        let store = try await env.openStore()
        let stored = Set(try await store.events(EventFilter(limit: 1_000_000)).map(\.dedupeKey))
        let missing = await acked.all.subtracting(stored)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(10))")
        #expect(await acked.count >= 200)
    }
}

/// A set shared by concurrent senders.
actor AckedSet {
    private var items = Set<String>()
    func insert(_ s: String) { items.insert(s) }
    func contains(_ s: String) -> Bool { items.contains(s) }
    var count: Int { items.count }
    var all: Set<String> { items }
    func wait(atLeast n: Int, timeout: Duration = .seconds(60)) async throws {
        let deadline = ContinuousClock.now + timeout
        while items.count < n {
            guard ContinuousClock.now < deadline else { throw ScreenerError(.storeUnavailable, "timed out waiting for \(n) acknowledgements (have \(items.count))") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
