import ATSIntegration
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import NIOHTTP1
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Synchronization
import Testing

/// The `/v1` API over real loopback HTTP after real deliveries: role boundaries, criteria versions,
/// the shortlist and candidate reads (access-logged), erasure completeness, and logs without PII.
@Suite("Pipeline API", .serialized)
struct PipelineAPITests {
    struct Reply {
        var status: Int
        var body: Data
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    }

    static func call(_ http: HTTPClient, port: Int, _ method: HTTPMethod, _ path: String, token: String?, body: String? = nil, contentType: String = "application/yaml") async throws -> Reply {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        return Reply(status: Int(response.status.code), body: Data(buffer: try await response.body.collect(upTo: 1 << 22)))
    }

    /// Runs three deliveries through the pipeline with the store sealing by `sealer` (nil: the
    /// environment's data key), then calls `body` with the running service's port.
    static func withProcessedCandidates(
        plaintext: Bool = false, logger: Logger = Logger(label: "test"),
        configure: (inout ScreenerDependencies) -> Void = { _ in },
        _ body: @escaping @Sendable (TestEnvironment, SQLiteStore, HTTPClient, Int) async throws -> Void
    ) async throws {
        let fake = try await FakeATS.start()
        let http = HTTPClient.shared  // never shut down, so a failing test cannot crash the runner
        try await LocalFileServer.run { files in
            for i in 0..<3 { files.store.put(PipelineHarness.resume(6 - i), as: "resume-\(i).txt", contentType: "text/plain") }
            let env = try PipelineHarness.environment(files: files, fake: fake, debounce: 0)
            let store = plaintext
                ? try SQLiteStore(path: env.configuration.database.path, sealer: PlaintextSealer())
                : try await env.openStore()
            try await store.migrate()
            _ = try await store.putCriteria(PipelineHarness.criteria(), jobId: PipelineHarness.jobID, source: .cli, now: Date())
            let sample = try env.applicationSample(profile: "greenhouse")
            var deps = try PipelineHarness.dependencies(env: env, store: store, httpClient: http, logger: logger)
            configure(&deps)
            let app = buildApplication(deps)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                for i in 0..<3 {
                    let delivery = try PipelineHarness.delivery(i, sample: sample, resumeURL: "\(files.baseURL)/files/resume-\(i).txt")
                    _ = try await PipelineHarness.post(http, port: port, integration: "test-greenhouse", signed: try env.sign(integration: "test-greenhouse", body: delivery))
                }
                let settled = try await PipelineHarness.eventually(seconds: 30) {
                    try await store.postBacks(state: .delivered, jobId: nil, candidateId: nil, limit: 10).count == 3
                }
                #expect(settled)
                try await body(env, store, http, port)
            }
        }
        await fake.stop()
    }

    @Test("every role boundary of the jobs and candidates API, and criteria put as versions")
    func rolesAndCriteria() async throws {
        try await Self.withProcessedCandidates { _, store, http, port in
            let recruiter = try await store.createToken(name: "r", role: .recruiter, expiresAt: nil, now: Date()).secret
            let admin = try await store.createToken(name: "a", role: .admin, expiresAt: nil, now: Date()).secret
            let compliance = try await store.createToken(name: "c", role: .compliance, expiresAt: nil, now: Date()).secret
            let ats = try await store.createToken(name: "g", role: .ats, expiresAt: nil, now: Date()).secret
            let expired = try await store.createToken(name: "x", role: .recruiter, expiresAt: Date().addingTimeInterval(-60), now: Date().addingTimeInterval(-120)).secret
            let job = PipelineHarness.jobID.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
            let candidateID = try #require(try await store.latestShortlist(jobId: PipelineHarness.jobID)?.entries.first?.candidateId)
            let paths = ["/v1/jobs", "/v1/jobs/\(job)", "/v1/jobs/\(job)/shortlist", "/v1/candidates/\(candidateID)"]
            for path in paths {
                let r = try await Self.call(http, port: port, .GET, path, token: recruiter)
                #expect(r.status == 200, "recruiter \(path): \(String(decoding: r.body, as: UTF8.self))")
                #expect(try await Self.call(http, port: port, .GET, path, token: admin).status == 200, "admin \(path)")
                #expect(try await Self.call(http, port: port, .GET, path, token: compliance).status == 403, "compliance \(path)")
                #expect(try await Self.call(http, port: port, .GET, path, token: ats).status == 403, "ats \(path)")
                #expect(try await Self.call(http, port: port, .GET, path, token: nil).status == 401, "anonymous \(path)")
                #expect(try await Self.call(http, port: port, .GET, path, token: expired).status == 401, "expired \(path)")
                let tampered = String(recruiter.dropLast()) + (recruiter.hasSuffix("A") ? "E" : "A")
                #expect(try await Self.call(http, port: port, .GET, path, token: tampered).status == 401, "tampered \(path)")
            }

            // Criteria: a change makes version 2 (201); the same again is 200; a lint error is 422.
            let yaml = "title: Senior Backend Engineer\nrequiredSkills: [Swift, PostgreSQL, Kubernetes, Docker, gRPC]\nshortlist: {size: 2}\n"
            let put = try await Self.call(http, port: port, .PUT, "/v1/jobs/\(job)/criteria", token: recruiter, body: yaml)
            #expect(put.status == 201)
            let jobIDs = try await store.jobs().map(\.id)
            #expect((put.json as? [String: Any])?["version"] as? Int == 2, "\(String(decoding: put.body, as: UTF8.self)) jobs: \(jobIDs)")
            #expect(try await Self.call(http, port: port, .PUT, "/v1/jobs/\(job)/criteria", token: recruiter, body: yaml).status == 200)
            let biased = try await Self.call(http, port: port, .PUT, "/v1/jobs/\(job)/criteria", token: recruiter,
                                             body: "title: Young and energetic engineer\nrequiredSkills: [Swift]\n")
            #expect(biased.status == 422)
            #expect((biased.json as? [String: Any])?["code"] as? String == "criteria_lint_failed")
            #expect(try await Self.call(http, port: port, .PUT, "/v1/jobs/\(job)/criteria", token: compliance, body: yaml).status == 403)
            #expect(try await Self.call(http, port: port, .PUT, "/v1/jobs/\(job)/criteria", token: recruiter, body: "{}", contentType: "text/plain").status == 415)

            // The service rescored under version 2: the shortlist follows (size 2).
            let rescored = try await PipelineHarness.eventually(seconds: 20) {
                let s = try await store.latestShortlist(jobId: PipelineHarness.jobID)
                return s?.criteriaVersion == 2 && s?.entries.count == 2
            }
            #expect(rescored)
            let shortlist = try await Self.call(http, port: port, .GET, "/v1/jobs/\(job)/shortlist", token: recruiter)
            let decoded = try JSONDecoder.iso.decode(Shortlist.self, from: shortlist.body)
            #expect(decoded.criteriaVersion == 2 && decoded.diff != nil)

            // Reads of personal data are in the access log, with the principal and the candidate id.
            let log = try await store.accessLog(since: nil, limit: 1000)
            #expect(log.contains { $0.resourceType == .candidate && $0.resourceID == candidateID && $0.action == .read })
            #expect(log.contains { $0.resourceType == .shortlist && $0.action == .read })
        }
    }

    @Test("after DELETE /v1/candidates/{id}, no table or file of the data directory holds the candidate's email, phone or name")
    func erasureCompleteness() async throws {
        // Plaintext sealing, so that a copy left behind would be visible in the files.
        let forgotten = ForgottenInputs()
        try await Self.withProcessedCandidates(plaintext: true, configure: { deps in
            deps.pipeline?.pipeline.forgetCachedScores = { inputs in forgotten.inputs.withLock { $0.formUnion(inputs) } }
        }) { env, store, http, port in
            let admin = try await store.createToken(name: "a", role: .admin, expiresAt: nil, now: Date()).secret
            let candidateID = store.candidateID(integration: "test-greenhouse", externalId: "100001")
            let needles = ["candidate1@example.com", "Number1", "555 010 0001", "resume-1.txt"]
            func copiesLeft() throws -> [String] {
                let dir = URL(fileURLWithPath: env.configuration.database.path).deletingLastPathComponent()
                var found: [String] = []
                for file in try FileManager.default.contentsOfDirectory(atPath: dir.path) {
                    guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(file).path) else { continue }
                    for n in needles where data.range(of: Data(n.utf8)) != nil { found.append("\(n) in \(file)") }
                }
                return found
            }
            #expect(!(try copiesLeft()).isEmpty, "the check must see the data before erasure")
            let erased = try await Self.call(http, port: port, .DELETE, "/v1/candidates/\(candidateID)", token: admin)
            #expect(erased.status == 200)
            #expect(try copiesLeft() == [])
            #expect(try await Self.call(http, port: port, .GET, "/v1/candidates/\(candidateID)", token: admin).status == 404)
            // Aggregates for audits stay: the score total and the outcome rows.
            let apps = try await store.applications(candidateId: candidateID)
            #expect(apps.count == 1)
            #expect(try await store.scores(applicationId: apps[0].id).first?.score.total ?? 0 > 0)
            // The adapters' response caches were told to forget the candidate's inputs.
            let inputs = Set(try await store.scores(applicationId: apps[0].id).map(\.score.provenance.inputSHA256))
            #expect(!inputs.isEmpty && forgotten.inputs.withLock { $0 } == inputs)
            // The other candidates are untouched.
            let other = store.candidateID(integration: "test-greenhouse", externalId: "100002")
            #expect(try await store.candidate(id: other)?.identity?.emails == ["candidate2@example.com"])
        }
    }

    @Test("no log line carries a candidate's name, email or phone during a full run")
    func logsCarryNoPII() async throws {
        let sink = CapturingLogSink()
        var logger = Logger(label: "screener") { label in JSONLogHandler(label: label) { sink.append($0) } }
        // Debug is the lowest level Screener's own code logs at (trace would add only the HTTP
        // libraries' byte-level chatter and make the run CPU-bound).
        logger.logLevel = .debug
        try await Self.withProcessedCandidates(logger: logger) { _, _, _, _ in }
        #expect(sink.all.count > 10, "the run must have logged something")
        for i in 0..<3 {
            for needle in ["candidate\(i)@example.com", "Number\(i)", "555 010 000\(i)"] {
                #expect(!sink.all.contains { $0.contains(needle) }, "a log line contains \(needle)")
            }
        }
    }
}

final class ForgottenInputs: Sendable {
    let inputs = Mutex<Set<String>>([])
}

extension JSONDecoder {
    static var iso: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
