import Foundation
import GRDB
import ScreenerCore
import ScreenerTestSupport
@testable import Storage
import Testing

/// Checkpoints off the commit path: past `soft` WAL pages a background pass copies committed pages
/// into the database file; past `hard` the writer finishes the copy itself, so the WAL starts again
/// from its beginning and its file stays bounded.
@Suite("WAL checkpointer")
struct WALCheckpointerTests {
    /// Given a pool whose writer has the hook (soft 20, hard 200 pages), when many small
    /// transactions commit, then the background pass checkpoints, the WAL file stays near `hard`
    /// pages, and every row is there.
    @Test func checkpointsInTheBackgroundAndBoundsTheWAL() async throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("wal.sqlite")
        let checkpointer = WALCheckpointer(path: path, soft: 20, hard: 200)
        var config = Configuration()
        config.prepareDatabase { db in
            if !db.configuration.readonly { checkpointer.install(on: db) }
        }
        let pool = try DatabasePool(path: path, configuration: config)
        try SQLiteStore.syncEveryCommit(pool)
        defer {
            pool.writeWithoutTransaction { WALCheckpointer.uninstall(from: $0) }
            checkpointer.stop()
        }
        try await pool.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB NOT NULL)") }
        let body = Data(repeating: 0xAB, count: 3000)  // about one page per row
        for n in 0..<1_500 {
            try await pool.write { db in try db.execute(sql: "INSERT INTO t (body) VALUES (?)", arguments: [body]) }
            if n == 100 {
                // Past `soft`, well below `hard`: only a background pass can have copied pages.
                for _ in 0..<200 where checkpointer.passes == 0 {
                    try await Task.sleep(for: .milliseconds(50))
                }
                #expect(checkpointer.passes > 0)
            }
        }
        #expect(try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM t") } == 1_500)
        let wal = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        // Without the hard limit 1,500 pages (6 MB) would be in the WAL; allow slack for the
        // commits in flight while a pass runs.
        #expect(wal < 600 * 4_128)
    }

}
