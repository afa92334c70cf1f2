import Foundation
import GRDB
import ScreenerCore

/// `ScreenerStore` on a SQLite file through GRDB, in WAL mode with `synchronous = FULL`, so a
/// commit that returned is on disk.
///
/// Deliveries arriving concurrently are committed together by a `WriteBatcher`: one transaction and
/// one fsync for many requests, and each caller is answered only after the commit that holds its row.
public final class SQLiteStore: ScreenerStore {
    let pool: DatabasePool
    let batcher: WriteBatcher
    let sealer: any BlobSealer
    let checkpointer: WALCheckpointer
    public let path: String

    /// Opens (creating if needed) the database file at `path`. Parent folders are created. Personal
    /// data is sealed with `sealer` (AES-256-GCM in production; plaintext only for development).
    public init(path: String, sealer: any BlobSealer = PlaintextSealer()) throws {
        self.path = path
        self.sealer = sealer
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.path) {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        // The database holds personal data: owner-only (SQLite gives -wal and -shm the same mode).
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        let checkpointer = WALCheckpointer(path: path)
        self.checkpointer = checkpointer
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.maximumReaderCount = 4
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // Deleted content is overwritten, so erased personal data does not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            // The writer's commits leave checkpoints to a thread of their own.
            if !db.configuration.readonly { checkpointer.install(on: db) }
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Self.syncEveryCommit(pool)
        } catch {
            throw ScreenerError(.storeUnavailable, "cannot open the SQLite database", cause: error)
        }
        batcher = WriteBatcher(pool: pool)
    }

    /// Makes every commit of `writer` durable: `synchronous = FULL` fsyncs the WAL before a commit
    /// returns, so a delivery is on disk when its answer goes out, and survives a power cut or an OS
    /// crash, not only a killed process.
    ///
    /// It is set after the pool opens, not in `prepareDatabase`: opening a `DatabasePool` (or a
    /// `DatabaseQueue`) in WAL mode runs GRDB's WAL set-up after `prepareDatabase`, and that sets
    /// `synchronous = NORMAL` on the writer, which syncs the WAL only at checkpoints. Throws if
    /// the setting did not take.
    static func syncEveryCommit(_ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            let level = try Int.fetchOne(db, sql: "PRAGMA synchronous")
            guard level == 2 else { throw ScreenerError(.storeUnavailable, "SQLite refused synchronous = FULL (it reports \(level.map(String.init) ?? "nothing"))") }
        }
    }

    deinit {
        // Without blocking the releasing thread (a cooperative one, often): the writer may be
        // waiting for another process's lock. The pool and the checkpointer live until the hook
        // is off.
        let checkpointer = self.checkpointer
        pool.asyncWriteWithoutTransaction { db in
            WALCheckpointer.uninstall(from: db)
            checkpointer.stop()
        }
    }

    public func migrate() async throws {
        try await wrap { try Self.migrator.migrate(self.pool) }
    }

    public func pendingMigrations() async throws -> [String] {
        try await wrap {
            let applied = try self.pool.read { db in try Self.migrator.appliedIdentifiers(db) }
            return Self.migrator.migrations.filter { !applied.contains($0) }
        }
    }

    public func ping() async throws {
        try await wrap { _ = try self.pool.read { db in try Int.fetchOne(db, sql: "SELECT 1") } }
    }

    public func recordDelivery(_ delivery: NewRawEvent) async throws -> RecordOutcome {
        var sealed = delivery
        sealed.body = try sealer.seal(delivery.body, context: "raw_events.body")
        do {
            return try await batcher.submit(sealed)
        } catch {
            throw Self.deliveryError(error)
        }
    }

    public func recordDelivery(_ delivery: NewRawEvent, completion: @escaping @Sendable (Result<RecordOutcome, any Error>) -> Void) {
        var sealed = delivery
        do {
            sealed.body = try sealer.seal(delivery.body, context: "raw_events.body")
        } catch {
            return completion(.failure(error))
        }
        batcher.submit(sealed) { result in completion(result.mapError(Self.deliveryError)) }
    }

    private static func deliveryError(_ error: any Error) -> any Error {
        error is ScreenerError ? error : ScreenerError(.storeUnavailable, "could not commit the delivery", cause: error)
    }

    public func event(id: String) async throws -> RawEvent? {
        try await wrap {
            try self.pool.read { db in
                try Row.fetchOne(db, sql: Self.eventSelect + " WHERE e.id = ?", arguments: [id]).map(self.rawEvent)
            }
        }
    }

    public func events(_ filter: EventFilter) async throws -> [RawEvent] {
        try await wrap {
            try self.pool.read { db in
                var clauses: [String] = []
                var args: [(any DatabaseValueConvertible)?] = []
                // Literal statuses (an enum's raw values), so the planner can use the partial indexes. A
                // leased event is still queued to its readers.
                switch filter.status {
                case .queued?: clauses.append("e.status IN ('queued', 'leased')")
                case .processed?: clauses.append("e.status = 'processed'")
                case .quarantined?: clauses.append("e.status = 'quarantined'")
                case nil: break
                }
                if let i = filter.integration { clauses.append("e.integration = ?"); args.append(i) }
                let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
                args.append(filter.limit)
                return try Row.fetchAll(
                    db, sql: Self.eventSelect + whereSQL + " ORDER BY e.received_at DESC, e.seq DESC LIMIT ?",
                    arguments: StatementArguments(args)
                ).map(self.rawEvent)
            }
        }
    }

    /// Runs blocking GRDB work off the cooperative pool and maps database errors to
    /// `store_unavailable`.
    func wrap<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await withCheckedThrowingContinuation { cont in
                DispatchQueue.global().async {
                    cont.resume(with: Result { try body() })
                }
            }
        } catch let error as ScreenerError {
            throw error
        } catch {
            throw ScreenerError(.storeUnavailable, "database operation failed", cause: error)
        }
    }

    static let eventSelect = """
        SELECT e.id, e.integration, e.profile, e.dedupe_key, e.event_type, e.headers_json, e.body,
               e.received_at, \(readerStatus) AS status, e.mapped,
               e.attempts, e.last_error
        FROM raw_events e
        """

    /// A raw event row, with the body and mapped event opened (they are sealed at rest).
    func rawEvent(_ row: Row) throws -> RawEvent {
        let headersJSON: String = row["headers_json"]
        let headers = (try? JSONDecoder().decode([String: String].self, from: Data(headersJSON.utf8))) ?? [:]
        return RawEvent(
            id: row["id"], integration: row["integration"], profile: row["profile"],
            dedupeKey: row["dedupe_key"], eventType: row["event_type"], headers: headers,
            body: try sealer.open(row["body"], context: "raw_events.body"), receivedAt: Date(timeIntervalSince1970: row["received_at"]),
            status: RawEvent.Status(rawValue: row["status"]) ?? .queued,
            attempts: row["attempts"] ?? 0, lastError: row["last_error"],
            mapped: try (row["mapped"] as Data?).map { try sealer.open($0, context: "raw_events.mapped") }
        )
    }
}
