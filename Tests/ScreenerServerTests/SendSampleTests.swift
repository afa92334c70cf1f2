import AsyncHTTPClient
import Foundation
import ScreenerCore
import ScreenerTestSupport
import Storage
import Testing

/// The offline demo: `screener events send-sample standard --resume FILE` against a running
/// `screener serve` puts a new candidate with that resume through the whole pipeline. Needs the
/// built binary.
@Suite("events send-sample --resume", .serialized)
struct SendSampleTests {
    @Test("each send is a new candidate with the file as its inline resume; the job's shortlist holds them; URL-only profiles refuse")
    func inlineResume() async throws {
        guard let binary = TestPaths.screenerBinary else {
            Issue.record("screener binary not built")
            return
        }
        let env = try TestEnvironment(profiles: ["standard", "greenhouse"])
        let port = try ServerProcess.freePort()
        let configPath = env.directory.path("demo.yaml")
        try """
            server: {host: 127.0.0.1, port: \(port)}
            database: {path: \(env.configuration.database.path)}
            profilesDirectory: \(TestPaths.webhooks.path)
            workers: {count: 1, pollSeconds: 0.05}
            parsing: {inProcess: true}
            delivery: {debounceSeconds: 0}
            integrations:
              - {name: test-standard, profile: standard, secrets: ["env:TEST_SECRET_STANDARD"]}
              - {name: test-greenhouse, profile: greenhouse, secrets: ["env:TEST_SECRET_GREENHOUSE"]}
            """.write(toFile: configPath, atomically: true, encoding: .utf8)
        let server = try ServerProcess.start(binary: binary, config: configPath, environment: env.environment)
        try await ServerProcess.waitUntilHealthy(port: port, client: .shared)

        let resume = TestPaths.repoRoot.appendingPathComponent("scripts/demo/resume-swift-engineer.txt").path
        for _ in 0..<2 {
            let sent = try await CLI.runOffPool(["events", "send-sample", "standard", "--resume", resume, "--config", configPath], environment: env.environment)
            #expect(sent.status == 0, "\(sent.stderr)")
            #expect(sent.stdout.hasPrefix("200 ") && sent.stdout.contains("\"duplicate\":false"))
        }
        let refused = try await CLI.runOffPool(["events", "send-sample", "greenhouse", "--resume", resume, "--config", configPath], environment: env.environment)
        #expect(refused.status == 1 && refused.stderr.contains("carries resumes only as URLs"))

        defer { if server.process.isRunning { server.kill(signal: SIGKILL) } }
        let store = try await env.openStore()
        var shortlist: Shortlist?
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            shortlist = try await store.latestShortlist(jobId: "test-standard:job_0042")
            if shortlist?.entries.count == 2 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let entries = try #require(shortlist?.entries)
        #expect(entries.count == 2, "two distinct candidates from two sends")
        #expect(Set(entries.map(\.candidateId)).count == 2)
        for entry in entries {
            #expect(entry.topSkills.contains("Swift") && entry.topSkills.contains("PostgreSQL"), "\(entry.topSkills)")
            let identity = try #require(try await store.candidate(id: entry.candidateId)?.identity)
            #expect(identity.externalId?.hasPrefix("demo-") == true)
        }
        server.kill(signal: SIGTERM)
        await server.waitForExit()
    }
}
