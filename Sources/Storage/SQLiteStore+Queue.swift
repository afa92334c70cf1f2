import Foundation
import GRDB
import ScreenerCore

/// The work queue: each raw event carries its own processing state (migration `0007`), so a
/// delivery is stored and queued by one row.
extension SQLiteStore {
    /// A new event, queued and due at once. Arguments: id, integration, profile, dedupe key, event
    /// type, headers JSON, sealed body, received at, max attempts, available at, updated at.
    static let insertQueuedEvent = """
        INSERT INTO raw_events (id, integration, profile, dedupe_key, event_type, headers_json, body, received_at,
            status, attempts, max_attempts, available_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)
        """

    /// `raw_events.status` as readers see it (alias `e`): a leased event is still queued.
    static let readerStatus = "CASE e.status WHEN 'leased' THEN 'queued' ELSE e.status END"

    public func claimWork(owner: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [WorkItem] {
        try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                // Due work: queued events whose time has come and leases that expired (a worker that
                // died). The predicate is the partial index's, so only unfinished events are read.
                let seqs = try Int64.fetchAll(
                    db,
                    sql: """
                        SELECT seq FROM raw_events INDEXED BY raw_events_due
                        WHERE status IN ('queued', 'leased') AND available_at <= ?
                        ORDER BY available_at, seq LIMIT ?
                        """,
                    arguments: [t, limit]
                )
                var items: [WorkItem] = []
                for seq in seqs {
                    try db.execute(
                        sql: """
                            UPDATE raw_events SET status = 'leased', attempts = attempts + 1, lease_owner = ?,
                                available_at = ?, updated_at = ? WHERE seq = ?
                            """,
                        arguments: [owner, t + lease, t, seq]
                    )
                    if let item = try Self.workItem(seq: seq, db: db) { items.append(item) }
                }
                return items
            }
        }
    }

    public func completeWork(_ item: WorkItem, result: Data?, now: Date) async throws {
        let result = try result.map { try sealer.seal($0, context: "raw_events.mapped") }
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE raw_events SET status = 'processed', mapped = ?, lease_owner = NULL, last_error = NULL, updated_at = ?
                        WHERE seq = ?
                        """,
                    arguments: [result, now.timeIntervalSince1970, item.id]
                )
            }
        }
    }

    @discardableResult
    public func failWork(_ item: WorkItem, reason: String, permanent: Bool, policy: RetryPolicy, now: Date) async throws -> WorkItem.State {
        try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                let current = try Self.workItem(seq: item.id, db: db)
                let attempts = current?.attempts ?? item.attempts
                let maxAttempts = current?.maxAttempts ?? item.maxAttempts
                if permanent || attempts >= maxAttempts {
                    try db.execute(
                        sql: "UPDATE raw_events SET status = 'quarantined', lease_owner = NULL, last_error = ?, updated_at = ? WHERE seq = ?",
                        arguments: [reason, t, item.id]
                    )
                    return .quarantined
                }
                try db.execute(
                    sql: "UPDATE raw_events SET status = 'queued', lease_owner = NULL, last_error = ?, available_at = ?, updated_at = ? WHERE seq = ?",
                    arguments: [reason, t + policy.delay(after: attempts), t, item.id]
                )
                return .queued
            }
        }
    }

    public func replay(eventID: String, now: Date) async throws {
        try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                try db.execute(
                    sql: """
                        UPDATE raw_events SET status = 'queued', attempts = 0, available_at = ?, lease_owner = NULL, updated_at = ?
                        WHERE id = ?
                        """,
                    arguments: [t, t, eventID]
                )
                guard db.changesCount > 0 else { throw ScreenerError(.notFound, "no event with id \(eventID)") }
            }
        }
    }

    public func queueDepth() async throws -> Int {
        try await wrap {
            try self.pool.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM raw_events INDEXED BY raw_events_due WHERE status IN ('queued', 'leased')") ?? 0
            }
        }
    }

    static func workItem(seq: Int64, db: Database) throws -> WorkItem? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT seq, id, integration, profile, status, attempts, max_attempts, lease_owner, available_at
                FROM raw_events WHERE seq = ?
                """,
            arguments: [seq]
        ).map { row in
            let status: String = row["status"]
            let state: WorkItem.State = switch status {
            case "leased": .leased
            case "processed": .done
            case "quarantined": .quarantined
            default: .queued
            }
            return WorkItem(
                id: row["seq"], eventID: row["id"], integration: row["integration"], profile: row["profile"],
                state: state, attempts: row["attempts"], maxAttempts: row["max_attempts"], leaseOwner: row["lease_owner"],
                leaseExpiresAt: state == .leased ? Date(timeIntervalSince1970: row["available_at"]) : nil
            )
        }
    }
}
