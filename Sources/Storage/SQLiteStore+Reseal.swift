import Foundation
import GRDB
import ScreenerCore

/// What one `reseal` pass over a column did.
public struct ResealReport: Sendable, Equatable, Codable {
    public var table: String
    public var column: String
    /// Non-NULL values looked at.
    public var examined = 0
    /// Values opened under a retired key and sealed again under the active key.
    public var resealed = 0
    /// Values already under the active key (left untouched).
    public var current = 0
    /// Values that were not sealed blobs: sealed now when `sealPlaintext` was set, else counted only.
    public var plaintext = 0
    public var plaintextSealed = 0

    public init(table: String, column: String) {
        self.table = table
        self.column = column
    }
}

extension SQLiteStore {
    /// A sealed column of the schema: the table, the BLOB column and, if the table has one, the column
    /// that records each row's key id (hex). The seal context is `"<table>.<column>"`.
    public struct SealedColumn: Sendable, Equatable, Codable {
        public var table: String
        public var column: String
        public var keyColumn: String?
        public init(table: String, column: String, keyColumn: String? = nil) {
            self.table = table
            self.column = column
            self.keyColumn = keyColumn
        }
        public var context: String { "\(table).\(column)" }
    }

    /// Re-seals every blob of `table.column` that is not under the keyring's active key, in batches of
    /// `batchSize` rows, one write transaction per batch, walking the table by `rowid` (so it does
    /// not work on `WITHOUT ROWID` tables). Blobs are opened and sealed with context
    /// `"<table>.<column>"`. When `keyColumn` is given it is set to the active key id (hex) on every
    /// row written. With `sealPlaintext`, values that are not sealed blobs are sealed too (turning on
    /// encryption for existing data); otherwise they are only counted.
    ///
    /// Idempotent and resumable: a second run finds every blob current. A blob whose key is not in the
    /// keyring stops the run with `key_missing` after the batches already committed.
    @discardableResult
    public func reseal(table: String, column: String, keyColumn: String? = nil, using keyring: DataKeyring, batchSize: Int = 500, sealPlaintext: Bool = false) async throws -> ResealReport {
        for name in [table, column] + (keyColumn.map { [$0] } ?? []) {
            guard Self.isPlainIdentifier(name) else {
                throw ScreenerError(.invalidInput, "'\(name.prefix(64))' is not a plain SQL identifier")
            }
        }
        let context = "\(table).\(column)"
        let batch = max(1, batchSize)
        var report = ResealReport(table: table, column: column)
        var after: Int64 = Int64.min
        while true {
            let (last, done, partial) = try await wrap { [report, after] in
                try self.pool.write { db -> (Int64, Bool, ResealReport) in
                    var report = report
                    let rows = try Row.fetchAll(
                        db,
                        sql: "SELECT rowid AS rid, \"\(column)\" AS v FROM \"\(table)\" WHERE rowid > ? ORDER BY rowid LIMIT ?",
                        arguments: [after, batch]
                    )
                    var last = after
                    for row in rows {
                        let rowid: Int64 = row["rid"]
                        last = rowid
                        guard let value: Data = row["v"] else { continue }
                        report.examined += 1
                        let replacement: Data
                        if DataKeyring.isSealed(value) {
                            guard keyring.needsReseal(value) else { report.current += 1; continue }
                            replacement = try keyring.seal(try keyring.open(value, context: context), context: context)
                            report.resealed += 1
                        } else {
                            report.plaintext += 1
                            guard sealPlaintext else { continue }
                            replacement = try keyring.seal(value, context: context)
                            report.plaintextSealed += 1
                        }
                        if let keyColumn {
                            try db.execute(
                                sql: "UPDATE \"\(table)\" SET \"\(column)\" = ?, \"\(keyColumn)\" = ? WHERE rowid = ?",
                                arguments: [replacement, keyring.active.idHex, rowid]
                            )
                        } else {
                            try db.execute(sql: "UPDATE \"\(table)\" SET \"\(column)\" = ? WHERE rowid = ?", arguments: [replacement, rowid])
                        }
                    }
                    return (last, rows.count < batch, report)
                }
            }
            report = partial
            after = last
            if done { break }
        }
        return report
    }

    /// Re-seals each listed column in turn.
    public func reseal(_ columns: [SealedColumn], using keyring: DataKeyring, batchSize: Int = 500, sealPlaintext: Bool = false) async throws -> [ResealReport] {
        var out: [ResealReport] = []
        for c in columns {
            out.append(try await reseal(table: c.table, column: c.column, keyColumn: c.keyColumn, using: keyring, batchSize: batchSize, sealPlaintext: sealPlaintext))
        }
        return out
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`: the only names `reseal` interpolates into SQL.
    static func isPlainIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, s.count <= 64 else { return false }
        func letter(_ c: Unicode.Scalar) -> Bool { ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_" }
        return letter(first) && s.unicodeScalars.allSatisfy { letter($0) || ("0"..."9").contains($0) }
    }
}
