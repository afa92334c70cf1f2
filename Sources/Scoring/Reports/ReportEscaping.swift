import Foundation

/// Escaping of untrusted values (skill names, evidence quotes, ATS ids) for each report format.
public enum ReportEscaping {
    /// Characters that make a spreadsheet treat a cell as a formula (or smuggle one in).
    static let formulaLeads: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// One CSV field: a value starting with `=`, `+`, `-`, `@`, TAB or CR is prefixed with `'`
    /// (spreadsheet formula-injection guard, applied to every cell, numbers included); then, per
    /// RFC 4180, a value containing `,`, `"`, CR or LF is wrapped in quotes with `"` doubled.
    public static func csv(_ value: String) -> String {
        var v = value
        if let f = v.unicodeScalars.first, formulaLeads.contains(f) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// One CSV record: fields escaped and joined by commas (the caller adds CRLF).
    public static func csvRecord(_ fields: [String]) -> String {
        fields.map(csv).joined(separator: ",")
    }

    /// HTML text or attribute value: `& < > " '` become entities; other control characters
    /// (except TAB, LF) become spaces.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.append(c)
            default: out.append(isControl(c) ? " " : c)
            }
        }
        return out
    }

    /// A Markdown table cell or inline text: newlines and control characters become spaces, the
    /// Markdown punctuation `\ | * _ ` [ ] #` is backslash-escaped, and `& < >` become entities so that
    /// a renderer that allows inline HTML shows them as text.
    public static func markdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "\\", "|", "*", "_", "`", "[", "]", "#": out += "\\" + String(c)
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(isControl(c) ? " " : c)
            }
        }
        return out
    }

    /// Terminal text: control characters (ESC, CR, LF, TAB, …) become spaces so that a value can
    /// neither break the table layout nor send escape sequences to the terminal.
    public static func terminal(_ s: String) -> String {
        guard s.contains(where: isControl) else { return s }
        return String(s.map { isControl($0) ? " " : $0 })
    }

    static func isControl(_ c: Character) -> Bool {
        c.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
