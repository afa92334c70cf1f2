import BiasAudit
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ResumeParsing
import Scoring
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Storage
import Testing

/// Store-backed bias audits: demographics apart and sealed, the tables over the store's decisions,
/// the audit-run record, the one-year rule, and `GET /v1/audits` for the compliance role only.
@Suite("Store-backed audits")
struct AuditStoreTests {
    static let job = "acme:1"
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)  // 2026-09-21
    static let builtin = ScoringModelDescriptor(adapter: "builtin", model: "screener-builtin", version: "3")

    /// 6 men (3 shortlisted), 6 women (2 shortlisted, 1 knocked out), 2 unknown (1 shortlisted).
    /// Men: rate 1/2 (reference); women: 1/3, impact ratio exactly 2/3, flagged by the 4/5 rule.
    static func seed(_ store: SQLiteStore) async throws -> [String: String] {
        var criteria = JobCriteria(id: job, title: "Backend Engineer")
        criteria.requiredSkills = [.init(name: "Swift")]
        _ = try await store.putCriteria(criteria, jobId: job, source: .cli, now: t0)
        _ = try await store.upsertATSJob(integration: "acme", externalId: "1", title: "Backend Engineer", description: nil, now: t0)
        let people: [(sex: Demographics.Sex?, race: Demographics.RaceEthnicity?, shortlisted: Bool, knockedOut: Bool)] =
            [(.male, .white, true, false), (.male, .asian, true, false), (.male, .white, true, false),
             (.male, .asian, false, false), (.male, .white, false, false), (.male, .asian, false, false),
             (.female, .white, true, false), (.female, .asian, true, false), (.female, .white, false, false),
             (.female, .asian, false, false), (.female, .white, false, true), (.female, .asian, false, false),
             (nil, nil, true, false), (nil, nil, false, false)]
        var entries: [Shortlist.Entry] = []
        var ids: [String: String] = [:]
        for (i, p) in people.enumerated() {
            let app = try await store.upsertApplication(
                integration: "acme", candidate: .init(externalId: "c\(i)", firstName: "Person", lastName: "Number\(i)"),
                application: .init(externalId: "a\(i)", appliedAt: t0.addingTimeInterval(Double(i) * 86_400)), jobId: job, eventId: "e\(i)", now: t0)
            ids["c\(i)"] = app.candidateId
            let total = p.shortlisted ? 90 - Double(i) : 40 - Double(i)
            var score = Score(total: total, components: [], provenance: .init(
                adapter: builtin.adapter, model: builtin.model, modelVersion: builtin.version, criteriaId: job, criteriaVersion: 1, inputSHA256: "h\(i)"))
            score.knockedOut = p.knockedOut
            try await store.storeScore(ScoreRecord(applicationId: app.id, candidateId: app.candidateId, jobId: job, criteriaVersion: 1, score: score, yearsOfExperience: 5, createdAt: t0))
            if p.shortlisted {
                entries.append(.init(rank: entries.count + 1, candidateId: app.candidateId, score: total, topSkills: [], missingRequired: [], yearsOfExperience: 5, model: builtin, criteriaVersion: 1))
            }
            if p.sex != nil || p.race != nil {
                try await store.saveDemographics(candidateId: app.candidateId, Demographics(sex: p.sex, race: p.race), source: .ats, now: t0)
            }
        }
        try await store.saveShortlist(
            Shortlist(jobId: job, revision: 1, criteriaVersion: 1, generatedAt: t0, size: 10, minScore: 0, entries: entries, knockedOut: [], notShortlistedCount: 8, diff: nil),
            postBacks: [], deferPendingUntil: nil, now: t0)
        return ids
    }

    @Test("the newest audit run of a kind for a tool configuration comes from the store, not from a scan of the history")
    func lastAuditRun() async throws {
        let env = try TestEnvironment()
        let store = try await env.openStore()
        func run(_ id: String, days: Double, kind: String, tools: [String]) -> AuditRun {
            AuditRun(id: id, at: Self.t0.addingTimeInterval(days * 86_400), actor: "cli:auditor", kind: kind, parameters: "{}",
                     toolConfigurations: tools, individuals: 1, resultSHA256: String(repeating: "0", count: 64))
        }
        try await store.recordAuditRun(run("a", days: 1, kind: "store", tools: ["builtin:m@1", "openai:gpt@2"]))
        try await store.recordAuditRun(run("b", days: 5, kind: "store", tools: ["builtin:m@1"]))
        try await store.recordAuditRun(run("c", days: 9, kind: "counterfactual", tools: ["builtin:m@1"]))
        #expect(try await store.lastAuditRun(kind: "store", toolConfiguration: "builtin:m@1") == Self.t0.addingTimeInterval(5 * 86_400))
        #expect(try await store.lastAuditRun(kind: "store", toolConfiguration: "openai:gpt@2") == Self.t0.addingTimeInterval(86_400))
        #expect(try await store.lastAuditRun(kind: "counterfactual", toolConfiguration: "builtin:m@1") == Self.t0.addingTimeInterval(9 * 86_400))
        #expect(try await store.lastAuditRun(kind: "store", toolConfiguration: "builtin:m@") == nil)
    }

    @Test("the tables come from the store's decisions and demographics; the run is recorded with the JSON's hash")
    func storeAudit() async throws {
        let env = try TestEnvironment()
        let store = try await env.openStore()
        _ = try await Self.seed(store)
        let clock = MutableClock(Self.t0.addingTimeInterval(30 * 86_400))
        let runner = AuditRunner(store: store, clock: clock)
        let (report, run) = try await runner.run(.init(jobId: Self.job), actor: "cli:auditor")

        #expect(report.individuals == 14)
        let sex = try #require(report.selectionTables.first { $0.name == "sex" })
        #expect(sex.unknownCount == 2)
        let men = try #require(sex.rows.first { $0.category == "Male" })
        let women = try #require(sex.rows.first { $0.category == "Female" })
        #expect(men.n == 6 && men.selected == 3 && men.rate == Rational(1, 2) && men.isReference)
        #expect(women.n == 6 && women.selected == 2 && women.rate == Rational(1, 3))
        #expect(women.impactRatio == Rational(2, 3) && women.fourFifthsFlag)
        #expect(!report.scoringTables.isEmpty, "the tool's scores give scoring-rate tables")
        #expect(report.dataSource.contains("builtin:screener-builtin@3"))

        let runs = try await store.auditRuns(limit: 10)
        #expect(runs == [run])
        #expect(run.actor == "cli:auditor" && run.kind == "store" && run.individuals == 14)
        #expect(run.toolConfigurations == ["builtin:screener-builtin@3"])
        #expect(run.resultSHA256 == SHA256Hex.hex(of: Data(try report.render(.json).utf8)))
        #expect(run.parameters.contains("\"jobId\":\"acme:1\""))

        // Downstream decisions are a separate audit: only decided applications count.
        let apps = try await store.auditRecords(jobId: Self.job)
        for (i, r) in apps.prefix(4).enumerated() {
            try await store.recordOutcome(OutcomeRecord(applicationId: r.applicationId, source: .ats, decision: i.isMultiple(of: 2) ? "Phone Screen" : "Rejected", note: nil, at: Self.t0))
        }
        let (downstream, _) = try await runner.run(.init(jobId: Self.job, outcome: .downstream), actor: "cli:auditor")
        #expect(downstream.individuals == 4 && downstream.scoringTables.isEmpty)
        #expect(try await store.auditRuns(limit: 10).count == 2)

        // A date range filters by application date (applications are one day apart from t0).
        let (early, _) = try await runner.run(.init(jobId: Self.job, to: CalendarDay(Self.t0.addingTimeInterval(2 * 86_400))), actor: "cli:auditor")
        #expect(early.individuals == 3)
        await #expect(throws: ScreenerError.self) { try await runner.run(.init(jobId: "nope:1"), actor: "x") }
    }

    @Test("LL144's one-year rule: no audit warns, a fresh audit clears it, a year and a day later it warns again")
    func oneYearWarning() async throws {
        let env = try TestEnvironment()
        let store = try await env.openStore()
        _ = try await Self.seed(store)
        let clock = MutableClock(Self.t0)
        let runner = AuditRunner(store: store, clock: clock)
        let tool = Self.builtin.toolConfiguration
        #expect(try await runner.auditWarning(toolConfiguration: tool)?.contains("No bias audit") == true)
        _ = try await runner.run(.init(jobId: Self.job), actor: "cli:auditor")
        #expect(try await runner.auditWarning(toolConfiguration: tool) == nil)
        #expect(try await runner.auditWarning(toolConfiguration: "openai:gpt-4o@1")?.contains("No bias audit") == true, "another tool configuration needs its own audit")
        clock.advance(by: 365 * 86_400)
        #expect(try await runner.auditWarning(toolConfiguration: tool) == nil, "exactly a year later the audit still covers use")
        clock.advance(by: 2 * 86_400)
        #expect(try await runner.auditWarning(toolConfiguration: tool)?.contains("more than one year old") == true)
    }

    @Test("demographics are sealed on disk, imported by either id, never in the audit-run record, and erased with the candidate")
    func demographicsLifecycle() async throws {
        let env = try TestEnvironment()
        let store = try await env.openStore()
        let ids = try await Self.seed(store)
        let c0 = try #require(ids["c0"]), c12 = try #require(ids["c12"])

        let csv = Data("id,sex,race,veteran\nacme:c12,Female,Black or African American,yes\n\(c0),M,Hispanic or Latino,\nacme:unknown-person,Female,White,\n".utf8)
        let rows = try DemographicsImport.parse(csv, otherDimensions: ["veteran"])
        let result = try await store.importDemographics(rows, now: Self.t0)
        #expect(result == DemographicsImportResult(stored: 2, unmatchedRows: [3]))
        #expect(try await store.demographics(candidateId: c12) == Demographics(sex: .female, race: .black, other: ["veteran": "yes"]))
        #expect(try await store.demographics(candidateId: c0)?.race == .hispanicOrLatino)

        // Sealed at rest: no category name appears in the database file or its WAL.
        let dbPath = env.configuration.database.path
        for path in [dbPath, dbPath + "-wal"] where FileManager.default.fileExists(atPath: path) {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            for needle in ["Black or African American", "Hispanic or Latino", "veteran"] {
                #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) in \(path)")
            }
        }

        // Erasure removes the self-identification; the audit then counts the application as unknown.
        _ = try await store.eraseCandidate(id: c12, now: Self.t0)
        #expect(try await store.demographics(candidateId: c12) == nil)
        let record = try #require(try await store.auditRecords(jobId: Self.job).first { $0.candidateId == c12 })
        #expect(record.demographics == nil)
        await #expect(throws: ScreenerError.self) {
            try await store.saveDemographics(candidateId: c12, Demographics(sex: .male), source: .import, now: Self.t0)
        }
        // Bad files fail with the line, never the value.
        #expect(throws: ScreenerError.self) { try DemographicsImport.parse(Data("id,sex\nx,Male\n".utf8)) }
        do {
            _ = try DemographicsImport.parse(Data("id,sex,race\nx,Martian,\n".utf8))
            Issue.record("an unknown category must fail")
        } catch let e as ScreenerError {
            #expect(e.message.contains("line 2") && !e.message.contains("Martian"))
        }
    }

    @Test("retention: demographics and outcomes older than auditDataDays are purged; the audit-run record stays")
    func retention() async throws {
        let env = try TestEnvironment()
        let store = try await env.openStore()
        _ = try await Self.seed(store)
        let first = try #require(try await store.auditRecords(jobId: Self.job).first)
        try await store.recordOutcome(OutcomeRecord(applicationId: first.applicationId, source: .recruiter, decision: "advanced", note: nil, at: Self.t0))
        _ = try await AuditRunner(store: store, clock: MutableClock(Self.t0)).run(.init(jobId: Self.job), actor: "cli:a")
        let keepAll = RetentionPolicy(rawEventsDays: nil, resumeFilesDays: nil, parsedTextDays: nil, scoresDays: nil, auditDataDays: 30)
        #expect(try await store.purgeExpired(keepAll, now: Self.t0.addingTimeInterval(29 * 86_400)).total == 0)
        let r = try await store.purgeExpired(keepAll, now: Self.t0.addingTimeInterval(31 * 86_400))
        #expect(r.demographics == 12 && r.outcomes == 1 && r.scores == 0)
        #expect(try await store.auditRecords(jobId: Self.job).allSatisfy { $0.demographics == nil && $0.downstreamDecision == nil })
        #expect(try await store.auditRuns(limit: 5).count == 1)
    }

    @Test("GET /v1/audits: compliance and admin only, JSON and HTML, access-logged, recorded")
    func auditsAPI() async throws {
        let env = try TestEnvironment()
        let store = try await env.openStore()
        _ = try await Self.seed(store)
        let taxonomy = try SkillTaxonomy.loadBundled()
        var deps = try env.dependencies(store: store)
        deps.pipeline = try PipelineServices.build(
            configuration: env.configuration, store: store,
            parser: InProcessDocumentParser(parser: ResumeParser(taxonomy: taxonomy, clock: SystemClock())),
            httpClient: .shared, taxonomy: taxonomy, clock: SystemClock(), logger: deps.logger, environment: env.environment)
        let compliance = try await store.createToken(name: "auditor", role: .compliance, expiresAt: nil, now: Date()).secret
        let admin = try await store.createToken(name: "root", role: .admin, expiresAt: nil, now: Date()).secret
        let recruiter = try await store.createToken(name: "rec", role: .recruiter, expiresAt: nil, now: Date()).secret
        let ats = try await store.createToken(name: "gh", role: .ats, expiresAt: nil, now: Date()).secret
        let app = Application(router: buildRouter(deps))
        try await app.test(.router) { client in
            func get(_ path: String, _ token: String?) async throws -> TestResponse {
                var headers = HTTPFields()
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.execute(uri: path, method: .get, headers: headers)
            }
            let ok = try await get("/v1/audits?job=acme:1", compliance)
            #expect(ok.status == .ok && ok.headers[.contentType] == "application/json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(buffer: ok.body)) as? [String: Any])
            #expect(json["individuals"] as? Int == 14)
            if JSONSchemaCheck.available {
                let problems = try JSONSchemaCheck.validate(schema: TestPaths.schemas.appendingPathComponent("audit-report.schema.json"), documents: [Data(buffer: ok.body)])
                #expect(problems.isEmpty, "\(problems)")
            }
            let runID = try #require(ok.headers[HTTPField.Name("Screener-Audit-Run")!])
            let hash = ok.headers[HTTPField.Name("Screener-Audit-SHA256")!]
            #expect(hash == SHA256Hex.hex(of: Data(buffer: ok.body)))
            #expect(try await store.auditRuns(limit: 5).first?.id == runID)
            #expect(try await store.auditRuns(limit: 5).first?.actor == "token:auditor")

            let html = try await get("/v1/audits?all=true&format=html&from=2026-01-01&to=2026-12-31", admin)
            #expect(html.status == .ok && html.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(String(buffer: html.body).contains("<svg"))

            #expect(try await get("/v1/audits?job=acme:1", recruiter).status == .forbidden)
            #expect(try await get("/v1/audits?job=acme:1", ats).status == .forbidden)
            #expect(try await get("/v1/audits?job=acme:1", nil).status == .unauthorized)
            #expect(try await get("/v1/audits/runs", recruiter).status == .forbidden)
            let runs = try await get("/v1/audits/runs?limit=10", compliance)
            #expect(runs.status == .ok)
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: runs.body)) as? [Any])?.count == 2)

            for bad in ["/v1/audits", "/v1/audits?job=acme:1&all=true", "/v1/audits?job=acme:1&format=pdf",
                        "/v1/audits?job=acme:1&from=yesterday", "/v1/audits?job=acme:1&outcome=hired", "/v1/audits?job=acme:1&excludeBelowPercent=0"] {
                let r = try await get(bad, compliance)
                #expect(r.status == .badRequest, "\(bad)")
                #expect(r.headers[.contentType] == "application/problem+json", "\(bad)")
            }
            #expect(try await get("/v1/audits?job=nope:1", compliance).status == .notFound)

            let log = try await store.accessLog(since: nil, limit: 100)
            let audits = log.filter { $0.resourceType == AccessLogEntry.ResourceType.audit }
            let byAuditor = audits.filter { (e: AccessLogEntry) -> Bool in e.role == .compliance && e.resourceID == "acme:1" }
            #expect(!byAuditor.isEmpty)
        }
    }
}
