import ScreenerCore

/// A minimal RFC 4180 reader over UTF-8 bytes that keeps the 1-based line on which each record
/// starts. Works on bytes (`"`, `,`, CR and LF are ASCII and never part of a multi-byte sequence).
enum CSVReader {
    struct Row { var line: Int; var fields: [String] }

    static func rows(_ text: String) throws -> [Row] {
        var out: [Row] = []
        try forEachRow(text) { out.append($0) }
        return out
    }

    /// Calls `body` with each record in order, without holding every row in memory.
    static func forEachRow(_ text: String, _ body: (Row) throws -> Void) throws {
        var text = text
        text.makeContiguousUTF8()
        try text.utf8.withContiguousStorageIfAvailable { try scan($0, body) }!
    }

    private static func scan(_ all: UnsafeBufferPointer<UInt8>, _ body: (Row) throws -> Void) throws {
        let bytes = all.starts(with: [0xEF, 0xBB, 0xBF]) ? UnsafeBufferPointer(rebasing: all[3...]) : all
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var fields: [String] = []
        var field: [UInt8] = []
        var inQuotes = false, fieldWasQuoted = false
        var line = 1, rowStart = 1
        var i = 0
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRow() throws {
            endField()
            try body(Row(line: rowStart, fields: fields))
            fields = []
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote { field.append(quote); i += 1 } else { inQuotes = false }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
            } else {
                switch c {
                case quote:
                    guard field.isEmpty, !fieldWasQuoted else {
                        throw ScreenerError(.invalidInput, "line \(line): stray quote inside an unquoted field")
                    }
                    inQuotes = true
                    fieldWasQuoted = true
                case comma:
                    endField()
                case cr:
                    if i + 1 < bytes.count, bytes[i + 1] == lf { i += 1 }
                    try endRow(); line += 1; rowStart = line
                case lf:
                    try endRow(); line += 1; rowStart = line
                default:
                    if fieldWasQuoted {
                        throw ScreenerError(.invalidInput, "line \(line): text after a closing quote")
                    }
                    field.append(c)
                }
            }
            i += 1
        }
        if inQuotes { throw ScreenerError(.invalidInput, "line \(rowStart): unterminated quoted field") }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { try endRow() }
    }
}
