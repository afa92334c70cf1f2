import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore {
    public func upsertApplication(
        integration: String, candidate: CandidateEvent.Candidate, application: CandidateEvent.Application?,
        jobId: String, eventId: String, now: Date
    ) async throws -> ApplicationRecord {
        let candidateID = candidateID(integration: integration, externalId: candidate.externalId ?? "event:\(eventId)")
        let applicationID = Self.stableID("app_", candidateID, jobId)
        let identity = try sealJSON(candidate, context: "candidates.identity")
        let answers = try sealJSON(application?.answers ?? [:], context: "applications.answers")
        return try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                try db.execute(
                    sql: """
                        INSERT INTO candidates (id, integration, external_id, identity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET identity = excluded.identity, updated_at = excluded.updated_at, erased_at = NULL
                        """,
                    arguments: [candidateID, integration, candidate.externalId, identity, t, t])
                try db.execute(
                    sql: """
                        INSERT INTO applications (id, candidate_id, job_id, integration, external_id, stage, answers, applied_at,
                            event_id, status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)
                        ON CONFLICT(id) DO UPDATE SET external_id = COALESCE(excluded.external_id, applications.external_id),
                            stage = COALESCE(excluded.stage, applications.stage), answers = excluded.answers,
                            applied_at = COALESCE(excluded.applied_at, applications.applied_at),
                            event_id = excluded.event_id, updated_at = excluded.updated_at
                        """,
                    arguments: [
                        applicationID, candidateID, jobId, integration, application?.externalId, application?.stage, answers,
                        application?.appliedAt?.timeIntervalSince1970, eventId, t, t,
                    ])
                return try Self.applicationRecord(db, id: applicationID)!
            }
        }
    }

    public func application(id: String) async throws -> ApplicationRecord? {
        try await wrap { try self.pool.read { db in try Self.applicationRecord(db, id: id) } }
    }

    public func applications(candidateId: String) async throws -> [ApplicationRecord] {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM applications WHERE candidate_id = ? ORDER BY created_at, id", arguments: [candidateId])
                    .map(Self.applicationRecord)
            }
        }
    }

    /// Finds an application by the ATS's application id (for stage changes).
    public func application(integration: String, externalId: String) async throws -> ApplicationRecord? {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE integration = ? AND external_id = ?", arguments: [integration, externalId])
                    .map(Self.applicationRecord)
            }
        }
    }

    public func candidate(id: String) async throws -> CandidateRecord? {
        try await wrap {
            guard let row = try self.pool.read({ db in try Row.fetchOne(db, sql: "SELECT * FROM candidates WHERE id = ?", arguments: [id]) })
            else { return nil }
            let sealed: Data? = row["identity"]
            return CandidateRecord(
                id: row["id"], integration: row["integration"], externalId: row["external_id"],
                identity: try sealed.map { try self.openJSON(CandidateEvent.Candidate.self, $0, context: "candidates.identity") },
                createdAt: Date(timeIntervalSince1970: row["created_at"]),
                erasedAt: (row["erased_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    public func setStatus(applicationId: String, _ status: ApplicationStatus, error: String?, now: Date) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "UPDATE applications SET status = ?, last_error = ?, updated_at = ? WHERE id = ?",
                    arguments: [status.rawValue, error, now.timeIntervalSince1970, applicationId])
            }
        }
    }

    public func answers(applicationId: String) async throws -> [String: String] {
        let sealed = try await wrap {
            try self.pool.read { db in try Data.fetchOne(db, sql: "SELECT answers FROM applications WHERE id = ?", arguments: [applicationId]) }
        }
        guard let sealed else { return [:] }
        return try openJSON([String: String].self, sealed, context: "applications.answers")
    }

    public func storeDocument(applicationId: String, _ document: FetchedDocument, now: Date) async throws {
        let hash = Self.sha256Hex(document.bytes)
        let bytes = try sealer.seal(document.bytes, context: "documents.bytes")
        let name = try document.fileName.map { try sealer.seal(Data($0.utf8), context: "documents.file_name") }
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO documents (application_id, sha256, bytes, file_name, content_type, source, fetched_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [applicationId, hash, bytes, name, document.contentType, document.source, now.timeIntervalSince1970])
                try db.execute(
                    sql: "UPDATE applications SET status = 'fetched', last_error = NULL, updated_at = ? WHERE id = ? AND status IN ('received', 'failed')",
                    arguments: [now.timeIntervalSince1970, applicationId])
            }
        }
    }

    public func document(applicationId: String) async throws -> FetchedDocument? {
        try await wrap {
            guard let row = try self.pool.read({ db in
                try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE application_id = ? ORDER BY fetched_at DESC LIMIT 1", arguments: [applicationId])
            }) else { return nil }
            let name: Data? = row["file_name"]
            return FetchedDocument(
                bytes: try self.sealer.open(row["bytes"], context: "documents.bytes"),
                fileName: try name.map { String(decoding: try self.sealer.open($0, context: "documents.file_name"), as: UTF8.self) },
                contentType: row["content_type"], source: row["source"])
        }
    }

    public func storeParse(applicationId: String, parsed: ParsedResume, redacted: RedactedProfile, now: Date) async throws {
        let p = try sealJSON(parsed, context: "parses.parsed")
        let r = try sealJSON(redacted, context: "parses.redacted")
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO parses (application_id, parsed, redacted, parsed_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT(application_id) DO UPDATE SET parsed = excluded.parsed, redacted = excluded.redacted, parsed_at = excluded.parsed_at
                        """,
                    arguments: [applicationId, p, r, now.timeIntervalSince1970])
                try db.execute(
                    sql: "UPDATE applications SET status = 'parsed', last_error = NULL, updated_at = ? WHERE id = ? AND status != 'scored'",
                    arguments: [now.timeIntervalSince1970, applicationId])
            }
        }
    }

    public func parse(applicationId: String) async throws -> (parsed: ParsedResume, redacted: RedactedProfile)? {
        let pair: (Data, Data)? = try await wrap {
            try self.pool.read { db in
                try Row.fetchOne(db, sql: "SELECT parsed, redacted FROM parses WHERE application_id = ?", arguments: [applicationId])
                    .map { ($0["parsed"] as Data, $0["redacted"] as Data) }
            }
        }
        guard let pair else { return nil }
        return (
            try openJSON(ParsedResume.self, pair.0, context: "parses.parsed"),
            try openJSON(RedactedProfile.self, pair.1, context: "parses.redacted")
        )
    }

    static func applicationRecord(_ db: Database, id: String) throws -> ApplicationRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM applications WHERE id = ?", arguments: [id]).map(applicationRecord)
    }

    static func applicationRecord(_ row: Row) -> ApplicationRecord {
        ApplicationRecord(
            id: row["id"], candidateId: row["candidate_id"], jobId: row["job_id"], integration: row["integration"],
            externalId: row["external_id"], stage: row["stage"],
            status: ApplicationStatus(rawValue: row["status"]) ?? .received, lastError: row["last_error"],
            appliedAt: (row["applied_at"] as Double?).map(Date.init(timeIntervalSince1970:)),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }
}
