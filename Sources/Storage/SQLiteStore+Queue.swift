import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore {
    public func claimWork(owner: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [WorkItem] {
        try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT w.id FROM work_items w
                        WHERE (w.state = 'queued' AND w.available_at <= ?)
                           OR (w.state = 'leased' AND w.lease_expires_at <= ?)
                        ORDER BY w.available_at, w.id LIMIT ?
                        """,
                    arguments: [t, t, limit]
                )
                var items: [WorkItem] = []
                for row in rows {
                    let id: Int64 = row["id"]
                    try db.execute(
                        sql: """
                            UPDATE work_items SET state = 'leased', attempts = attempts + 1, lease_owner = ?,
                                lease_expires_at = ?, updated_at = ? WHERE id = ?
                            """,
                        arguments: [owner, t + lease, t, id]
                    )
                    if let item = try Self.workItem(id: id, db: db) { items.append(item) }
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
                    sql: "UPDATE work_items SET state = 'done', lease_owner = NULL, lease_expires_at = NULL, last_error = NULL, updated_at = ? WHERE id = ?",
                    arguments: [now.timeIntervalSince1970, item.id]
                )
                try db.execute(
                    sql: "UPDATE raw_events SET status = 'processed', mapped = ? WHERE id = ?",
                    arguments: [result, item.eventID]
                )
            }
        }
    }

    @discardableResult
    public func failWork(_ item: WorkItem, reason: String, permanent: Bool, policy: RetryPolicy, now: Date) async throws -> WorkItem.State {
        try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                let current = try Self.workItem(id: item.id, db: db)
                let attempts = current?.attempts ?? item.attempts
                let maxAttempts = current?.maxAttempts ?? item.maxAttempts
                if permanent || attempts >= maxAttempts {
                    try db.execute(
                        sql: "UPDATE work_items SET state = 'quarantined', lease_owner = NULL, lease_expires_at = NULL, last_error = ?, updated_at = ? WHERE id = ?",
                        arguments: [reason, t, item.id]
                    )
                    try db.execute(sql: "UPDATE raw_events SET status = 'quarantined' WHERE id = ?", arguments: [item.eventID])
                    return .quarantined
                }
                try db.execute(
                    sql: "UPDATE work_items SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, last_error = ?, available_at = ?, updated_at = ? WHERE id = ?",
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
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM raw_events WHERE id = ?", arguments: [eventID]) != nil else {
                    throw ScreenerError(.notFound, "no event with id \(eventID)")
                }
                try db.execute(
                    sql: """
                        INSERT INTO work_items (event_id, state, attempts, max_attempts, available_at, created_at, updated_at)
                        VALUES (?, 'queued', 0, 8, ?, ?, ?)
                        ON CONFLICT(event_id) DO UPDATE SET state = 'queued', attempts = 0, available_at = excluded.available_at,
                            lease_owner = NULL, lease_expires_at = NULL, updated_at = excluded.updated_at
                        """,
                    arguments: [eventID, t, t, t]
                )
                try db.execute(sql: "UPDATE raw_events SET status = 'queued' WHERE id = ?", arguments: [eventID])
            }
        }
    }

    public func queueDepth() async throws -> Int {
        try await wrap {
            try self.pool.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM work_items WHERE state IN ('queued', 'leased')") ?? 0
            }
        }
    }

    static func workItem(id: Int64, db: Database) throws -> WorkItem? {
        try Row.fetchOne(
            db,
            sql: """
                SELECT w.*, e.integration, e.profile FROM work_items w JOIN raw_events e ON e.id = w.event_id WHERE w.id = ?
                """,
            arguments: [id]
        ).map { row in
            WorkItem(
                id: row["id"], eventID: row["event_id"], integration: row["integration"], profile: row["profile"],
                state: WorkItem.State(rawValue: row["state"]) ?? .queued, attempts: row["attempts"],
                maxAttempts: row["max_attempts"], leaseOwner: row["lease_owner"],
                leaseExpiresAt: (row["lease_expires_at"] as Double?).map { Date(timeIntervalSince1970: $0) }
            )
        }
    }
}
