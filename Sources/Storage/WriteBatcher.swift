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
    /// A delivery ready to insert: the id and the headers' JSON are made by the caller, on its own
    /// thread, so the single writer spends its time on SQLite only.
    struct Prepared: Sendable {
        var id: String
        var headersJSON: String
        var delivery: NewRawEvent

        init(_ delivery: NewRawEvent) {
            // Time-ordered ids keep the id index append-mostly: a batch's
            // rows share leaf pages, so a commit writes fewer WAL frames.
            self.id = UUID.timeOrdered(at: delivery.receivedAt).lowercasedString
            self.headersJSON = Self.canonicalJSON(delivery.headers)
            self.delivery = delivery
        }

        /// `{"k":"v",…}` with keys in ascending order: what `JSONSerialization` with `.sortedKeys`
        /// writes, without its bridging to `NSDictionary` (which cost more than the insert itself).
        static func canonicalJSON(_ headers: [String: String]) -> String {
            var out = "{"
            for (n, key) in headers.keys.sorted().enumerated() {
                if n > 0 { out.append(",") }
                appendString(key, to: &out)
                out.append(":")
                appendString(headers[key]!, to: &out)
            }
            out.append("}")
            return out
        }

        private static func appendString(_ s: String, to out: inout String) {
            out.append("\"")
            // Header names and values are almost always printable ASCII without quotes or backslashes.
            if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
                out.append(s)
                out.append("\"")
                return
            }
            var run = s.unicodeScalars.startIndex
            var i = run
            let scalars = s.unicodeScalars
            while i < scalars.endIndex {
                let c = scalars[i]
                let escape: String?
                switch c {
                case "\"": escape = "\\\""
                case "\\": escape = "\\\\"
                case "\n": escape = "\\n"
                case "\r": escape = "\\r"
                case "\t": escape = "\\t"
                case "\u{08}": escape = "\\b"
                case "\u{0C}": escape = "\\f"
                default:
                    if c.value < 0x20 {
                        let hex = String(c.value, radix: 16)
                        escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        escape = nil
                    }
                }
                if let escape {
                    out.unicodeScalars.append(contentsOf: scalars[run..<i])
                    out.append(escape)
                    i = scalars.index(after: i)
                    run = i
                } else {
                    i = scalars.index(after: i)
                }
            }
            out.unicodeScalars.append(contentsOf: scalars[run..<i])
            out.append("\"")
        }
    }

    typealias Completion = @Sendable (Result<RecordOutcome, any Error>) -> Void

    private struct Pending {
        var row: Prepared
        var completion: Completion
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
    /// A batch this large commits without the delay.
    static let fullEnough = 16
    static let commitDelayMicroseconds: UInt32 = 300

    init(pool: DatabasePool, maxBatch: Int = 512) {
        self.pool = pool
        self.maxBatch = maxBatch
    }

    func submit(_ delivery: NewRawEvent) async throws -> RecordOutcome {
        let row = Prepared(delivery)
        return try await withCheckedThrowingContinuation { cont in
            enqueue(Pending(row: row) { cont.resume(with: $0) })
        }
    }

    /// The same for callers outside Swift concurrency: `completion` runs on the writer's thread once
    /// the batch holding the row has committed (or failed).
    func submit(_ delivery: NewRawEvent, completion: @escaping Completion) {
        enqueue(Pending(row: Prepared(delivery), completion: completion))
    }

    private func enqueue(_ pending: Pending) {
        let start = state.withLock { s -> Bool in
            s.pending.append(pending)
            if s.draining { return false }
            s.draining = true
            return true
        }
        if start { queue.async { self.drain() } }
    }

    private func drain() {
        var afterCommit = false
        while true {
            if afterCommit {
                // Commit delay (PostgreSQL's `commit_delay`, but only under load): rows that arrived
                // while the last batch committed mean more are on their way, so wait a moment for
                // them to join this batch rather than paying a commit and an fsync for a few.
                let waiting = state.withLock { $0.pending.count }
                if waiting > 0 && waiting < Self.fullEnough { usleep(Self.commitDelayMicroseconds) }
            }
            afterCommit = true
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
                    try batch.map { try Self.insert($0.row, db: db) }
                }
                for (p, o) in zip(batch, outcomes) { p.completion(.success(o)) }
            } catch {
                for p in batch { p.completion(.failure(error)) }
            }
        }
    }

    static let insertDelivery = SQLiteStore.insertQueuedEvent + " ON CONFLICT (integration, dedupe_key) DO NOTHING"

    /// Inserts the event, queued for processing, unless `(integration, dedupe_key)` exists already.
    /// The unique key decides (`ON CONFLICT … DO NOTHING`), so a new delivery costs one index probe,
    /// not a lookup and then an insert; a duplicate then reads the stored event's id.
    static func insert(_ p: Prepared, db: Database) throws -> RecordOutcome {
        let d = p.delivery
        let t = d.receivedAt.timeIntervalSince1970
        // A cached prepared statement: the SQL is compiled once per connection, not per row.
        try db.cachedStatement(sql: Self.insertDelivery).execute(
            arguments: [p.id, d.integration, d.profile, d.dedupeKey, d.eventType, p.headersJSON, d.body, t, d.maxAttempts, t, t])
        if db.changesCount == 0 {
            let existing = try String.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM raw_events WHERE integration = ? AND dedupe_key = ?"),
                arguments: [d.integration, d.dedupeKey]
            )
            guard let existing else { throw ScreenerError(.storeUnavailable, "the delivery was neither stored nor found") }
            return .duplicate(eventID: existing)
        }
        return .stored(eventID: p.id)
    }
}
