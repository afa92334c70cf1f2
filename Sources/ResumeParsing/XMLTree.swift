import CLibXML2
import Foundation
import ScreenerCore

/// A small immutable element tree read through libxml2, so extractors can walk XML in Swift.
///
/// Safety: XML input with a DOCTYPE is refused outright (no DTD, no entity declarations, so no
/// external entities and no entity expansion), libxml2 runs with `XML_PARSE_NONET` and without
/// `XML_PARSE_NOENT`/`XML_PARSE_DTDLOAD`/`XML_PARSE_HUGE`, sizes are capped and the tree depth is bounded.
final class XNode: @unchecked Sendable {
    /// Local name (`p` for `w:p`); `#text` for text nodes.
    let name: String
    /// Namespace prefix as written (`w`), empty when none.
    let prefix: String
    /// Attributes by local name (a `w:val` attribute is under `val`).
    let attributes: [String: String]
    let children: [XNode]
    /// Text content for `#text` and CDATA nodes.
    let text: String?

    init(name: String, prefix: String, attributes: [String: String], children: [XNode], text: String?) {
        self.name = name
        self.prefix = prefix
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    var isText: Bool { text != nil }
    subscript(attr: String) -> String? { attributes[attr] }
    func child(_ local: String) -> XNode? { children.first { $0.name == local } }
    func elements(_ local: String) -> [XNode] { children.filter { $0.name == local } }

    /// All descendants (depth first, document order) with this local name.
    func descendants(_ local: String) -> [XNode] {
        var out: [XNode] = []
        func walk(_ n: XNode) {
            for c in n.children {
                if c.name == local { out.append(c) }
                walk(c)
            }
        }
        walk(self)
        return out
    }

    /// Concatenated text of all descendants.
    var allText: String {
        if let t = text { return t }
        return children.map(\.allText).joined()
    }

    /// Parses XML bytes. Throws `parse_failed` on a DOCTYPE, oversize input, malformed XML or
    /// excessive depth.
    static func parseXML(_ data: Data, maxBytes: Int, maxDepth: Int) throws -> XNode {
        guard data.count <= maxBytes else { throw ScreenerError(.payloadTooLarge, "XML part exceeds \(maxBytes) bytes") }
        if containsDoctype(data) { throw ScreenerError.parseFailed("XML with a DOCTYPE is refused") }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        let doc: xmlDocPtr? = data.withUnsafeBytes { raw -> xmlDocPtr? in
            guard let base = raw.baseAddress else { return nil }
            return xmlReadMemory(base.assumingMemoryBound(to: CChar.self), Int32(raw.count), "input.xml", nil, options)
        }
        guard let doc else { throw ScreenerError.parseFailed("malformed XML") }
        defer { xmlFreeDoc(doc) }
        if doc.pointee.intSubset != nil || doc.pointee.extSubset != nil { throw ScreenerError.parseFailed("XML with a DOCTYPE is refused") }
        guard let root = xmlDocGetRootElement(doc) else { throw ScreenerError.parseFailed("XML without a root element") }
        guard let node = try convert(root, depth: 0, maxDepth: maxDepth) else { throw ScreenerError.parseFailed("XML without a root element") }
        return node
    }

    /// Parses HTML with libxml2's forgiving HTML parser (`HTML_PARSE_NONET|NOERROR|NOWARNING`).
    static func parseHTML(_ data: Data, maxBytes: Int, maxDepth: Int) throws -> XNode {
        guard data.count <= maxBytes else { throw ScreenerError(.payloadTooLarge, "HTML exceeds \(maxBytes) bytes") }
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        // Without a declared charset libxml2 assumes Latin-1; pass UTF-8 when the bytes are valid UTF-8.
        let bytes = [UInt8](data)
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        let encoding: String? = head.contains("charset") ? nil : (String(validatingUTF8Bytes: bytes) != nil ? "UTF-8" : "windows-1252")
        let doc: htmlDocPtr? = bytes.withUnsafeBufferPointer { buf -> htmlDocPtr? in
            guard let base = buf.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                htmlReadMemory(p, Int32(buf.count), "input.html", encoding, options)
            }
        }
        guard let doc else { throw ScreenerError.parseFailed("malformed HTML") }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), let node = try convert(root, depth: 0, maxDepth: maxDepth) else {
            throw ScreenerError.parseFailed("HTML without content")
        }
        return node
    }

    static func containsDoctype(_ data: Data) -> Bool {
        let needle = Array("<!DOCTYPE".utf8)
        let lowerNeedle = Array("<!doctype".utf8)
        return data.withUnsafeBytes { raw -> Bool in
            let b = raw.bindMemory(to: UInt8.self)
            guard b.count >= needle.count else { return false }
            var i = 0
            let end = b.count - needle.count
            while i <= end {
                if b[i] == 0x3C && b[i + 1] == 0x21 {
                    var j = 2
                    while j < needle.count && (b[i + j] == needle[j] || b[i + j] == lowerNeedle[j]) { j += 1 }
                    if j == needle.count { return true }
                }
                i += 1
            }
            return false
        }
    }

    private static func str(_ p: UnsafePointer<xmlChar>?) -> String {
        guard let p else { return "" }
        return String(cString: p)
    }

    private static func convert(_ node: xmlNodePtr, depth: Int, maxDepth: Int) throws -> XNode? {
        guard depth <= maxDepth else { throw ScreenerError.parseFailed("document nesting exceeds \(maxDepth) levels") }
        switch node.pointee.type {
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return XNode(name: "#text", prefix: "", attributes: [:], children: [], text: str(node.pointee.content))
        case XML_ELEMENT_NODE:
            var attrs: [String: String] = [:]
            var a = node.pointee.properties
            while let attr = a {
                let key = str(attr.pointee.name)
                var value = ""
                var c = attr.pointee.children
                while let cc = c { value += str(cc.pointee.content); c = cc.pointee.next }
                attrs[key] = value
                a = attr.pointee.next
            }
            var kids: [XNode] = []
            var c = node.pointee.children
            while let cc = c {
                if let k = try convert(cc, depth: depth + 1, maxDepth: maxDepth) { kids.append(k) }
                c = cc.pointee.next
            }
            let prefix = node.pointee.ns.map { str($0.pointee.prefix) } ?? ""
            return XNode(name: str(node.pointee.name), prefix: prefix, attributes: attrs, children: kids, text: nil)
        default:
            return nil
        }
    }
}
