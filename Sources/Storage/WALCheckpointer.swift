import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// Checkpoints the WAL on a thread of its own, so that commits (and the answers waiting on them)
/// do not pay for it.
///
/// SQLite's automatic checkpoint runs inside the commit that takes the WAL past 1,000 pages: that
/// commit copies every page into the database file and fsyncs it before it returns. Under webhook
/// load this made one group commit in about thirty take 20–60 ms instead of about 1 ms, and every
/// delivery in and behind it waited (intake p99 ≈ 40 ms).
///
/// Instead the writer connection gets a WAL hook (which replaces the automatic checkpoint) that,
/// after each commit:
/// - every `soft` new pages, asks this checkpointer for a passive checkpoint on its own connection.
///   A passive checkpoint copies the pages committed so far without blocking the writer or readers;
///   requests made while one runs are coalesced into one more pass. From `hard − soft` pages on it
///   asks after every commit, so passes run back to back and leave little uncopied;
/// - from `hard` pages on, checkpoints passively inline, copying only what the background passes
///   have not (a busy answer, while a pass runs, waits for the next commit). The next transaction
///   then starts the WAL again from its beginning, which background passes alone may never see
///   under steady load, since the writer keeps appending while they copy. This bounds the WAL
///   file at about `hard` pages.
///
/// Durability is unchanged: commits still fsync the WAL (`synchronous = FULL`), and a checkpoint
/// only copies committed pages and fsyncs the database file before the WAL can be reused.
final class WALCheckpointer: Sendable {
    let soft: Int32
    let hard: Int32
    private let path: String
    private let queue = DispatchQueue(label: "screener.storage.checkpointer")
    private struct State {
        var running = false
        var again = false
        var stopped = false
    }
    private let state = Mutex(State())
    private let completed = Atomic<Int>(0)
    /// Background passes that checkpointed (for tests).
    var passes: Int { completed.load(ordering: .relaxed) }
    /// The checkpointer's own connection, opened on first use; only touched on `queue`.
    nonisolated(unsafe) private var connection: DatabaseQueue?

    /// `soft` is small on purpose: each pass ends with an fsync of the database file, and a pass of
    /// 1,000 pages (4 MB) made that fsync take tens of milliseconds, during which the commits'
    /// own WAL fsyncs stalled too (intake p99 about 45 ms with 1,000 pages, 18–21 ms with 250).
    init(path: String, soft: Int32 = 250, hard: Int32 = 8_000) {
        self.path = path
        self.soft = soft
        self.hard = hard
        self.nextRequest = Int(soft)
    }

    /// Installs the hook on the writer connection (it replaces `wal_autocheckpoint`). The hook holds
    /// this object unretained: `uninstall` must run before it goes away.
    func install(on db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, name, frames in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if checkpointer.committed(frames: Int(frames)) {
                // The remainder the background passes have not copied yet. SQLITE_BUSY (a
                // background pass is running) is fine: a later commit tries again.
                _ = sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            }
            return SQLITE_OK
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// After a commit that left `frames` pages in the WAL (on the writer's thread): asks for a
    /// background pass every `soft` new pages, and after every commit from `hard − soft` pages on
    /// (so that passes run back to back and leave little uncopied); returns true from `hard` pages
    /// on, when the writer should copy that remainder itself.
    func committed(frames: Int) -> Bool {
        if frames < lastFrames { nextRequest = Int(soft) }  // the WAL started again
        lastFrames = frames
        if frames >= Int(hard) { return true }
        if frames >= nextRequest || frames >= Int(hard - soft) {
            nextRequest = frames + Int(soft)
            request()
        }
        return false
    }

    /// Only touched by the writer's hook (one connection, one commit at a time).
    nonisolated(unsafe) private var lastFrames = 0
    nonisolated(unsafe) private var nextRequest = 0

    static func uninstall(from db: Database) {
        sqlite3_wal_hook(db.sqliteConnection, nil, nil)
    }

    /// Asks for a background pass (never blocks).
    func request() {
        let start = state.withLock { s -> Bool in
            if s.stopped { return false }
            if s.running {
                s.again = true
                return false
            }
            s.running = true
            return true
        }
        if start { queue.async { self.run() } }
    }

    private func run() {
        while true {
            let stopped = state.withLock { s -> Bool in
                s.again = false
                return s.stopped
            }
            if !stopped && connection == nil {
                var config = Configuration()
                config.busyMode = .immediateError
                config.label = "screener.storage.checkpointer"
                // No `synchronous` setting here: a checkpoint syncs the WAL before it copies and the
                // database file after, the same at `NORMAL` (GRDB's WAL default) as at `FULL`.
                connection = try? DatabaseQueue(path: path, configuration: config)
            }
            if !stopped, let connection {
                // Busy (another checkpoint is running) or failed: the next `soft` pages ask again.
                if (try? connection.writeWithoutTransaction({ db in try db.checkpoint(.passive) })) != nil {
                    completed.add(1, ordering: .relaxed)
                }
            }
            let more = state.withLock { s -> Bool in
                if s.again && !s.stopped { return true }
                s.running = false
                return false
            }
            if !more { return }
        }
    }

    /// Stops background passes and closes the checkpointer's connection (after a pass in progress).
    func stop() {
        state.withLock { $0.stopped = true }
        queue.sync {
            try? connection?.close()
            connection = nil
        }
    }
}
