import Foundation

/// A report as a sequence of blocks (headings, key–value fields, tables, paragraphs, lists) that
/// renders to fixed-width text, Markdown or one self-contained HTML page. CSV and JSON are not
/// rendered from here: each report chooses its own records and JSON body.
public struct ReportDocument: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var key: String
        public var value: String
        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public enum Block: Sendable, Equatable {
        /// Level 2 (section) or 3 (subsection).
        case heading(String, level: Int)
        case fields([Field])
        case table(ReportTable)
        case paragraph(String)
        case list([String])
    }

    public var title: String
    public var blocks: [Block]

    public init(title: String, blocks: [Block] = []) {
        self.title = title
        self.blocks = blocks
    }

    public mutating func heading(_ s: String, level: Int = 2) { blocks.append(.heading(s, level: level)) }
    public mutating func fields(_ f: [Field]) { blocks.append(.fields(f)) }
    public mutating func table(_ t: ReportTable) { blocks.append(.table(t)) }
    public mutating func paragraph(_ s: String) { blocks.append(.paragraph(s)) }
    public mutating func list(_ items: [String]) { blocks.append(.list(items)) }

    /// Terminal text: the title underlined with `=`, headings underlined with `-`, fields as
    /// `key: value` with keys padded to one width, tables via `ReportTable.renderText`.
    public func renderText() -> String {
        var out: [String] = [ReportEscaping.terminal(title), String(repeating: "=", count: title.count)]
        for b in blocks {
            switch b {
            case let .heading(h, level):
                let t = ReportEscaping.terminal(h)
                out += ["", t, String(repeating: level <= 2 ? "-" : "·", count: t.count)]
            case let .fields(fs):
                let w = fs.map(\.key.count).max() ?? 0
                for f in fs {
                    let k = ReportEscaping.terminal(f.key)
                    out.append(k + ":" + String(repeating: " ", count: w - k.count + 1) + ReportEscaping.terminal(f.value))
                }
            case let .table(t):
                if let title = t.title { out += ["", ReportEscaping.terminal(title)] }
                out.append(t.rows.isEmpty ? "(\(t.emptyText))" : t.renderText())
            case let .paragraph(p):
                out += ["", ReportEscaping.terminal(p)]
            case let .list(items):
                for i in items { out.append("- " + ReportEscaping.terminal(i)) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Markdown: `#` title, `##`/`###` headings, fields as a `- **key:** value` list, pipe tables.
    public func renderMarkdown() -> String {
        var out: [String] = ["# " + ReportEscaping.markdown(title)]
        for b in blocks {
            switch b {
            case let .heading(h, level):
                out += ["", String(repeating: "#", count: min(max(level, 2), 6)) + " " + ReportEscaping.markdown(h)]
            case let .fields(fs):
                out.append("")
                for f in fs { out.append("- **" + ReportEscaping.markdown(f.key) + ":** " + ReportEscaping.markdown(f.value)) }
            case let .table(t):
                if let title = t.title { out += ["", "**" + ReportEscaping.markdown(title) + "**"] }
                out += ["", t.rows.isEmpty ? "_" + ReportEscaping.markdown(t.emptyText) + "_" : t.renderMarkdown()]
            case let .paragraph(p):
                out += ["", ReportEscaping.markdown(p)]
            case let .list(items):
                out.append("")
                for i in items { out.append("- " + ReportEscaping.markdown(i)) }
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Inline stylesheet of the HTML rendering (no external resources).
    static let css = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2rem;color:#1b1f24;max-width:80rem}
    h1{font-size:1.5rem;margin-bottom:.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d7de}
    h3{font-size:1rem;margin-top:1.5rem}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
    th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
    th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
    caption{text-align:left;font-weight:600;padding:.25rem 0}.empty{color:#57606a;font-style:italic}
    """

    /// One self-contained HTML5 page: inline CSS, a Content-Security-Policy that forbids scripts
    /// and every external resource, and every value escaped with `ReportEscaping.html`.
    public func renderHTML() -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(ReportEscaping.html(title))</title>
        <style>
        \(Self.css)
        </style>
        </head>
        <body>
        <h1>\(ReportEscaping.html(title))</h1>

        """
        for b in blocks {
            switch b {
            case let .heading(h, level):
                let l = min(max(level, 2), 6)
                out += "<h\(l)>\(ReportEscaping.html(h))</h\(l)>\n"
            case let .fields(fs):
                out += "<dl>\n"
                for f in fs { out += "<dt>\(ReportEscaping.html(f.key))</dt><dd>\(ReportEscaping.html(f.value))</dd>\n" }
                out += "</dl>\n"
            case let .table(t):
                if let title = t.title { out += "<h4>\(ReportEscaping.html(title))</h4>\n" }
                out += t.rows.isEmpty ? "<p class=\"empty\">\(ReportEscaping.html(t.emptyText))</p>\n" : t.renderHTML() + "\n"
            case let .paragraph(p):
                out += "<p>\(ReportEscaping.html(p))</p>\n"
            case let .list(items):
                out += "<ul>\n" + items.map { "<li>\(ReportEscaping.html($0))</li>\n" }.joined() + "</ul>\n"
            }
        }
        return out + "</body>\n</html>\n"
    }
}
