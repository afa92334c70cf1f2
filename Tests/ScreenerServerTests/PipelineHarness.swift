import ATSIntegration
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import ResumeParsing
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage

/// What the end-to-end pipeline tests share: synthetic resumes with a known skill ladder, signed
/// Greenhouse deliveries pointing at a local file server, and a configuration whose integration
/// fetches from that server (allow-listed) and posts back to a fake Greenhouse.
enum PipelineHarness {
    static let jobExternalID = "371417"
    static let jobID = "test-greenhouse:371417"
    static let skills = ["Swift", "PostgreSQL", "Kubernetes", "Docker", "gRPC", "Redis"]

    /// Criteria requiring the six skills; shortlist of 10.
    static func criteria() -> JobCriteria {
        JobCriteria(
            id: jobID, title: "Senior Backend Engineer", requiredSkills: skills.map { .init(name: $0) },
            shortlist: .init(size: 10, minScore: 0))
    }

    /// A plain-text resume whose candidate `i` knows the first `i % 7` skills: the ladder makes the
    /// ranking known in advance (more skills, higher score).
    static func resume(_ i: Int) -> Data {
        let known = Array(skills.prefix(i % 7))
        let skillLine = known.isEmpty ? "Microsoft Excel, customer service" : known.joined(separator: ", ")
        return Data("""
            Candidate Number\(i)
            candidate\(i)@example.com
            +1 555 010 \(String(format: "%04d", i))

            EXPERIENCE
            Software Engineer, Example Corp
            January 2016 - March 2024
            Built services using \(skillLine).

            EDUCATION
            BSc Computer Science, Example University, 2015

            SKILLS
            \(skillLine)
            """.utf8)
    }

    /// The Greenhouse application sample with candidate, application and resume URL set for `i`.
    static func delivery(_ i: Int, sample: Data, resumeURL: String) throws -> Data {
        var json = try JSONSerialization.jsonObject(with: sample) as! [String: Any]
        var payload = json["payload"] as! [String: Any]
        var application = payload["application"] as! [String: Any]
        var candidate = application["candidate"] as! [String: Any]
        application["id"] = 500_000 + i
        candidate["id"] = 100_000 + i
        candidate["first_name"] = "Candidate"
        candidate["last_name"] = "Number\(i)"
        candidate["email_addresses"] = [["value": "candidate\(i)@example.com", "type": "personal"]]
        candidate["attachments"] = [["filename": "resume-\(i).txt", "url": resumeURL, "type": "resume"]]
        application["candidate"] = candidate
        payload["application"] = application
        json["payload"] = payload
        return try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
    }

    /// A fast, exact retry schedule for tests (the production one starts 0, 5 s, 5 min, …).
    static let fastSchedule = DeliverySchedule(waits: [0, 0.2, 0.2, 0.2, 0.2], jitterFraction: 0, cap: 1)

    /// The test environment with fetch and post-back settings on `test-greenhouse`.
    static func environment(files: LocalFileServer?, fake: FakeATS, debounce: Double, allowFiles: Bool = true) throws -> TestEnvironment {
        try TestEnvironment(profiles: ["greenhouse"], workers: 2).configured { config, env in
            guard let i = TestEnvironment.integrationIndex("test-greenhouse", in: config) else { return }
            config.integrations[i].fetch = FetchSettings(
                allowHosts: allowFiles ? (files.map { [$0.hostAndPort] } ?? []) : [], allowHTTP: allowFiles, timeoutSeconds: 5)
            config.integrations[i].postBack = WriterSettings(
                integration: "test-greenhouse", baseURL: fake.greenhouseBaseURL, tokenURL: fake.greenhouseTokenURL,
                clientID: "env:GH_CLIENT_ID", clientSecret: "env:GH_CLIENT_SECRET", userID: "42", timeout: 2)
            config.delivery.debounceSeconds = debounce
            env["GH_CLIENT_ID"] = fake.credentials.greenhouseClientID
            env["GH_CLIENT_SECRET"] = fake.credentials.greenhouseClientSecret
        }
    }

    /// Dependencies with the full pipeline, parsing in process.
    static func dependencies(env: TestEnvironment, store: SQLiteStore, httpClient: HTTPClient, logger: Logger = Logger(label: "test")) throws -> ScreenerDependencies {
        let taxonomy = try SkillTaxonomy.loadBundled()
        var deps = try env.dependencies(store: store, logger: logger)
        deps.pipeline = try PipelineServices.build(
            configuration: env.configuration, store: store,
            parser: InProcessDocumentParser(parser: ResumeParser(taxonomy: taxonomy, clock: SystemClock())),
            httpClient: httpClient, taxonomy: taxonomy, clock: SystemClock(), logger: logger, environment: env.environment,
            schedule: fastSchedule)
        return deps
    }

    static func post(_ client: HTTPClient, port: Int, integration: String, signed: (headers: [String: String], body: Data)) async throws -> Int {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/webhooks/\(integration)")
        request.method = .POST
        for (k, v) in signed.headers { request.headers.replaceOrAdd(name: k, value: v) }
        request.body = .bytes(ByteBuffer(data: signed.body))
        let response = try await client.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass; returns whether it held.
    static func eventually(seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }
}
