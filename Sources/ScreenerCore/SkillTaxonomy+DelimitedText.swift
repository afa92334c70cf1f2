import Foundation

/// Reads the two public formats the taxonomy imports: O*NET's tab-separated text files and ESCO's
/// RFC 4180 CSV files (quoted fields may hold commas, doubled quotes and line breaks).
enum DelimitedText {
    /// Rows of a tab-separated file; lines end with LF, CRLF or a lone CR. No quoting (O*NET has none).
    static func tabSeparated(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let cells = line.split(separator: "\t", omittingEmptySubsequences: false).map { trimmed($0) }
            return cells.allSatisfy(\.isEmpty) ? nil : cells
        }
    }

    /// The text without leading and trailing spaces, tabs and line breaks (no Foundation bridging).
    static func trimmed<S: StringProtocol>(_ s: S) -> String {
        let sub = Substring(s)
        let u = sub.unicodeScalars
        func blank(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{A0}" || c == "\u{FEFF}" }
        guard let first = u.firstIndex(where: { !blank($0) }), let last = u.lastIndex(where: { !blank($0) }) else { return "" }
        return String(u[first...last])
    }

    /// Rows of an RFC 4180 CSV text. Line breaks inside quoted fields are kept as `\n`.
    static func csv(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var atFieldStart = true
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return it.next()
        }
        while let c = next() {
            if inQuotes {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.append("\"") } else { inQuotes = false; pending = n }
                    } else {
                        inQuotes = false
                    }
                } else if c == "\r" {
                    if let n = next(), n != "\n" { pending = n }
                    field.append("\n")
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                inQuotes = true
                atFieldStart = false
            case ",":
                row.append(String(field)); field = .init(); atFieldStart = true
            case "\r", "\n":
                if c == "\r", let n = next(), n != "\n" { pending = n }
                row.append(String(field)); field = .init(); atFieldStart = true
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
            default:
                field.append(c)
                atFieldStart = false
            }
        }
        if !field.isEmpty || !row.isEmpty {
            row.append(String(field))
            rows.append(row)
        }
        return rows
    }
}
