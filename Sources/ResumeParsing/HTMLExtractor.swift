import Foundation
import ScreenerCore

/// Extracts HTML text with libxml2's HTML parser. `script`, `style`, `noscript`, `template`,
/// `head` and friends are skipped. Elements with the `hidden` attribute or an inline style of
/// `display:none`, `visibility:hidden`, `opacity:0`, `font-size` under 4 px/pt or 0, or a
/// near-white `color` (without a dark `background`) are hidden. Block elements break lines;
/// table cells are joined with ` | `.
struct HTMLExtractor {
    var configuration: ParserConfiguration

    static let whitespaceRun = CompiledPattern("\\s+")
    static let skip: Set<String> = ["script", "style", "noscript", "template", "head", "title", "meta", "link", "iframe", "object", "embed", "svg", "canvas", "select", "option", "button"]
    static let blocks: Set<String> = ["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article", "header", "footer", "aside", "nav", "main", "dt", "dd", "dl", "hr", "address", "blockquote", "pre", "figure", "figcaption", "form", "fieldset", "body", "html", "tbody", "thead", "tfoot", "caption"]

    func extract(_ data: Data) throws -> ExtractedDocument {
        let root = try XNode.parseHTML(data, maxBytes: configuration.maxBytes, maxDepth: configuration.maxXMLDepth)
        var sink = TextSink()
        walk(root, &sink, hidden: false, pre: false)
        let (text, hidden) = sink.finish()
        return ExtractedDocument(text: text, hiddenText: hidden, format: .html)
    }

    static func styleHides(_ style: String) -> Bool {
        var props: [String: String] = [:]
        for decl in style.split(separator: ";") {
            let kv = decl.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { continue }
            props[kv[0].trimmingCharacters(fast: .whitespaces).lowercased()] = kv[1].replacingOccurrences(of: "!important", with: "").trimmingCharacters(fast: .whitespaces).lowercased()
        }
        if props["display"] == "none" || props["visibility"] == "hidden" || props["visibility"] == "collapse" { return true }
        if let o = props["opacity"], let v = Double(o), v < 0.1 { return true }
        if let fs = props["font-size"] {
            let num = Double(fs.prefix { isNumberFast($0) || $0 == "." }) ?? 99
            if num == 0 || ((fs.hasSuffix("px") || fs.hasSuffix("pt")) && num < 4) { return true }
        }
        if let c = props["color"], ColorRule.isNearWhite(c) {
            let bg = props["background-color"] ?? props["background"]
            if let bg, !ColorRule.isNearWhite(bg), bg != "transparent", bg != "none" { return false }
            return true
        }
        return false
    }

    private func walk(_ node: XNode, _ sink: inout TextSink, hidden: Bool, pre: Bool) {
        for c in node.children {
            if let t = c.text {
                let s = pre ? t : Self.whitespaceRun.replacingMatches(in: t, with: " ")
                if pre {
                    let parts = s.split(separator: "\n", omittingEmptySubsequences: false)
                    for (i, p) in parts.enumerated() { if i > 0 { sink.newline() }; sink.append(String(p), hidden: hidden) }
                } else {
                    sink.append(s, hidden: hidden)
                }
                continue
            }
            let name = c.name.lowercased()
            if Self.skip.contains(name) { continue }
            let h = hidden || c["hidden"] != nil || (c["style"].map(Self.styleHides) ?? false)
                || (name == "input" && c["type"]?.lowercased() == "hidden")
            if name == "br" { sink.newline(); continue }
            let isBlock = Self.blocks.contains(name)
            if name == "tr" {
                var cells: [String] = []
                for cell in c.children where ["td", "th"].contains(cell.name.lowercased()) {
                    var cs = TextSink()
                    walk(cell, &cs, hidden: h, pre: pre)
                    let (t, hid) = cs.finish()
                    sink.hidden += hid
                    if !t.isEmpty { cells.append(t.replacingOccurrences(of: "\n", with: " ")) }
                }
                sink.endLine()
                if !cells.isEmpty { sink.append(cells.joined(separator: " | "), hidden: h) }
                sink.endLine()
                continue
            }
            if isBlock { sink.endLine() }
            if name == "li" { sink.append("• ", hidden: h) }
            walk(c, &sink, hidden: h, pre: pre || name == "pre")
            if isBlock { sink.endLine() } else if ["td", "th"].contains(name) { sink.append(" ", hidden: h) }
        }
    }
}
