import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore {
    public func latestShortlist(jobId: String) async throws -> Shortlist? {
        try await wrap {
            try self.pool.read { db in
                try Data.fetchOne(db, sql: "SELECT shortlist_json FROM shortlists WHERE job_id = ? ORDER BY revision DESC LIMIT 1", arguments: [jobId])
                    .map { try Self.decoder.decode(Shortlist.self, from: $0) }
            }
        }
    }

    public func shortlist(jobId: String, revision: Int) async throws -> Shortlist? {
        try await wrap {
            try self.pool.read { db in
                try Data.fetchOne(db, sql: "SELECT shortlist_json FROM shortlists WHERE job_id = ? AND revision = ?", arguments: [jobId, revision])
                    .map { try Self.decoder.decode(Shortlist.self, from: $0) }
            }
        }
    }

    public func saveShortlist(_ shortlist: Shortlist, postBacks: [OutboxItem], deferPendingUntil: Date?, now: Date) async throws {
        let json = try Self.encoder.encode(shortlist)
        let rows = try postBacks.map { ($0, try Self.encoder.encode($0.postBack)) }
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "INSERT INTO shortlists (job_id, revision, criteria_version, shortlist_json, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [shortlist.jobId, shortlist.revision, shortlist.criteriaVersion, json, now.timeIntervalSince1970])
                try Self.insertOutbox(db, rows, now: now)
                // Notes not yet sent to candidates who have left the list will never be sent.
                let onList = shortlist.entries.map(\.candidateId)
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'superseded', updated_at = ?
                        WHERE job_id = ? AND state = 'pending' AND kind = 'candidate_note'
                          AND candidate_id NOT IN (SELECT value FROM json_each(?))
                        """,
                    arguments: [now.timeIntervalSince1970, shortlist.jobId, String(decoding: try Self.encoder.encode(onList), as: UTF8.self)])
                if let until = deferPendingUntil {
                    try db.execute(
                        sql: """
                            UPDATE outbox SET available_at = MAX(available_at, ?), updated_at = ?
                            WHERE job_id = ? AND state = 'pending' AND kind = 'candidate_note'
                            """,
                        arguments: [until.timeIntervalSince1970, now.timeIntervalSince1970, shortlist.jobId])
                }
            }
        }
    }

    public func deferPendingNotes(jobId: String, until: Date, now: Date) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE outbox SET available_at = MAX(available_at, ?), updated_at = ?
                        WHERE job_id = ? AND state = 'pending' AND kind = 'candidate_note'
                        """,
                    arguments: [until.timeIntervalSince1970, now.timeIntervalSince1970, jobId])
            }
        }
    }

    public func markSuperseded(postBackId: String, now: Date) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "UPDATE outbox SET state = 'superseded', lease_expires_at = NULL, updated_at = ? WHERE id = ? AND state != 'delivered'",
                    arguments: [now.timeIntervalSince1970, postBackId])
            }
        }
    }

    public func enqueue(_ postBacks: [OutboxItem]) async throws {
        let rows = try postBacks.map { ($0, try Self.encoder.encode($0.postBack)) }
        try await wrap { try self.pool.write { db in try Self.insertOutbox(db, rows, now: Date()) } }
    }

    /// `INSERT OR IGNORE` on the post-back id: the idempotency ledger. A post-back already in the
    /// outbox, in whatever state, is never enqueued twice.
    static func insertOutbox(_ db: Database, _ rows: [(OutboxItem, Data)], now: Date) throws {
        for (item, json) in rows {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO outbox (id, integration, profile, kind, job_id, candidate_id, postback_json, state,
                        attempts, uncertain, available_at, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, ?)
                    """,
                arguments: [
                    item.postBack.id, item.postBack.integration, item.postBack.profile, item.postBack.kind.rawValue, item.jobId,
                    item.candidateId, json, item.availableAt.timeIntervalSince1970, now.timeIntervalSince1970,
                    now.timeIntervalSince1970,
                ])
        }
    }

    public func claimPostBacks(limit: Int, lease: TimeInterval, now: Date) async throws -> [OutboxItem] {
        try await wrap {
            try self.pool.write { db in
                let t = now.timeIntervalSince1970
                // An in-flight row whose lease expired was interrupted mid-attempt (crash): it may
                // have landed, so it is retried as uncertain.
                try db.execute(
                    sql: "UPDATE outbox SET state = 'pending', uncertain = 1, updated_at = ? WHERE state = 'in_flight' AND lease_expires_at <= ?",
                    arguments: [t, t])
                let ids = try String.fetchAll(
                    db, sql: "SELECT id FROM outbox WHERE state = 'pending' AND available_at <= ? ORDER BY available_at, created_at, id LIMIT ?",
                    arguments: [t, limit])
                var items: [OutboxItem] = []
                for id in ids {
                    try db.execute(
                        sql: "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, lease_expires_at = ?, updated_at = ? WHERE id = ?",
                        arguments: [t + lease, t, id])
                    if let item = try Self.outboxItem(db, id: id) { items.append(item) }
                }
                return items
            }
        }
    }

    public func markDelivered(postBackId: String, remoteId: String?, now: Date) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = 'delivered', remote_id = ?, delivered_at = ?, updated_at = ?, uncertain = 0,
                            last_error = NULL, lease_expires_at = NULL WHERE id = ?
                        """,
                    arguments: [remoteId, now.timeIntervalSince1970, now.timeIntervalSince1970, postBackId])
            }
        }
    }

    public func markFailed(postBackId: String, reason: String, uncertain: Bool, retryAt: Date?, now: Date) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE outbox SET state = ?, last_error = ?, uncertain = ?, available_at = COALESCE(?, available_at),
                            lease_expires_at = NULL, updated_at = ? WHERE id = ?
                        """,
                    arguments: [
                        retryAt == nil ? "dead" : "pending", reason, uncertain, retryAt?.timeIntervalSince1970,
                        now.timeIntervalSince1970, postBackId,
                    ])
            }
        }
    }

    public func postBacks(state: OutboxItem.State?, jobId: String?, candidateId: String?, limit: Int) async throws -> [OutboxItem] {
        try await wrap {
            try self.pool.read { db in
                var clauses: [String] = []
                var args: [(any DatabaseValueConvertible)?] = []
                if let state { clauses.append("state = ?"); args.append(state.rawValue) }
                if let jobId { clauses.append("job_id = ?"); args.append(jobId) }
                if let candidateId { clauses.append("candidate_id = ?"); args.append(candidateId) }
                args.append(limit)
                let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
                return try Row.fetchAll(
                    db, sql: "SELECT * FROM outbox" + whereSQL + " ORDER BY created_at, id LIMIT ?", arguments: StatementArguments(args)
                ).map(Self.outboxItem)
            }
        }
    }

    public func postBack(id: String) async throws -> OutboxItem? {
        try await wrap { try self.pool.read { db in try Self.outboxItem(db, id: id) } }
    }

    public func retryPostBack(id: String, now: Date) async throws {
        try await wrap {
            try self.pool.write { db in
                try db.execute(
                    sql: "UPDATE outbox SET state = 'pending', available_at = ?, updated_at = ? WHERE id = ? AND state IN ('dead', 'pending')",
                    arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, id])
                if db.changesCount == 0 {
                    throw ScreenerError(.notFound, "no dead or pending post-back with id \(id)")
                }
            }
        }
    }

    static func outboxItem(_ db: Database, id: String) throws -> OutboxItem? {
        try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]).map(outboxItem)
    }

    static func outboxItem(_ row: Row) throws -> OutboxItem {
        OutboxItem(
            postBack: try decoder.decode(PostBack.self, from: row["postback_json"] as Data), jobId: row["job_id"],
            candidateId: row["candidate_id"], state: OutboxItem.State(rawValue: row["state"]) ?? .pending,
            attempts: row["attempts"], uncertain: row["uncertain"],
            availableAt: Date(timeIntervalSince1970: row["available_at"]), lastError: row["last_error"],
            remoteId: row["remote_id"], createdAt: Date(timeIntervalSince1970: row["created_at"]),
            deliveredAt: (row["delivered_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
    }
}
