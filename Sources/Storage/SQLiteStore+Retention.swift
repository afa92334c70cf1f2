import Foundation
import GRDB
import ScreenerCore

extension SQLiteStore {
    /// Marks purged raw events, so a sweep counts each once (sealed stubs differ byte for byte).
    static func registerRetentionMigrations(_ m: inout DatabaseMigrator) {
        m.registerMigration("0004_raw_events_purged_at") { db in
            try db.execute(sql: "ALTER TABLE raw_events ADD COLUMN purged_at REAL")
        }
    }

    public func purgeExpired(_ policy: RetentionPolicy, now: Date) async throws -> RetentionReport {
        @Sendable func cutoff(_ days: Int?) -> Double? { days.map { now.timeIntervalSince1970 - Double($0) * 86_400 } }
        let stub = try sealer.seal(Self.erasedBody, context: "raw_events.body")
        let report: RetentionReport = try await wrap {
            try self.pool.write { db in
                var r = RetentionReport()
                if let t = cutoff(policy.rawEventsDays) {
                    try db.execute(
                        sql: """
                            UPDATE raw_events SET body = ?, mapped = NULL, purged_at = ?
                            WHERE status = 'processed' AND received_at < ? AND purged_at IS NULL
                            """,
                        arguments: [stub, now.timeIntervalSince1970, t])
                    r.rawEvents = db.changesCount
                }
                if let t = cutoff(policy.resumeFilesDays) {
                    try db.execute(sql: "DELETE FROM documents WHERE fetched_at < ?", arguments: [t])
                    r.documents = db.changesCount
                }
                if let t = cutoff(policy.parsedTextDays) {
                    try db.execute(sql: "DELETE FROM parses WHERE parsed_at < ?", arguments: [t])
                    r.parses = db.changesCount
                }
                if let t = cutoff(policy.scoresDays) {
                    try db.execute(sql: "DELETE FROM scores WHERE created_at < ?", arguments: [t])
                    r.scores = db.changesCount
                }
                if let t = cutoff(policy.auditDataDays) {
                    try db.execute(sql: "DELETE FROM demographics WHERE updated_at < ?", arguments: [t])
                    r.demographics = db.changesCount
                    try db.execute(sql: "DELETE FROM outcomes WHERE at < ?", arguments: [t])
                    r.outcomes = db.changesCount
                }
                return r
            }
        }
        if report.total > 0 {
            try await wrap { _ = try self.pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) } }
        }
        return report
    }
}
