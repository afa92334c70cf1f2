import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore {
    public func storeScore(_ record: ScoreRecord) async throws {
        let json = try Self.encoder.encode(record.score)
        try await wrap {
            try self.pool.write { db in
                let t = record.createdAt.timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO scores (application_id, candidate_id, job_id, criteria_version, adapter, input_sha256,
                            total, knocked_out, years_experience, score_json, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        record.applicationId, record.candidateId, record.jobId, record.criteriaVersion,
                        record.score.provenance.adapter, record.score.provenance.inputSHA256, record.score.total,
                        record.score.knockedOut, record.yearsOfExperience, json, t,
                    ])
                try db.execute(
                    sql: "UPDATE applications SET status = 'scored', last_error = NULL, updated_at = ? WHERE id = ?",
                    arguments: [t, record.applicationId])
            }
        }
    }

    public func scores(jobId: String, criteriaVersion: Int) async throws -> [ScoreRecord] {
        try await wrap {
            try self.pool.read { db in
                // The newest score per application (highest rowid) under this criteria version.
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.* FROM scores s
                        WHERE s.job_id = ? AND s.criteria_version = ?
                          AND s.id = (SELECT MAX(id) FROM scores s2 WHERE s2.application_id = s.application_id AND s2.criteria_version = s.criteria_version)
                        ORDER BY s.application_id
                        """,
                    arguments: [jobId, criteriaVersion]
                ).map(Self.scoreRecord)
            }
        }
    }

    public func scores(applicationId: String) async throws -> [ScoreRecord] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM scores WHERE application_id = ? ORDER BY id", arguments: [applicationId]).map(Self.scoreRecord)
            }
        }
    }

    public func unscoredApplications(limit: Int) async throws -> [(applicationId: String, jobId: String)] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.job_id FROM applications a JOIN parses p ON p.application_id = a.id
                        JOIN (SELECT job_id, MAX(version) AS v FROM job_criteria GROUP BY job_id) c ON c.job_id = a.job_id
                        WHERE a.status IN ('parsed', 'scored')
                          AND NOT EXISTS (SELECT 1 FROM scores s WHERE s.application_id = a.id AND s.criteria_version = c.v)
                        ORDER BY a.job_id, a.id LIMIT ?
                        """,
                    arguments: [limit]
                ).map { (applicationId: $0["id"] as String, jobId: $0["job_id"] as String) }
            }
        }
    }

    static func scoreRecord(_ row: Row) throws -> ScoreRecord {
        ScoreRecord(
            applicationId: row["application_id"], candidateId: row["candidate_id"], jobId: row["job_id"],
            criteriaVersion: row["criteria_version"], score: try decoder.decode(Score.self, from: row["score_json"] as Data),
            yearsOfExperience: row["years_experience"], createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    public func recordOutcome(_ outcome: OutcomeRecord) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO outcomes (application_id, source, decision, note, at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [outcome.applicationId, outcome.source.rawValue, outcome.decision, outcome.note, outcome.at.timeIntervalSince1970])
            }
        }
    }

    public func outcomes(applicationId: String) async throws -> [OutcomeRecord] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM outcomes WHERE application_id = ? ORDER BY at, id", arguments: [applicationId]).map { row in
                    OutcomeRecord(
                        applicationId: row["application_id"], source: OutcomeRecord.Source(rawValue: row["source"]) ?? .ats,
                        decision: row["decision"], note: row["note"], at: Date(timeIntervalSince1970: row["at"]))
                }
            }
        }
    }

    public func jobStatus() async throws -> [JobStatusCounts] {
        let jobs = try await jobs()
        return try await wrap {
            try self.pool.read { db in
                try jobs.map { job in
                    func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: [job.id]) ?? 0 }
                    let shortlistJSON = try Data.fetchOne(
                        db, sql: "SELECT shortlist_json FROM shortlists WHERE job_id = ? ORDER BY revision DESC LIMIT 1", arguments: [job.id])
                    let shortlisted = try shortlistJSON.map { try Self.decoder.decode(Shortlist.self, from: $0).entries.count } ?? 0
                    return JobStatusCounts(
                        jobId: job.id, title: job.title, criteriaVersion: job.criteriaVersion, needsReview: job.needsReview,
                        received: try count("SELECT COUNT(*) FROM applications WHERE job_id = ?"),
                        parsed: try count("SELECT COUNT(*) FROM applications WHERE job_id = ? AND status IN ('parsed', 'scored')"),
                        scored: try count("SELECT COUNT(*) FROM applications WHERE job_id = ? AND status = 'scored'"),
                        failed: try count("SELECT COUNT(*) FROM applications WHERE job_id = ? AND status = 'failed'"),
                        shortlisted: shortlisted,
                        delivered: try count("SELECT COUNT(*) FROM outbox WHERE job_id = ? AND state = 'delivered'"))
                }
            }
        }
    }
}

extension SQLiteStore {
    public func modelUsageByJob() async throws -> [String: ModelUsage] {
        // Scores of the built-in model cost nothing: only other adapters' rows are decoded.
        let rows: [(String, Data)] = try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT job_id, score_json FROM scores WHERE adapter <> 'builtin'").map { (r: Row) -> (String, Data) in (r["job_id"], r["score_json"]) }
            }
        }
        var out: [String: ModelUsage] = [:]
        for (job, blob) in rows {
            let p = try Self.decoder.decode(Score.self, from: blob).provenance
            guard p.promptTokens > 0 || p.completionTokens > 0 || p.costUSD > 0 else { continue }
            var u = out[job, default: ModelUsage()]
            u.scores += 1
            u.promptTokens += p.promptTokens
            u.completionTokens += p.completionTokens
            u.costUSD += p.costUSD
            out[job] = u
        }
        return out
    }
}
