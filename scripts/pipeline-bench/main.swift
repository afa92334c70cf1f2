import ATSIntegration
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import ResumeParsing
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage

/// `pipeline-bench [N] [CONCURRENCY] [RATE]`: end-to-end latency from an accepted webhook to the Standard
/// Webhooks `shortlist.updated` callback that first lists the candidate, and sustained candidates
/// per second. Everything runs over loopback: the service (in process, builtin model, two workers,
/// parsing in process), a local resume file server (allow-listed) and a callback receiver. Debounce
/// is 0 (it applies to candidate notes only; standard callbacks go out per revision). With RATE > 0,
/// deliveries are paced at RATE per second (latency without a backlog); with 0 they go as fast as
/// CONCURRENCY senders allow (sustained throughput).
@main
enum PipelineBench {
    static func main() async throws {
        try await run()
    }

    nonisolated static func run() async throws {
        let args = CommandLine.arguments.dropFirst().compactMap { Int($0) }
        let n = args.first ?? 200
        let concurrency = args.dropFirst().first ?? 4
        let rate = Double(args.dropFirst(2).first ?? 0)
        LoggingSystem.bootstrap { label in var h = StreamLogHandler.standardError(label: label); h.logLevel = .error; return h }
        let fake = try await FakeATS.start()
        let http = HTTPClient(eventLoopGroupProvider: .singleton)
        try await LocalFileServer.run { files in
            for i in 0..<n { files.store.put(resume(i), as: "r\(i).txt", contentType: "text/plain") }
            let port = try ServerProcess.freePort()
            let env = try TestEnvironment(profiles: ["standard"], workers: 2, port: port).configured { config, env in
                let i = TestEnvironment.integrationIndex("test-standard", in: config)!
                config.integrations[i].fetch = FetchSettings(allowHosts: [files.hostAndPort], allowHTTP: true)
                config.integrations[i].postBack = WriterSettings(
                    integration: "test-standard", callbackURL: fake.standardCallbackURL, signingSecret: "env:BENCH_CALLBACK_SECRET")
                config.delivery.debounceSeconds = 0
                config.workers.pollSeconds = 0.005
                config.server.host = "127.0.0.1"
                env["BENCH_CALLBACK_SECRET"] = "whsec_" + Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            }
            let store = try await env.openStore()
            var criteria = JobCriteria(id: "test-standard:job_0042", title: "Senior Swift Engineer",
                                       requiredSkills: ["Swift", "PostgreSQL", "Kubernetes"].map { .init(name: $0) },
                                       shortlist: .init(size: n, minScore: 0))
            criteria.preferredSkills = [.init(name: "Go")]
            _ = try await store.putCriteria(criteria, jobId: criteria.id, source: .cli, now: Date())
            let taxonomy = try SkillTaxonomy.loadBundled()
            var deps = try env.dependencies(store: store, logger: Logger(label: "bench"))
            deps.pipeline = try PipelineServices.build(
                configuration: env.configuration, store: store,
                parser: InProcessDocumentParser(parser: ResumeParser(taxonomy: taxonomy, clock: SystemClock())),
                httpClient: http, taxonomy: taxonomy, clock: SystemClock(), logger: Logger(label: "bench"),
                environment: env.environment)
            let app = buildApplication(deps)
            let sample = try env.applicationSample(profile: "standard")
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await app.runService() }
                try await ServerProcess.waitUntilHealthy(port: port, client: http)
                let bodies = try (0..<n).map { i in try env.sign(integration: "test-standard", body: delivery(i, sample: sample, url: "\(files.baseURL)/files/r\(i).txt")) }
                let start = Date()
                let accepted = try await withThrowingTaskGroup(of: (Int, Date).self) { senders in
                    var next = 0
                    var out: [Int: Date] = [:]
                    func add() {
                        let i = next
                        next += 1
                        senders.addTask {
                            if rate > 0 {
                                let due = start.addingTimeInterval(Double(i) / rate)
                                let wait = due.timeIntervalSinceNow
                                if wait > 0 { try await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
                            }
                            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/webhooks/test-standard")
                            request.method = .POST
                            for (k, v) in bodies[i].headers { request.headers.replaceOrAdd(name: k, value: v) }
                            request.body = .bytes(ByteBuffer(data: bodies[i].body))
                            let response = try await http.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 1 << 16)
                            guard (200..<300).contains(Int(response.status.code)) else { throw ScreenerError(.invalidInput, "HTTP \(response.status.code)") }
                            return (i, Date())
                        }
                    }
                    for _ in 0..<min(concurrency, n) { add() }
                    while let (i, at) = try await senders.next() {
                        out[i] = at
                        if next < n { add() }
                    }
                    return out
                }
                // Wait until every candidate has appeared in a callback.
                let ids = (0..<n).map { store.candidateID(integration: "test-standard", externalId: "bench-\($0)") }
                var firstSeen: [String: Date] = [:]
                let deadline = Date().addingTimeInterval(600)
                while firstSeen.count < n && Date() < deadline {
                    for r in fake.requests(.standardCallback) {
                        guard let json = try? JSONSerialization.jsonObject(with: r.body) as? [String: Any],
                              let data = json["data"] as? [String: Any], let entries = data["entries"] as? [[String: Any]] else { continue }
                        for e in entries { if let id = e["candidateId"] as? String, firstSeen[id] == nil || firstSeen[id]! > r.receivedAt { firstSeen[id] = r.receivedAt } }
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                let end = firstSeen.values.max() ?? Date()
                var latencies: [Double] = []
                for (i, id) in ids.enumerated() {
                    if let seen = firstSeen[id], let acc = accepted[i] { latencies.append(max(0, seen.timeIntervalSince(acc)) * 1000) }
                }
                latencies.sort()
                func pct(_ p: Double) -> Double { latencies.isEmpty ? .nan : latencies[min(latencies.count - 1, Int(Double(latencies.count - 1) * p))] }
                print(String(format: "pipeline: %d candidates, concurrency %d, rate %@: accepted→callback p50 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f candidates/s end to end; %d callbacks",
                             latencies.count, concurrency, rate > 0 ? "\(Int(rate))/s" : "unpaced", pct(0.5), pct(0.99), latencies.last ?? .nan,
                             Double(latencies.count) / end.timeIntervalSince(start), fake.requests(.standardCallback).count))
                group.cancelAll()
            }
        }
        await fake.stop()
        try await http.shutdown()
    }

    nonisolated static func resume(_ i: Int) -> Data {
        let skills = ["Swift", "PostgreSQL", "Kubernetes", "Go", "Docker", "Redis"].prefix(1 + i % 6).joined(separator: ", ")
        return Data("Bench Person\(i)\nperson\(i)@example.com\n\nEXPERIENCE\nSoftware Engineer, Example Corp\nJanuary 2017 - March 2024\nBuilt services in \(skills).\n\nEDUCATION\nBSc Computer Science, 2016\n\nSKILLS\n\(skills)\n".utf8)
    }

    nonisolated static func delivery(_ i: Int, sample: Data, url: String) throws -> Data {
        var json = try JSONSerialization.jsonObject(with: sample) as! [String: Any]
        var data = json["data"] as! [String: Any]
        var candidate = data["candidate"] as! [String: Any]
        candidate["id"] = "bench-\(i)"
        candidate["emails"] = ["person\(i)@example.com"]
        var application = data["application"] as! [String: Any]
        application["id"] = "bench-app-\(i)"
        data["candidate"] = candidate
        data["application"] = application
        data["resume"] = ["url": url, "fileName": "r\(i).txt", "contentType": "text/plain"]
        data.removeValue(forKey: "eeo")
        json["data"] = data
        return try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    }
}
