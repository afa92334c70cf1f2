import Foundation
import ScreenerCore
import ScreenerTestSupport
import Storage
import Testing

/// The `screener` executable as a user runs it.
@Suite("CLI", .serialized)
struct CLITests {
    @Test("events list shows stored events; show hides the body unless asked; replay requeues a quarantined event")
    func events() async throws {
        let env = try TestEnvironment(profiles: ["greenhouse"])
        let store = try await env.openStore()
        let bad = try await store.recordDelivery(NewRawEvent(integration: "test-greenhouse", profile: "greenhouse", dedupeKey: "k1", eventType: "new_candidate_application", headers: [:], body: Data(#"{"secret-ish":"Jane Roe"}"#.utf8), receivedAt: Date()))
        let item = try #require(try await store.claimWork(owner: "t", limit: 1, lease: 60, now: Date()).first)
        try await store.failWork(item, reason: "mapping_failed: test", permanent: true, policy: RetryPolicy(), now: Date())

        let config = env.directory.path("cli.yaml")
        try "database: {path: \(env.configuration.database.path)}\nprofilesDirectory: \(TestPaths.webhooks.path)\n".write(toFile: config, atomically: true, encoding: .utf8)

        let list = try CLI.run(["events", "list", "--failed", "--format", "json", "--config", config], environment: env.environment)
        #expect(list.status == 0)
        let rows = try #require(JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == [bad.eventID])
        #expect(rows.first?["status"] as? String == "quarantined")

        let show = try CLI.run(["events", "show", bad.eventID, "--config", config], environment: env.environment)
        #expect(show.status == 0)
        #expect(!show.stdout.contains("Jane Roe"))
        let withBody = try CLI.run(["events", "show", bad.eventID, "--body", "--config", config], environment: env.environment)
        #expect(withBody.stdout.contains("Jane Roe"))
        // Without the data key the body cannot be read, and the CLI says so instead of printing ciphertext.
        let noKey = try CLI.run(["events", "show", bad.eventID, "--body", "--config", config])
        #expect(noKey.status == 1 && noKey.stderr.contains("SCREENER_DATA_KEY") && !noKey.stdout.contains("Jane Roe"))

        let replay = try CLI.run(["events", "replay", "--quarantined", "--config", config], environment: env.environment)
        #expect(replay.status == 0)
        #expect(replay.stdout.contains(bad.eventID))
        #expect(try await store.event(id: bad.eventID)?.status == .queued)
    }

    @Test("a usage error exits 2 and a failure exits 1, each with one line on stderr")
    func exitCodes() throws {
        let usage = try CLI.run(["events", "replay"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("screener: "))

        let missing = try CLI.run(["events", "show", "nope", "--config", "/nonexistent/screener.yaml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.split(separator: "\n").count == 1)
        #expect(missing.stderr.contains("/nonexistent/screener.yaml"))
    }

    @Test("a missing secret stops start-up with a message naming the reference, not a value")
    func missingSecret() throws {
        let dir = try TemporaryDirectory()
        let config = dir.path("s.yaml")
        try """
            database: {path: \(dir.path("db.sqlite"))}
            profilesDirectory: \(TestPaths.webhooks.path)
            integrations:
              - {name: acme, profile: greenhouse, secrets: ["env:SCREENER_TEST_UNSET_SECRET"]}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let r = try CLI.run(["serve", "--config", config])
        #expect(r.status == 1)
        #expect(r.stderr.contains("env:SCREENER_TEST_UNSET_SECRET"))
        #expect(r.stderr.contains("acme"))
    }

    @Test("audit rates computes LL144 tables from a CSV, in JSON and HTML")
    func auditRates() throws {
        let dir = try TemporaryDirectory()
        let csv = dir.path("people.csv")
        // EEOC example shape: 48 of 80 men selected, 12 of 40 women: impact ratio 0.5, flagged.
        var lines = ["id,sex,race,selected"]
        for i in 0..<80 { lines.append("m\(i),Male,White,\(i < 48 ? 1 : 0)") }
        for i in 0..<40 { lines.append("f\(i),Female,Asian,\(i < 12 ? "true" : "false")") }
        try lines.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)

        let json = try CLI.run(["audit", "rates", csv, "--format", "json", "--audit-date", "2026-11-29"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(json.stdout.contains("\"Female\""))
        #expect(json.stdout.contains("2026-11-29"))
        let html = try CLI.run(["audit", "rates", csv, "--format", "html", "-o", dir.path("r.html")])
        #expect(html.status == 0)
        let page = try String(contentsOfFile: dir.path("r.html"), encoding: .utf8)
        #expect(page.contains("<svg"))

        let bad = try CLI.run(["audit", "rates", csv, "--format", "pdf"])
        #expect(bad.status == 2)
    }
}

@Suite("CLI rank")
struct CLIRankTests {
    @Test("rank parses a folder, reports unparseable files and carries on, and lists file, score, rank and sub-scores")
    func rankFolder() throws {
        let dir = try TemporaryDirectory()
        let job = dir.path("job.yaml")
        try """
            id: be-1
            title: Backend Engineer
            description: Build services in Swift and Python on PostgreSQL and Kubernetes.
            requiredSkills: [Python, {name: PostgreSQL, minYears: 2}]
            preferredSkills: [Kubernetes]
            minExperienceYears: 2
            """.write(toFile: job, atomically: true, encoding: .utf8)
        let folder = TestPaths.repoRoot.appendingPathComponent("Tests/Fixtures/resumes").path
        let r = try CLI.run(["rank", "--job", job, folder, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count >= 8)
        #expect(rows.map { $0["rank"] as? Int } == Array(1...rows.count).map { Optional($0) })
        let scores = rows.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        #expect(rows.allSatisfy { ($0["subScores"] as? [String: Any])?["lexical"] != nil })
        // The legacy .doc and the scanned PDF cannot be parsed: reported, not fatal.
        #expect(r.stderr.contains("legacy.doc: unsupported_format"))
        #expect(r.stderr.contains("scanned.pdf: needs_ocr"))

        let top = try CLI.run(["rank", "--job", job, folder, "--top", "3", "--format", "csv"])
        #expect(top.stdout.split(separator: "\n").count == 4)
    }
}
