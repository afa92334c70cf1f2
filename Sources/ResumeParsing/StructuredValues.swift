import Foundation
import ScreenerCore

/// Helpers shared by the structured-input mappers: tolerant lookups into decoded JSON and ISO
/// date parsing (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with or without a time).
enum StructuredValues {
    static func string(_ any: Any?) -> String? {
        switch any {
        case let s as String: let t = s.trimmingCharacters(fast: .whitespacesAndNewlines); return t.isEmpty ? nil : t
        case let n as NSNumber: return n.stringValue
        case let d as [String: Any]:
            return string(d["value"] ?? d["name"] ?? d["formattedName"] ?? d["text"])
        default: return nil
        }
    }

    static func dict(_ any: Any?) -> [String: Any]? { any as? [String: Any] }

    static func array(_ any: Any?) -> [[String: Any]] {
        if let a = any as? [[String: Any]] { return a }
        if let d = any as? [String: Any] { return [d] }
        return []
    }

    /// First non-nil string among `keys` (dotted paths allowed: "organization.name").
    static func first(_ d: [String: Any], _ keys: String...) -> String? {
        for k in keys {
            var cur: Any? = d
            for part in k.split(separator: ".") { cur = (cur as? [String: Any])?[String(part)] ?? ((cur as? [[String: Any]])?.first?[String(part)]) }
            if let s = string(cur) { return s }
        }
        return nil
    }

    static func date(_ s: String?) -> ParsedResume.PartialDate? {
        guard let s = s?.trimmingCharacters(fast: .whitespaces), s.count >= 4 else { return nil }
        let head = s.prefix(10)
        let parts = head.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "T" })
        guard let y = parts.first.flatMap({ Int($0) }), (1900...2200).contains(y) else { return nil }
        let m = parts.count > 1 ? Int(parts[1]) : nil
        return .init(year: y, month: (m.map { (1...12).contains($0) } ?? false) ? m : nil)
    }

    static func bool(_ any: Any?) -> Bool {
        if let b = any as? Bool { return b }
        if let s = any as? String { return s.lowercased() == "true" }
        return false
    }
}
