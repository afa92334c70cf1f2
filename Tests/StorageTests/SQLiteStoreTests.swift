import Foundation
import ScreenerCore
import ScreenerTestSupport
import GRDB
@testable import Storage
import Testing

@Suite("SQLiteStore")
struct SQLiteStoreTests {
    let dir: TemporaryDirectory
    let store: SQLiteStore
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() async throws {
        dir = try TemporaryDirectory()
        store = try SQLiteStore(path: dir.path("db/screener.sqlite"))
        try await store.migrate()
    }

    func delivery(_ key: String, integration: String = "acme", at date: Date? = nil) -> NewRawEvent {
        NewRawEvent(
            integration: integration, profile: "greenhouse", dedupeKey: key, eventType: "new_candidate_application",
            headers: ["greenhouse-event-id": key], body: Data(#"{"k":"\#(key)"}"#.utf8), receivedAt: date ?? t0, maxAttempts: 3
        )
    }

    @Test("migrations are named, applied once, and leave nothing pending")
    func migrations() async throws {
        #expect(try await store.pendingMigrations().isEmpty)
        try await store.migrate()
        let fresh = try SQLiteStore(path: dir.path("other.sqlite"))
        #expect(try await fresh.pendingMigrations() == [
            "0001_raw_events_and_work_queue", "0002_pipeline", "0003_access_tokens_and_access_log", "0004_raw_events_purged_at",
            "0005_demographics_and_audit_runs", "0006_assessment_requests", "0007_work_queue_in_raw_events",
        ])
    }

    /// GRDB's WAL set-up lowers the writer to `synchronous = NORMAL` after `prepareDatabase`, which
    /// syncs the WAL only at checkpoints: an acknowledged delivery could be lost to a power cut.
    @Test("the writer syncs the WAL at every commit (synchronous = FULL), also after reopening")
    func writerSyncsEveryCommit() async throws {
        let level = try await store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(level == 2)
        let reopened = try SQLiteStore(path: dir.path("db/screener.sqlite"))
        let again = try await reopened.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        #expect(again == 2)
    }

    @Test("a delivery is stored with a queued work item; a redelivery is not stored again")
    func dedupe() async throws {
        let first = try await store.recordDelivery(delivery("evt-1"))
        let again = try await store.recordDelivery(delivery("evt-1"))
        guard case .stored(let id) = first else { Issue.record("expected stored"); return }
        #expect(again == .duplicate(eventID: id))
        #expect(try await store.queueDepth() == 1)
        let e = try #require(try await store.event(id: id))
        #expect(e.status == .queued)
        #expect(e.headers["greenhouse-event-id"] == "evt-1")
        #expect(e.body == Data(#"{"k":"evt-1"}"#.utf8))
        // The same key under another integration is a different delivery.
        let other = try await store.recordDelivery(delivery("evt-1", integration: "other"))
        #expect(other != first)
        #expect(try await store.queueDepth() == 2)
    }

    @Test("500 concurrent deliveries are all stored once, with no busy error")
    func concurrentDeliveries() async throws {
        let outcomes = try await withThrowingTaskGroup(of: RecordOutcome.self) { group in
            for i in 0..<500 {
                group.addTask { try await store.recordDelivery(delivery("evt-\(i % 250)-\(i < 250 ? "a" : "b")")) }
                if i % 5 == 0 { group.addTask { try await store.recordDelivery(delivery("dup")) } }
            }
            var all: [RecordOutcome] = []
            for try await o in group { all.append(o) }
            return all
        }
        let stored = outcomes.filter { if case .stored = $0 { true } else { false } }
        #expect(stored.count == 501)
        #expect(Set(outcomes.map(\.eventID)).count == 501)
        #expect(try await store.queueDepth() == 501)
    }

    @Test("claimed work is leased; an expired lease is claimable again and the attempt counts")
    func leases() async throws {
        _ = try await store.recordDelivery(delivery("a"))
        let claimed = try await store.claimWork(owner: "w1", limit: 10, lease: 30, now: t0)
        #expect(claimed.count == 1)
        #expect(claimed[0].attempts == 1)
        #expect(claimed[0].leaseOwner == "w1")
        #expect(try await store.claimWork(owner: "w2", limit: 10, lease: 30, now: t0.addingTimeInterval(29)).isEmpty)
        let reclaimed = try await store.claimWork(owner: "w2", limit: 10, lease: 30, now: t0.addingTimeInterval(31))
        #expect(reclaimed.map(\.id) == claimed.map(\.id))
        #expect(reclaimed[0].attempts == 2)
        try await store.completeWork(reclaimed[0], result: Data("{}".utf8), now: t0.addingTimeInterval(32))
        #expect(try await store.queueDepth() == 0)
        #expect(try await store.event(id: reclaimed[0].eventID)?.status == .processed)
    }

    @Test("a failure backs off exponentially and the last attempt quarantines")
    func backoffAndQuarantine() async throws {
        let policy = RetryPolicy(baseDelay: 10, multiplier: 3, maxDelay: 1000, jitter: 0)
        _ = try await store.recordDelivery(delivery("b"))
        var now = t0
        var item = try #require(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: now).first)
        #expect(try await store.failWork(item, reason: "boom 1", permanent: false, policy: policy, now: now) == .queued)
        // Not before 10 s have passed.
        #expect(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: now.addingTimeInterval(9)).isEmpty)
        now = now.addingTimeInterval(10)
        item = try #require(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: now).first)
        #expect(try await store.failWork(item, reason: "boom 2", permanent: false, policy: policy, now: now) == .queued)
        #expect(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: now.addingTimeInterval(29)).isEmpty)
        now = now.addingTimeInterval(30)
        item = try #require(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: now).first)
        #expect(item.attempts == 3)
        #expect(try await store.failWork(item, reason: "boom 3", permanent: false, policy: policy, now: now) == .quarantined)
        let e = try #require(try await store.event(id: item.eventID))
        #expect(e.status == .quarantined)
        #expect(e.lastError == "boom 3")
        #expect(try await store.events(EventFilter(status: .quarantined)).map(\.id) == [item.eventID])
        #expect(try await store.queueDepth() == 0)

        // Replay puts it back with a fresh budget.
        try await store.replay(eventID: item.eventID, now: now)
        let again = try #require(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: now).first)
        #expect(again.attempts == 1)
        #expect(try await store.event(id: item.eventID)?.status == .queued)
    }

    @Test("a permanent failure quarantines at once")
    func permanentFailure() async throws {
        _ = try await store.recordDelivery(delivery("c"))
        let item = try #require(try await store.claimWork(owner: "w", limit: 1, lease: 60, now: t0).first)
        #expect(try await store.failWork(item, reason: "mapping_failed: /payload missing", permanent: true, policy: RetryPolicy(), now: t0) == .quarantined)
    }

    @Test("replaying an unknown event is a not-found error")
    func replayUnknown() async throws {
        await #expect(throws: ScreenerError.self) { try await store.replay(eventID: "nope", now: t0) }
    }

    @Test("data survives reopening the file")
    func durability() async throws {
        let path = dir.path("durable.sqlite")
        do {
            let s = try SQLiteStore(path: path)
            try await s.migrate()
            for i in 0..<20 { _ = try await s.recordDelivery(delivery("d\(i)")) }
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try await reopened.events(EventFilter(limit: 100)).count == 20)
    }
}

@Suite("RetryPolicy")
struct RetryPolicyTests {
    @Test("delay = min(max, base × multiplier^(n−1)) scaled by jitter", arguments: [(1, 2.0), (2, 8.0), (3, 32.0), (10, 3600.0)])
    func schedule(attempt: Int, expected: Double) {
        let p = RetryPolicy(baseDelay: 2, multiplier: 4, maxDelay: 3600, jitter: 0.2)
        #expect(p.delay(after: attempt, random: 0) == expected)
        #expect(abs(p.delay(after: attempt, random: 1) - expected * 0.8) < 1e-9)
    }
}
