import Foundation
import ScreenerCore
import ScreenerTestSupport
import Storage
import Testing

/// `screener audit …` against the store, as compliance staff run it. Needs the built binary.
@Suite("Audit: CLI over the store", .serialized)
struct AuditCLITests {
    let dir: TemporaryDirectory
    let config: String
    let dbPath: String

    init() throws {
        dir = try TemporaryDirectory()
        dbPath = dir.path("data/screener.sqlite")
        config = dir.path("cli.yaml")
        try "database: {path: \(dbPath)}\nprofilesDirectory: \(TestPaths.webhooks.path)\n".write(toFile: config, atomically: true, encoding: .utf8)
    }

    func run(_ args: [String]) async throws -> CLI.Result {
        try await CLI.runOffPool(args + ["--config", config], environment: ["SCREENER_DATA_KEY": "", "SCREENER_DATA_KEYS_RETIRED": "", "USER": "auditor"])
    }

    @Test("import demographics, warn before the first audit, audit a job as JSON and HTML, list the runs")
    func auditFromTheStore() async throws {
        let store = try SQLiteStore(path: dbPath)
        try await store.migrate()
        let ids = try await AuditStoreTests.seed(store)

        // Import: by ATS id and by our id; an unknown id is reported by row number only.
        let csv = dir.path("demo.csv")
        try "id,sex,race\nacme:c13,Female,Asian\nacme:nobody,Male,White\n\(ids["c12"]!),Male,\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let imported = try await run(["audit", "import-demographics", csv])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("stored demographics for 2 candidate(s)"))
        #expect(imported.stderr.contains("1 row(s) matched no candidate (data rows 2)") && !imported.stderr.contains("nobody"))

        // The recruiter's shortlist warns while no audit covers the tool configuration.
        let before = try await run(["shortlist", "--job", "acme:1"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(before.stderr.contains("warning: No bias audit is recorded"))

        let json = try await run(["audit", "--job", "acme:1", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["individuals"] as? Int == 14)
        #expect(json.stderr.contains("audit run aud_") && json.stderr.contains("14 individuals"))

        let html = dir.path("audit.html")
        let rendered = try await run(["audit", "report", "--all", "--format", "html", "--output", html, "--from", "2026-01-01"])
        #expect(rendered.status == 0, "\(rendered.stderr)")
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<svg"))

        let after = try await run(["shortlist", "--job", "acme:1"])
        #expect(after.status == 0 && !after.stderr.contains("warning"))

        let runs = try await run(["audit", "runs", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 2 && list.allSatisfy { $0["actor"] as? String == "cli:auditor" })

        // Usage errors exit 2; a job with nothing to vary exits 1; each with one line on stderr.
        #expect(try await run(["audit", "--job", "acme:1", "--all"]).status == 2)
        #expect(try await run(["audit", "--job", "acme:1", "--outcome", "hired"]).status == 2)
        let none = try await run(["audit", "counterfactual", "--job", "acme:1", "--model", "builtin"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no stored resumes"), "\(none.stderr)")
        #expect(try await run(["audit", "--job", "acme:404"]).status == 1)
    }
}
