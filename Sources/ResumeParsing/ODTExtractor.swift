import Foundation
import ScreenerCore

/// Extracts ODT text: master-page headers (styles.xml), then the body of content.xml
/// (paragraphs, headings, lists, tables, frames/text boxes). Text whose automatic style has
/// `text:display="none"`, a near-white `fo:color` or a font size under 4 pt is hidden, as are
/// `text:hidden-text` and `text:hidden-paragraph`.
struct ODTExtractor {
    var configuration: ParserConfiguration
    private var pendingBullet: String?

    init(configuration: ParserConfiguration) { self.configuration = configuration }

    mutating func extract(_ data: Data) throws -> ExtractedDocument {
        let zip = try ZipReader(data, configuration: configuration)
        guard let content = try zip.read("content.xml") else { throw ScreenerError.parseFailed("ODT without content.xml") }
        var hiddenStyles = Set<String>()
        var sink = TextSink()
        var footers: [XNode] = []
        if let stylesData = try zip.read("styles.xml") {
            let styles = try XNode.parseXML(stylesData, maxBytes: configuration.maxXMLBytes, maxDepth: configuration.maxXMLDepth)
            collectHiddenStyles(styles, into: &hiddenStyles)
            for mp in styles.descendants("master-page") {
                if let h = mp.child("header") { walk(h, &sink, hidden: false, hiddenStyles) }
                if let f = mp.child("footer") { footers.append(f) }
            }
        }
        let root = try XNode.parseXML(content, maxBytes: configuration.maxXMLBytes, maxDepth: configuration.maxXMLDepth)
        collectHiddenStyles(root, into: &hiddenStyles)
        if let body = root.child("body") { walk(body, &sink, hidden: false, hiddenStyles) }
        for f in footers { walk(f, &sink, hidden: false, hiddenStyles) }
        let (text, hidden) = sink.finish()
        return ExtractedDocument(text: text, hiddenText: hidden, format: .odt)
    }

    private func collectHiddenStyles(_ root: XNode, into set: inout Set<String>) {
        for st in root.descendants("style") {
            guard let name = st["name"], let tp = st.child("text-properties") else { continue }
            if tp["display"] == "none" { set.insert(name); continue }
            if let c = tp["color"], ColorRule.isNearWhite(c), tp["background-color"].map(ColorRule.isNearWhite) ?? true { set.insert(name); continue }
            if let fs = tp["font-size"], fs.hasSuffix("pt"), let v = Double(fs.dropLast(2)), v < 4 { set.insert(name) }
        }
    }

    private mutating func walk(_ node: XNode, _ sink: inout TextSink, hidden: Bool, _ hs: Set<String>) {
        for c in node.children {
            // Whitespace between block elements is layout, not text.
            if let t = c.text { if !t.allSatisfy(\.isWhitespace) { sink.append(t, hidden: hidden) }; continue }
            let h = hidden || (c["style-name"].map { hs.contains($0) } ?? false) || c.name == "hidden-text" || c.name == "hidden-paragraph"
            switch c.name {
            case "p", "h":
                sink.endLine()
                if let prefix = pendingBullet { sink.append(prefix, hidden: false); pendingBullet = nil }
                inline(c, &sink, hidden: h, hs)
                sink.endLine()
            case "list-item":
                sink.endLine()
                pendingBullet = "• "
                walk(c, &sink, hidden: h, hs)
                pendingBullet = nil
            case "table-row":
                var cells: [String] = []
                for cell in c.elements("table-cell") {
                    var cs = TextSink()
                    walk(cell, &cs, hidden: h, hs)
                    let (t, hid) = cs.finish()
                    sink.hidden += hid
                    if !t.isEmpty { cells.append(t.replacingOccurrences(of: "\n", with: " ")) }
                }
                sink.endLine()
                if !cells.isEmpty { sink.append(cells.joined(separator: " | "), hidden: false) }
                sink.endLine()
            case "automatic-styles", "font-face-decls", "tracked-changes", "annotation", "note-citation", "sequence-decls", "variable-decls", "forms":
                continue
            default:
                walk(c, &sink, hidden: h, hs)
            }
        }
    }

    private mutating func inline(_ node: XNode, _ sink: inout TextSink, hidden: Bool, _ hs: Set<String>) {
        for c in node.children {
            if let t = c.text { sink.append(t, hidden: hidden); continue }
            let h = hidden || (c["style-name"].map { hs.contains($0) } ?? false) || c.name == "hidden-text"
            switch c.name {
            case "s": sink.append(String(repeating: " ", count: min(Int(c["c"] ?? "1") ?? 1, 100)), hidden: h)
            case "tab": sink.append("\t", hidden: h)
            case "line-break": sink.newline()
            case "frame", "text-box":
                var inner = TextSink()
                walk(c, &inner, hidden: h, hs)
                let (t, hid) = inner.finish()
                sink.hidden += hid
                if !t.isEmpty { sink.endLine(); for l in t.split(separator: "\n") { sink.append(String(l), hidden: false); sink.newline() } }
            case "note", "annotation", "tracked-changes": continue
            default: inline(c, &sink, hidden: h, hs)
            }
        }
    }
}
