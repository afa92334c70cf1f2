import Foundation

/// A titled table of string cells, rendered the same way by every report.
///
/// Rows shorter than `columns` are padded with empty cells and longer ones are cut, so every
/// rendering has exactly `columns.count` cells per row.
public struct ReportTable: Sendable, Equatable {
    public var title: String?
    public var columns: [String]
    public var rows: [[String]]
    /// Indexes of numeric columns, right-aligned in the terminal rendering.
    public var numeric: Set<Int>
    /// Shown instead of the table when it has no rows.
    public var emptyText: String

    public init(title: String? = nil, columns: [String], rows: [[String]], numeric: Set<Int> = [], emptyText: String = "none") {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.numeric = numeric
        self.emptyText = emptyText
    }

    var normalizedRows: [[String]] {
        rows.map { r in
            r.count >= columns.count ? Array(r.prefix(columns.count)) : r + Array(repeating: "", count: columns.count - r.count)
        }
    }

    /// Fixed-width text: columns separated by two spaces, a rule of `-` under the header, numeric
    /// columns right-aligned, trailing spaces trimmed. Width = the longest cell in characters.
    public func renderText() -> String {
        let head = columns.map(ReportEscaping.terminal)
        let body = normalizedRows.map { $0.map(ReportEscaping.terminal) }
        var w = head.map(\.count)
        for r in body { for (i, c) in r.enumerated() { w[i] = max(w[i], c.count) } }
        func pad(_ s: String, _ i: Int) -> String {
            let fill = String(repeating: " ", count: max(0, w[i] - s.count))
            return numeric.contains(i) ? fill + s : s + fill
        }
        func line(_ r: [String]) -> String {
            var s = r.enumerated().map { pad($1, $0) }.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        return ([line(head), line(w.map { String(repeating: "-", count: $0) })] + body.map(line))
            .joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown pipe table: `| a | b |`, then `| --- | ---: |` (numeric columns
    /// right-aligned), then one line per row; every cell escaped with `ReportEscaping.markdown`.
    public func renderMarkdown() -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map(ReportEscaping.markdown).joined(separator: " | ") + " |" }
        let rule = "| " + columns.indices.map { numeric.contains($0) ? "---:" : "---" }.joined(separator: " | ") + " |"
        return ([line(columns), rule] + normalizedRows.map(line)).joined(separator: "\n")
    }

    /// An HTML `<table>` with a `<thead>`; numeric cells get `class="num"`. Every cell is escaped.
    public func renderHTML() -> String {
        var out = "<table>\n<thead><tr>"
        for (i, c) in columns.enumerated() {
            out += numeric.contains(i) ? "<th class=\"num\">" : "<th>"
            out += ReportEscaping.html(c) + "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        for r in normalizedRows {
            out += "<tr>"
            for (i, c) in r.enumerated() {
                out += numeric.contains(i) ? "<td class=\"num\">" : "<td>"
                out += ReportEscaping.html(c) + "</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>"
    }

    /// RFC 4180 CSV: the header record, then one record per row, each ended by CRLF.
    public func renderCSV() -> String {
        ([columns] + normalizedRows).map { ReportEscaping.csvRecord($0) + "\r\n" }.joined()
    }
}
