import Foundation
import GRDB
import ScreenerCore
import Synchronization

/// Group commit for deliveries.
///
/// Callers enqueue a row and suspend. One drain loop at a time takes everything pending, writes it in
/// a single transaction (one fsync), then resumes each caller with its own outcome. A caller is never
/// resumed before the commit that holds its row has returned. If the transaction fails, every caller
/// in it gets the error and nothing of that batch is stored.
final class WriteBatcher: Sendable {
    private struct Pending {
        var delivery: NewRawEvent
        var continuation: CheckedContinuation<RecordOutcome, any Error>
    }
    private struct State {
        var pending: [Pending] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    private let queue = DispatchQueue(label: "screener.storage.write-batcher")
    /// The most rows one transaction takes.
    let maxBatch: Int

    init(pool: DatabasePool, maxBatch: Int = 512) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    func submit(_ delivery: NewRawEvent) async throws -> RecordOutcome {
        try await withCheckedThrowingContinuation { cont in
            let start = state.withLock { s -> Bool in
                s.pending.append(Pending(delivery: delivery, continuation: cont))
                if s.draining { return false }
                s.draining = true
                return true
            }
            if start { queue.async { self.drain() } }
        }
    }

    private func drain() {
        while true {
            let batch = state.withLock { s -> [Pending] in
                if s.pending.isEmpty {
                    s.draining = false
                    return []
                }
                let n = min(maxBatch, s.pending.count)
                let b = Array(s.pending.prefix(n))
                s.pending.removeFirst(n)
                return b
            }
            if batch.isEmpty { return }
            do {
                let outcomes = try pool.write { db in
                    try batch.map { try Self.insert($0.delivery, db: db) }
                }
                for (p, o) in zip(batch, outcomes) { p.continuation.resume(returning: o) }
            } catch {
                for p in batch { p.continuation.resume(throwing: error) }
            }
        }
    }

    /// Inserts the event and its work item unless `(integration, dedupe_key)` exists already.
    static func insert(_ d: NewRawEvent, db: Database) throws -> RecordOutcome {
        // Cached prepared statements: the SQL is compiled once per connection, not per row.
        if let existing = try String.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM raw_events WHERE integration = ? AND dedupe_key = ?"),
            arguments: [d.integration, d.dedupeKey]
        ) {
            return .duplicate(eventID: existing)
        }
        let id = UUID().uuidString.lowercased()
        let headers = String(decoding: try JSONSerialization.data(withJSONObject: d.headers, options: [.sortedKeys]), as: UTF8.self)
        let t = d.receivedAt.timeIntervalSince1970
        try db.cachedStatement(sql: """
            INSERT INTO raw_events (id, integration, profile, dedupe_key, event_type, headers_json, body, received_at, status)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued')
            """).execute(arguments: [id, d.integration, d.profile, d.dedupeKey, d.eventType, headers, d.body, t])
        try db.cachedStatement(sql: """
            INSERT INTO work_items (event_id, state, attempts, max_attempts, available_at, created_at, updated_at)
            VALUES (?, 'queued', 0, ?, ?, ?, ?)
            """).execute(arguments: [id, d.maxAttempts, t, t, t])
        return .stored(eventID: id)
    }
}
