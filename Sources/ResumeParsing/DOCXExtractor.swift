import Foundation
import ScreenerCore

/// Extracts DOCX text: headers, body (paragraphs, tables, text boxes, lists), footers, then
/// footnotes. Runs with `w:vanish`, a near-white `w:color` or a size under 4 pt (`w:sz` < 8
/// half-points) are hidden. Deleted revisions (`w:del`) and field instructions are skipped, and
/// only the `mc:Choice` branch of `mc:AlternateContent` is read so text boxes are not doubled.
struct DOCXExtractor {
    var configuration: ParserConfiguration

    func extract(_ data: Data) throws -> ExtractedDocument {
        let zip = try ZipReader(data, configuration: configuration)
        guard let body = try zip.read("word/document.xml") ?? zip.read("word/document2.xml") else {
            throw ScreenerError.parseFailed("DOCX without word/document.xml")
        }
        var sink = TextSink()
        let headers = zip.paths.filter { $0.hasPrefix("word/header") && $0.hasSuffix(".xml") }.sorted()
        let footers = zip.paths.filter { $0.hasPrefix("word/footer") && $0.hasSuffix(".xml") }.sorted()
        var seenHeaderText = Set<String>()
        for path in headers + ["word/document.xml"] + footers {
            let part: Data
            if path == "word/document.xml" { part = body } else { guard let p = try zip.read(path) else { continue }; part = p }
            let root = try XNode.parseXML(part, maxBytes: configuration.maxXMLBytes, maxDepth: configuration.maxXMLDepth)
            if path == "word/document.xml" {
                walk(root, &sink, hidden: false)
            } else {
                // Repeated identical headers (first page, even, default) are read once.
                var local = TextSink()
                walk(root, &local, hidden: false)
                let (t, h) = local.finish()
                if !t.isEmpty && !seenHeaderText.contains(t) {
                    seenHeaderText.insert(t)
                    for l in t.split(separator: "\n", omittingEmptySubsequences: false) { sink.append(String(l), hidden: false); sink.newline() }
                }
                sink.hidden += h
            }
            sink.endLine()
        }
        let (text, hidden) = sink.finish()
        return ExtractedDocument(text: text, hiddenText: hidden, format: .docx)
    }

    private func runIsHidden(_ rPr: XNode?) -> Bool {
        guard let rPr else { return false }
        if let v = rPr.child("vanish") ?? rPr.child("specVanish"), !isOff(v["val"]) { return true }
        if let c = rPr.child("color")?["val"], c.lowercased() != "auto", ColorRule.isNearWhite(c) {
            // White text on a dark shading is visible.
            if let fill = rPr.child("shd")?["fill"], fill.lowercased() != "auto", !ColorRule.isNearWhite(fill) { return false }
            if let hl = rPr.child("highlight")?["val"], hl != "none", hl != "white" { return false }
            return true
        }
        if let sz = rPr.child("sz")?["val"], let v = Double(sz), v < 8 { return true }
        return false
    }

    private func isOff(_ v: String?) -> Bool { v == "0" || v == "false" || v == "off" }

    private func walk(_ node: XNode, _ sink: inout TextSink, hidden: Bool) {
        for c in node.children {
            switch c.name {
            case "p":
                paragraph(c, &sink, hidden: hidden)
            case "tbl":
                for tr in c.descendantsNotNested("tr", stopAt: "tbl") {
                    var cells: [String] = []
                    var cellHidden: [String] = []
                    for tc in tr.elements("tc") + tr.elements("sdt").flatMap({ $0.descendants("tc") }) {
                        var cs = TextSink()
                        walk(tc, &cs, hidden: hidden)
                        let (t, h) = cs.finish()
                        cellHidden += h
                        if !t.isEmpty { cells.append(t.replacingOccurrences(of: "\n", with: " ")) }
                    }
                    sink.endLine()
                    if !cells.isEmpty { sink.append(cells.joined(separator: " | "), hidden: false) }
                    sink.hidden += cellHidden
                    sink.endLine()
                }
            case "del", "instrText", "delText", "Fallback", "sectPr", "pPr", "rPr", "bookmarkStart", "bookmarkEnd":
                continue
            case "AlternateContent":
                if let choice = c.child("Choice") { walk(choice, &sink, hidden: hidden) } else if let f = c.child("Fallback") { walk(f, &sink, hidden: hidden) }
            default:
                walk(c, &sink, hidden: hidden)
            }
        }
    }

    private func paragraph(_ p: XNode, _ sink: inout TextSink, hidden: Bool) {
        sink.endLine()
        var deferredBoxes: [XNode] = []
        if p.child("pPr")?.child("numPr") != nil { sink.append("• ", hidden: false) }
        func runs(_ n: XNode, hidden: Bool) {
            for c in n.children {
                switch c.name {
                case "r":
                    let h = hidden || runIsHidden(c.child("rPr"))
                    for rc in c.children {
                        switch rc.name {
                        case "t": sink.append(rc.allText, hidden: h)
                        case "tab", "ptab": sink.append("\t", hidden: h)
                        case "br", "cr": if !h { sink.newline() }
                        case "noBreakHyphen": sink.append("-", hidden: h)
                        case "sym":
                            // Symbol-font characters live at U+F0xx; the low byte is the ASCII look-alike.
                            var ch = " "
                            if let hex = rc["char"], let v = UInt32(hex, radix: 16) {
                                let base = v >= 0xF000 && v <= 0xF0FF ? v - 0xF000 : v
                                if base == 0x2D || base == 0xBE { ch = "–" } else if base == 0xB7 { ch = "•" } else if let u = Unicode.Scalar(base), base >= 0x20, base < 0xF000 { ch = String(u) }
                            }
                            sink.append(ch, hidden: h)
                        case "drawing", "pict", "object":
                            deferredBoxes += rc.descendants("txbxContent")
                        case "AlternateContent":
                            let branch = rc.child("Choice") ?? rc.child("Fallback")
                            if let branch { deferredBoxes += branch.descendants("txbxContent") }
                        default: break
                        }
                    }
                case "del", "pPr", "Fallback": continue
                case "AlternateContent":
                    if let b = c.child("Choice") ?? c.child("Fallback") { deferredBoxes += b.descendants("txbxContent") }
                case "fldSimple", "hyperlink", "ins", "smartTag", "sdt", "sdtContent", "customXml", "moveTo", "dir", "bdo":
                    runs(c, hidden: hidden)
                default:
                    runs(c, hidden: hidden)
                }
            }
        }
        runs(p, hidden: hidden)
        sink.endLine()
        for box in deferredBoxes {
            walk(box, &sink, hidden: hidden)
            sink.endLine()
        }
    }
}

extension XNode {
    /// Descendants named `local`, not descending into nested elements named `stopAt`.
    func descendantsNotNested(_ local: String, stopAt: String) -> [XNode] {
        var out: [XNode] = []
        func walk(_ n: XNode) {
            for c in n.children {
                if c.name == local { out.append(c); continue }
                if c.name == stopAt { continue }
                walk(c)
            }
        }
        walk(self)
        return out
    }
}
