import Foundation

/// Recognises a document's format from its bytes. The file name is never consulted.
public enum FormatDetector {
    /// Magic numbers first (PDF, OLE2, zip, RTF, images), then a look at text content
    /// (JSON shape, XML root element, HTML markers), then a plain-text check.
    public static func detect(_ data: Data) -> DocumentFormat {
        let bytes = [UInt8](data.prefix(4096))
        if bytes.isEmpty { return .unknown }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyDoc }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) || bytes.starts(with: [0xFF, 0xD8, 0xFF])
            || bytes.starts(with: Array("GIF8".utf8)) || bytes.starts(with: [0x49, 0x49, 0x2A, 0x00])
            || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A])
            || (bytes.starts(with: Array("RIFF".utf8)) && bytes.count > 12 && Array(bytes[8..<12]) == Array("WEBP".utf8)) {
            return .image
        }
        // "%PDF-" may follow a little junk; readers accept it within the first KiB.
        if indexOf(Array("%PDF-".utf8), in: bytes, limit: 1024) != nil { return .pdf }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return detectZip(data) }
        if bytes.starts(with: Array("{\\rtf".utf8)) { return .rtf }

        let text = PlainTextDecoder.decodePrefix(bytes)
        let trimmed = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        if trimmed.hasPrefix("{\\rtf") { return .rtf }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            if let kind = detectJSON(data) { return kind }
        }
        if trimmed.hasPrefix("<") {
            let lower = String(trimmed.prefix(4096)).lowercased()
            if lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body")
                || lower.contains("<div") || lower.contains("<p>") || lower.contains("<head") {
                return .html
            }
            if let root = xmlRootName(lower) {
                if root == "candidate" { return .hrXML }
                return .otherStructured
            }
            return .html
        }
        if PlainTextDecoder.looksLikeText(bytes) { return .txt }
        return .unknown
    }

    static func detectZip(_ data: Data) -> DocumentFormat {
        // Local file headers carry the entry names in clear; the central directory repeats them.
        let mimetype = Array("mimetypeapplication/vnd.oasis.opendocument.text".utf8)
        let head = [UInt8](data.prefix(256))
        if indexOf(mimetype, in: head, limit: 256) != nil { return .odt }
        let all = [UInt8](data)
        if indexOf(Array("word/document.xml".utf8), in: all, limit: all.count) != nil { return .docx }
        if indexOf(Array("word/document2.xml".utf8), in: all, limit: all.count) != nil { return .docx }
        return .otherZip
    }

    static func detectJSON(_ data: Data) -> DocumentFormat? {
        guard data.count <= 16 * 1024 * 1024,
              let obj = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        guard let dict = obj as? [String: Any] else { return .otherStructured }
        if dict["basics"] != nil || (dict["work"] is [Any] && dict["person"] == nil) || dict["$schema"].map({ "\($0)".contains("jsonresume") }) == true {
            return .jsonResume
        }
        if dict["person"] != nil || dict["profiles"] != nil || dict["candidate"] != nil
            || (dict["documentId"] != nil && dict["person"] != nil) {
            return .hrOpenJSON
        }
        return .otherStructured
    }

    /// Local name of the first element after the prolog, lower-cased.
    static func xmlRootName(_ lower: String) -> String? {
        var rest = Substring(lower)
        while let lt = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: lt)...]
            if after.hasPrefix("?") || after.hasPrefix("!") {
                guard let gt = after.firstIndex(of: ">") else { return nil }
                rest = after[after.index(after: gt)...]
                continue
            }
            let name = after.prefix { !$0.isWhitespace && $0 != ">" && $0 != "/" }
            guard !name.isEmpty else { return nil }
            return String(name.split(separator: ":").last ?? name[...])
        }
        return nil
    }

    static func indexOf(_ needle: [UInt8], in hay: [UInt8], limit: Int) -> Int? {
        hay.withUnsafeBufferPointer { ByteSearch.firstIndex(UnsafeBufferPointer(rebasing: $0.prefix(max(0, limit))), needle) }
    }
}
