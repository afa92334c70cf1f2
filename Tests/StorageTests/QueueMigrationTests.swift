import Foundation
import GRDB
import ScreenerCore
import ScreenerTestSupport
@testable import Storage
import Testing

/// Migration `0007_work_queue_in_raw_events`: a database written by the two-table queue (`raw_events`
/// plus `work_items`) upgrades in place, and every event keeps its state, attempts, lease, error and
/// links.
@Suite("Queue migration 0007")
struct QueueMigrationTests {
    let dir: TemporaryDirectory
    let path: String
    let t0 = 1_800_000_000.0

    init() throws {
        dir = try TemporaryDirectory()
        path = dir.path("db/screener.sqlite")
    }

    /// Builds a 0006 database holding one event in each state the old queue could be in.
    func writeVersion6Database() throws {
        _ = try SQLiteStore(path: path)  // creates the file and folder as the service does
        let queue = try DatabaseQueue(path: path)
        try SQLiteStore.migrator.migrate(queue, upTo: "0006_assessment_requests")
        try queue.write { db in
            func event(_ id: String, status: String, received: Double) throws {
                try db.execute(
                    sql: """
                        INSERT INTO raw_events (id, integration, profile, dedupe_key, event_type, headers_json, body, received_at, status)
                        VALUES (?, 'acme', 'greenhouse', ?, 'new_candidate_application', '{"greenhouse-event-id":"k"}', ?, ?, ?)
                        """,
                    arguments: [id, "key-\(id)", Data("body-\(id)".utf8), received, status])
            }
            func work(_ id: String, state: String, attempts: Int, available: Double, owner: String? = nil, expires: Double? = nil,
                      error: String? = nil) throws {
                try db.execute(
                    sql: """
                        INSERT INTO work_items (event_id, state, attempts, max_attempts, available_at, lease_owner, lease_expires_at,
                            last_error, created_at, updated_at)
                        VALUES (?, ?, ?, 5, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [id, state, attempts, available, owner, expires, error, t0, t0 + 1])
            }
            // Received out of insertion order: "queued" arrived first.
            try event("leased", status: "queued", received: t0 + 2)
            try work("leased", state: "leased", attempts: 2, available: t0, owner: "worker-1", expires: t0 + 60, error: "timeout")
            try event("queued", status: "queued", received: t0)
            try work("queued", state: "queued", attempts: 1, available: t0 + 30, error: "HTTP 503")
            try event("done", status: "processed", received: t0 + 3)
            try work("done", state: "done", attempts: 1, available: t0)
            try db.execute(sql: "UPDATE raw_events SET mapped = ? WHERE id = 'done'", arguments: [Data("mapped".utf8)])
            try event("bad", status: "quarantined", received: t0 + 4)
            try work("bad", state: "quarantined", attempts: 5, available: t0, error: "mapping_failed: /payload")
            // Stored before the queue existed for it (no work item): processed, not lost.
            try event("orphan", status: "processed", received: t0 + 5)
            try db.execute(
                sql: "INSERT INTO candidate_events (candidate_id, event_id) VALUES ('cand-1', 'done')")
        }
    }

    @Test("every event keeps its state, attempts, lease and error, in arrival order")
    func upgradeKeepsQueueState() async throws {
        try writeVersion6Database()
        let store = try SQLiteStore(path: path)
        #expect(try await store.pendingMigrations() == ["0007_work_queue_in_raw_events"])
        try await store.migrate()
        #expect(try await store.pendingMigrations().isEmpty)

        let all = try await store.events(EventFilter(limit: 10))
        #expect(all.map(\.id) == ["orphan", "bad", "done", "leased", "queued"])
        let byID = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        #expect(byID["leased"]?.status == .queued)  // a lease is queued to readers
        #expect(byID["leased"]?.attempts == 2)
        #expect(byID["leased"]?.lastError == "timeout")
        #expect(byID["queued"]?.lastError == "HTTP 503")
        #expect(byID["done"]?.status == .processed)
        #expect(byID["done"]?.mapped == Data("mapped".utf8))
        #expect(byID["bad"]?.status == .quarantined)
        #expect(byID["bad"]?.attempts == 5)
        #expect(byID["orphan"]?.status == .processed)
        #expect(byID["orphan"]?.body == Data("body-orphan".utf8))
        #expect(try await store.events(EventFilter(status: .queued)).map(\.id) == ["leased", "queued"])
        #expect(try await store.events(EventFilter(status: .quarantined)).map(\.id) == ["bad"])
        #expect(try await store.queueDepth() == 2)

        // The queued event is due at t0+30, the lease runs out at t0+60: each is claimed then, not before.
        let at = { (s: Double) in Date(timeIntervalSince1970: self.t0 + s) }
        #expect(try await store.claimWork(owner: "w", limit: 10, lease: 60, now: at(29)).isEmpty)
        let first = try await store.claimWork(owner: "w", limit: 10, lease: 60, now: at(30))
        #expect(first.map(\.eventID) == ["queued"])
        #expect(first.first?.attempts == 2)
        #expect(first.first?.maxAttempts == 5)
        let second = try await store.claimWork(owner: "w", limit: 10, lease: 60, now: at(60))
        #expect(second.map(\.eventID) == ["leased"])
        #expect(second.first?.attempts == 3)
        #expect(second.first?.leaseOwner == "w")

        // The candidate's link to its event still holds (erasure follows it), and the old table is gone.
        let (violations, linked, oldTable) = try await DatabaseQueue(path: path).read { db in
            (try db.foreignKeyViolations().next(), try String.fetchOne(db, sql: "SELECT event_id FROM candidate_events"),
             try db.tableExists("work_items"))
        }
        #expect(violations == nil)
        #expect(linked == "done")
        #expect(oldTable == false)
    }

    @Test("a delivery is one row: no other table grows")
    func oneRowPerDelivery() async throws {
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        let before = try await DatabaseQueue(path: path).read { db in try Self.rowCounts(db) }
        let outcome = try await store.recordDelivery(NewRawEvent(
            integration: "acme", profile: "greenhouse", dedupeKey: "k1", eventType: "new_candidate_application",
            headers: [:], body: Data("{}".utf8), receivedAt: Date(timeIntervalSince1970: t0), maxAttempts: 3))
        #expect(outcome.isDuplicate == false)
        let after = try await DatabaseQueue(path: path).read { db in try Self.rowCounts(db) }
        let grown = after.filter { before[$0.key] != $0.value }
        #expect(grown == ["raw_events": 1])
        let item = try #require(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: Date(timeIntervalSince1970: t0)).first)
        #expect(item.maxAttempts == 3)
        #expect(item.eventID == outcome.eventID)
    }

    @Test("claims, retention and the status listings read indexes, not the whole table")
    func queriesUseIndexes() async throws {
        let store = try SQLiteStore(path: path)
        try await store.migrate()
        let plans = try await DatabaseQueue(path: path).read { db in
            try [
                "SELECT seq FROM raw_events INDEXED BY raw_events_due WHERE status IN ('queued', 'leased') AND available_at <= 1 ORDER BY available_at, seq LIMIT 5",
                "SELECT id FROM raw_events WHERE status = 'processed' AND received_at < 1 AND purged_at IS NULL",
                "SELECT id FROM raw_events e WHERE e.status = 'quarantined' ORDER BY e.received_at DESC, e.seq DESC LIMIT 5",
                "SELECT id FROM raw_events e WHERE e.status = 'processed' ORDER BY e.received_at DESC, e.seq DESC LIMIT 5",
            ].map { sql in try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ") }
        }
        #expect(plans[0].contains("USING INDEX raw_events_due"), "\(plans[0])")
        #expect(plans[1].contains("USING INDEX raw_events_processed"), "\(plans[1])")
        #expect(plans[2].contains("USING INDEX raw_events_quarantined"), "\(plans[2])")
        #expect(plans[3].contains("USING INDEX raw_events_processed"), "\(plans[3])")
    }

    /// Row counts of every table (SQLite's own included, so an AUTOINCREMENT counter would show).
    static func rowCounts(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
            counts[name] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(name)\"") ?? 0
        }
        return counts
    }
}
