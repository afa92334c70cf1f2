import Foundation
import Crypto
import GRDB
import ScreenerCore

extension SQLiteStore: PipelineStore {
    public func putCriteria(_ criteria: JobCriteria, jobId: String, source: CriteriaSource, now: Date) async throws -> Int {
        var stored = criteria
        stored.id = jobId
        stored.version = nil
        let json = try Self.encoder.encode(stored)
        let hash = Self.sha256Hex(json)
        return try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT INTO jobs (id, title, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET title = COALESCE(excluded.title, jobs.title),
                            description = COALESCE(excluded.description, jobs.description), updated_at = excluded.updated_at
                        """,
                    arguments: [jobId, criteria.title, criteria.description, t, t])
                let latest = try Row.fetchOne(
                    db, sql: "SELECT version, content_sha256 FROM job_criteria WHERE job_id = ? ORDER BY version DESC LIMIT 1",
                    arguments: [jobId])
                if let latest, (latest["content_sha256"] as String) == hash { return latest["version"] as Int }
                let version = ((latest?["version"] as Int?) ?? 0) + 1
                try db.execute(
                    sql: """
                        INSERT INTO job_criteria (job_id, version, criteria_json, content_sha256, source, needs_review, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [jobId, version, json, hash, source.rawValue, criteria.needsReview, t])
                return version
            }
        }
    }

    public func upsertATSJob(integration: String, externalId: String, title: String?, description: String?, now: Date) async throws -> JobRecord {
        let id = JobRecord.atsJobID(integration: integration, externalId: externalId)
        return try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT INTO jobs (id, integration, external_id, title, description, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET integration = excluded.integration, external_id = excluded.external_id,
                            title = COALESCE(excluded.title, jobs.title),
                            description = COALESCE(excluded.description, jobs.description), updated_at = excluded.updated_at
                        """,
                    arguments: [id, integration, externalId, title, description, t, t])
                return try Self.jobRecord(db, id: id)!
            }
        }
    }

    public func job(id: String) async throws -> JobRecord? {
        try await wrap { try self.pool.read { db in try Self.jobRecord(db, id: id) } }
    }

    public func jobs() async throws -> [JobRecord] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(db, sql: Self.jobSelect + " ORDER BY j.id").map(Self.jobRecord)
            }
        }
    }

    public func criteria(jobId: String, version: Int?) async throws -> CriteriaVersion? {
        try await wrap {
            try self.pool.read { db in
                let row: Row?
                if let version {
                    row = try Row.fetchOne(db, sql: "SELECT * FROM job_criteria WHERE job_id = ? AND version = ?", arguments: [jobId, version])
                } else {
                    row = try Row.fetchOne(db, sql: "SELECT * FROM job_criteria WHERE job_id = ? ORDER BY version DESC LIMIT 1", arguments: [jobId])
                }
                guard let row else { return nil }
                var criteria = try Self.decoder.decode(JobCriteria.self, from: row["criteria_json"] as Data)
                let v: Int = row["version"]
                criteria.version = v
                return CriteriaVersion(
                    jobId: jobId, version: v, criteria: criteria,
                    source: CriteriaSource(rawValue: row["source"]) ?? .cli,
                    createdAt: Date(timeIntervalSince1970: row["created_at"]))
            }
        }
    }

    static let jobSelect = """
        SELECT j.*, (SELECT version FROM job_criteria c WHERE c.job_id = j.id ORDER BY version DESC LIMIT 1) AS criteria_version,
               (SELECT needs_review FROM job_criteria c WHERE c.job_id = j.id ORDER BY version DESC LIMIT 1) AS needs_review
        FROM jobs j
        """

    static func jobRecord(_ db: Database, id: String) throws -> JobRecord? {
        try Row.fetchOne(db, sql: jobSelect + " WHERE j.id = ?", arguments: [id]).map(jobRecord)
    }

    static func jobRecord(_ row: Row) -> JobRecord {
        JobRecord(
            id: row["id"], integration: row["integration"], externalId: row["external_id"], title: row["title"],
            description: row["description"], criteriaVersion: row["criteria_version"],
            needsReview: (row["needs_review"] as Bool?) ?? false,
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}

extension SQLiteStore {
    static func sha256Hex(_ data: Data) -> String { SHA256.hash(data: data).lowercaseHex }

    /// A stable id: `prefix` + the first 20 hex digits of SHA-256 of the parts joined by NUL.
    static func stableID(_ prefix: String, _ parts: String...) -> String {
        prefix + String(sha256Hex(Data(parts.joined(separator: "\u{0}").utf8)).prefix(20))
    }

    func sealJSON<T: Encodable>(_ value: T, context: String) throws -> Data {
        try sealer.seal(Self.encoder.encode(value), context: context)
    }

    func openJSON<T: Decodable>(_ type: T.Type, _ data: Data, context: String) throws -> T {
        try Self.decoder.decode(type, from: sealer.open(data, context: context))
    }
}
