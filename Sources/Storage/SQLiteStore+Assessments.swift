import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore: AssessmentStore {
    /// Sealed columns of the Assessment Partner table (`screener keys rotate` re-seals them).
    public static let assessmentSealedColumns: [SealedColumn] = [
        .init(table: "assessment_requests", column: "callback_url"),
    ]

    /// Greenhouse Assessment Partner requests (issue 5). The `send_test` body is the raw event's
    /// (sealed) body; this table holds the ids, the state, the result and the sealed callback URL.
    /// `(integration, dedupe_key)` is unique: a repeated `send_test` finds the first assessment.
    static func registerAssessmentMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("0006_assessment_requests") { db in
            try db.execute(sql: """
                CREATE TABLE assessment_requests (
                    id TEXT PRIMARY KEY NOT NULL,
                    integration TEXT NOT NULL,
                    dedupe_key TEXT NOT NULL,
                    job_id TEXT NOT NULL REFERENCES jobs(id),
                    candidate_id TEXT NOT NULL,
                    application_id TEXT,
                    event_id TEXT NOT NULL UNIQUE REFERENCES raw_events(id),
                    callback_url BLOB,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'complete', 'erased')),
                    result_json BLOB,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    completed_at REAL,
                    erased_at REAL,
                    UNIQUE (integration, dedupe_key)
                );
                CREATE INDEX assessment_requests_candidate ON assessment_requests(candidate_id);
                """)
        }
    }

    public func recordAssessment(_ request: NewAssessmentRequest) async throws -> (assessment: AssessmentRecord, created: Bool) {
        let body = try sealer.seal(request.body, context: "raw_events.body")
        let callback = try request.callbackURL.map { try sealer.seal(Data($0.utf8), context: "assessment_requests.callback_url") }
        let id = Self.stableID("ga_", request.integration, request.dedupeKey)
        return try await wrap {
            try self.pool.write { db in
                if let existing = try Row.fetchOne(db, sql: Self.assessmentSelect + " WHERE a.integration = ? AND a.dedupe_key = ?",
                                                   arguments: [request.integration, request.dedupeKey]) {
                    return (try self.assessmentRecord(existing), false)
                }
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM jobs WHERE id = ?", arguments: [request.jobId]) != nil else {
                    throw ScreenerError(.notFound, "no job with id \(request.jobId)")
                }
                let eventID = UUID().uuidString.lowercased()
                let t = request.receivedAt.timeIntervalSince1970
                try db.execute(
                    sql: Self.insertQueuedEvent,
                    arguments: [eventID, request.integration, "greenhouse", "assessment:" + request.dedupeKey, request.eventType, "{}", body,
                                t, max(1, request.maxAttempts), t, t])
                try db.execute(
                    sql: "INSERT OR IGNORE INTO candidate_events (candidate_id, event_id) VALUES (?, ?)",
                    arguments: [request.candidateId, eventID])
                try db.execute(
                    sql: """
                        INSERT INTO assessment_requests (id, integration, dedupe_key, job_id, candidate_id, event_id, callback_url,
                            status, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                        """,
                    arguments: [id, request.integration, request.dedupeKey, request.jobId, request.candidateId, eventID, callback, t, t])
                guard let stored = try Row.fetchOne(db, sql: Self.assessmentSelect + " WHERE a.id = ?", arguments: [id]) else {
                    throw ScreenerError(.storeUnavailable, "the assessment just stored cannot be read back")
                }
                return (try self.assessmentRecord(stored), true)
            }
        }
    }

    public func assessment(id: String) async throws -> AssessmentRecord? {
        try await assessment(where: "a.id = ?", id)
    }

    public func assessment(eventId: String) async throws -> AssessmentRecord? {
        try await assessment(where: "a.event_id = ?", eventId)
    }

    func assessment(where clause: String, _ value: String) async throws -> AssessmentRecord? {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchOne(db, sql: Self.assessmentSelect + " WHERE " + clause, arguments: [value]).map(self.assessmentRecord)
            }
        }
    }

    @discardableResult
    public func completeAssessment(id: String, applicationId: String, result: AssessmentResult, postBack: OutboxItem?, now: Date) async throws -> AssessmentRecord {
        let json = try Self.encoder.encode(result)
        let outbox = try postBack.map { [($0, try Self.encoder.encode($0.postBack))] } ?? []
        return try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                try db.execute(
                    sql: """
                        UPDATE assessment_requests SET status = 'complete', application_id = ?, result_json = ?, completed_at = ?,
                            updated_at = ? WHERE id = ? AND status = 'pending'
                        """,
                    arguments: [applicationId, json, t, t, id])
                if db.changesCount == 1 {
                    try Self.insertOutbox(db, outbox, now: now)
                }
                guard let row = try Row.fetchOne(db, sql: Self.assessmentSelect + " WHERE a.id = ?", arguments: [id]) else {
                    throw ScreenerError(.notFound, "no assessment with id \(id)")
                }
                return try self.assessmentRecord(row)
            }
        }
    }

    /// Erasure of a candidate's assessments (called inside `eraseCandidate`'s transaction): the sealed
    /// callback URL goes and the row is marked `erased`. The result (score and skill names, no PII)
    /// stays, as scores do. Returns the rows changed.
    static func eraseAssessments(_ db: Database, candidateId: String, now: Double) throws -> Int {
        try db.execute(
            sql: """
                UPDATE assessment_requests SET callback_url = NULL, status = 'erased', erased_at = COALESCE(erased_at, ?), updated_at = ?
                WHERE candidate_id = ?
                """,
            arguments: [now, now, candidateId])
        return db.changesCount
    }

    static let assessmentSelect = """
        SELECT a.*, \(readerStatus) AS event_status, e.last_error AS work_error
        FROM assessment_requests a JOIN raw_events e ON e.id = a.event_id
        """

    func assessmentRecord(_ row: Row) throws -> AssessmentRecord {
        let callback = try (row["callback_url"] as Data?).map { String(decoding: try sealer.open($0, context: "assessment_requests.callback_url"), as: UTF8.self) }
        let result = try (row["result_json"] as Data?).map { try Self.decoder.decode(AssessmentResult.self, from: $0) }
        return AssessmentRecord(
            id: row["id"], integration: row["integration"], jobId: row["job_id"], candidateId: row["candidate_id"],
            applicationId: row["application_id"], eventId: row["event_id"],
            status: AssessmentRecord.Status(rawValue: row["status"]) ?? .pending,
            processing: RawEvent.Status(rawValue: row["event_status"]) ?? .queued, lastError: row["work_error"], result: result,
            callbackURL: callback, createdAt: Date(timeIntervalSince1970: row["created_at"]),
            completedAt: (row["completed_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
