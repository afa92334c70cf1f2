import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore: AuditStore {
    /// Sealed columns of the audit tables (demographics are special-category personal data).
    static let auditSealedColumns: [SealedColumn] = [.init(table: "demographics", column: "data")]

    /// Demographics apart from profiles, and the audit-run record (issue 6).
    ///
    /// `audit_runs` is append-only (triggers refuse updates and deletes): it is the governance
    /// record of who audited what, when.
    static func registerAuditMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("0005_demographics_and_audit_runs") { db in
            try db.execute(sql: """
                CREATE TABLE demographics (
                    candidate_id TEXT PRIMARY KEY NOT NULL REFERENCES candidates(id) ON DELETE CASCADE,
                    data BLOB NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('ats', 'import')),
                    updated_at REAL NOT NULL
                );
                CREATE TABLE audit_runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    at REAL NOT NULL,
                    actor TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    parameters TEXT NOT NULL,
                    tool_configurations TEXT NOT NULL,
                    individuals INTEGER NOT NULL,
                    result_sha256 TEXT NOT NULL
                );
                CREATE INDEX audit_runs_at ON audit_runs(at);
                CREATE TRIGGER audit_runs_no_update BEFORE UPDATE ON audit_runs
                BEGIN SELECT RAISE(ABORT, 'audit_runs is append-only'); END;
                CREATE TRIGGER audit_runs_no_delete BEFORE DELETE ON audit_runs
                BEGIN SELECT RAISE(ABORT, 'audit_runs is append-only'); END;
                """)
        }
    }

    public func saveDemographics(candidateId: String, _ demographics: Demographics, source: DemographicsSource, now: Date) async throws {
        let data = try sealJSON(demographics, context: "demographics.data")
        try await wrap {
            try self.pool.write { db in
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM candidates WHERE id = ? AND erased_at IS NULL", arguments: [candidateId]) != nil else {
                    throw ScreenerError(.notFound, "no candidate with id \(candidateId)")
                }
                try Self.upsertDemographics(db, candidateId: candidateId, data: data, source: source, now: now)
            }
        }
    }

    public func demographics(candidateId: String) async throws -> Demographics? {
        let data = try await wrap {
            try self.pool.read { db in try Data.fetchOne(db, sql: "SELECT data FROM demographics WHERE candidate_id = ?", arguments: [candidateId]) }
        }
        return try data.map { try openJSON(Demographics.self, $0, context: "demographics.data") }
    }

    public func importDemographics(_ rows: [DemographicsImportRow], now: Date) async throws -> DemographicsImportResult {
        // Resolve every id first (pure), seal outside the transaction, then write in one transaction.
        let resolved: [(row: Int, candidates: [String], data: Data)] = try rows.enumerated().map { i, r in
            (i + 1, candidateIDs(forImportId: r.id), try sealJSON(r.demographics, context: "demographics.data"))
        }
        return try await wrap {
            try self.pool.write { db in
                var stored = 0
                var unmatched: [Int] = []
                for r in resolved {
                    guard let id = try r.candidates.first(where: {
                        try Bool.fetchOne(db, sql: "SELECT 1 FROM candidates WHERE id = ? AND erased_at IS NULL", arguments: [$0]) != nil
                    }) else {
                        unmatched.append(r.row)
                        continue
                    }
                    try Self.upsertDemographics(db, candidateId: id, data: r.data, source: .import, now: now)
                    stored += 1
                }
                return DemographicsImportResult(stored: stored, unmatchedRows: unmatched)
            }
        }
    }

    /// The candidate ids an import file's id may stand for: our own id, or `integration:ATS id`.
    func candidateIDs(forImportId raw: String) -> [String] {
        let id = raw.trimmingCharacters(in: .whitespaces)
        var out: [String] = []
        if id.hasPrefix("cand_") { out.append(id) }
        if let colon = id.firstIndex(of: ":"), colon != id.startIndex, id.index(after: colon) != id.endIndex {
            out.append(candidateID(integration: String(id[..<colon]), externalId: String(id[id.index(after: colon)...])))
        }
        return out
    }

    static func upsertDemographics(_ db: Database, candidateId: String, data: Data, source: DemographicsSource, now: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO demographics (candidate_id, data, source, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(candidate_id) DO UPDATE SET data = excluded.data, source = excluded.source, updated_at = excluded.updated_at
                """,
            arguments: [candidateId, data, source.rawValue, now.timeIntervalSince1970])
    }

    public func auditRecords(jobId: String?) async throws -> [AuditRecord] {
        struct Raw: Sendable {
            var applicationId, candidateId, jobId: String
            var appliedAt: Double
            var total: Double
            var knockedOut: Bool
            var scoreJSON: Data
            var demographics: Data?
            var shortlisted: Bool
            var decision: String?
        }
        let raws: [Raw] = try await wrap {
            try self.pool.read { db in
                let jobs: [String] = if let jobId { [jobId] } else { try String.fetchAll(db, sql: "SELECT id FROM jobs ORDER BY id") }
                var out: [Raw] = []
                for job in jobs {
                    guard let version = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM job_criteria WHERE job_id = ?", arguments: [job]) else { continue }
                    var shortlisted = Set<String>()
                    if let blob = try Data.fetchOne(db, sql: "SELECT shortlist_json FROM shortlists WHERE job_id = ? ORDER BY revision DESC LIMIT 1", arguments: [job]) {
                        shortlisted = Set(try Self.decoder.decode(Shortlist.self, from: blob).entries.map(\.candidateId))
                    }
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT s.application_id, s.candidate_id, s.total, s.knocked_out, s.score_json,
                               COALESCE(a.applied_at, a.created_at) AS applied, d.data AS demographics,
                               (SELECT o.decision FROM outcomes o WHERE o.application_id = s.application_id ORDER BY o.at DESC, o.id DESC LIMIT 1) AS decision
                        FROM scores s
                        JOIN applications a ON a.id = s.application_id
                        LEFT JOIN demographics d ON d.candidate_id = s.candidate_id
                        WHERE s.id IN (SELECT MAX(id) FROM scores WHERE job_id = ? AND criteria_version = ? GROUP BY application_id)
                        ORDER BY s.application_id
                        """, arguments: [job, version])
                    for r in rows {
                        let candidate: String = r["candidate_id"]
                        out.append(Raw(
                            applicationId: r["application_id"], candidateId: candidate, jobId: job, appliedAt: r["applied"],
                            total: r["total"], knockedOut: r["knocked_out"], scoreJSON: r["score_json"], demographics: r["demographics"],
                            shortlisted: shortlisted.contains(candidate), decision: r["decision"]))
                    }
                }
                return out
            }
        }
        return try raws.map { r in
            let provenance = try Self.decoder.decode(Score.self, from: r.scoreJSON).provenance
            return AuditRecord(
                applicationId: r.applicationId, candidateId: r.candidateId, jobId: r.jobId, appliedAt: Date(timeIntervalSince1970: r.appliedAt),
                demographics: try r.demographics.map { try openJSON(Demographics.self, $0, context: "demographics.data") },
                score: r.total, knockedOut: r.knockedOut, shortlisted: r.shortlisted, downstreamDecision: r.decision,
                toolConfiguration: provenance.toolConfiguration)
        }
    }

    public func recordAuditRun(_ run: AuditRun) async throws {
        let tools = String(decoding: try JSONEncoder().encode(run.toolConfigurations), as: UTF8.self)
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO audit_runs (id, at, actor, kind, parameters, tool_configurations, individuals, result_sha256)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [run.id, run.at.timeIntervalSince1970, run.actor, run.kind, run.parameters, tools, run.individuals, run.resultSHA256])
            }
        }
    }

    public func lastAuditRun(kind: String, toolConfiguration: String) async throws -> Date? {
        try await wrap {
            try self.pool.read { db in
                try Double.fetchOne(db, sql: """
                    SELECT max(r.at) FROM audit_runs r, json_each(r.tool_configurations) t
                    WHERE r.kind = ? AND t.value = ?
                    """, arguments: [kind, toolConfiguration]).map(Date.init(timeIntervalSince1970:))
            }
        }
    }

    public func auditRuns(limit: Int) async throws -> [AuditRun] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM audit_runs ORDER BY at DESC, id DESC LIMIT ?", arguments: [limit]).map { r in
                    AuditRun(
                        id: r["id"], at: Date(timeIntervalSince1970: r["at"]), actor: r["actor"], kind: r["kind"], parameters: r["parameters"],
                        toolConfigurations: try JSONDecoder().decode([String].self, from: Data((r["tool_configurations"] as String).utf8)),
                        individuals: r["individuals"], resultSHA256: r["result_sha256"])
                }
            }
        }
    }
}
