import Foundation

/// Normalises extracted text before structuring: CRLF/CR → LF, NBSP and other spaces → space,
/// tabs → two spaces, ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ) expanded, private-use bullet glyphs → `•`, control
/// characters dropped, the mojibake separator "ï¼" turned into a dash, trailing spaces trimmed,
/// and more than one blank line collapsed.
enum TextNormalizer {
    static func normalize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.unicodeScalars.count)
        // The Foundation searches below are slow; a byte scan skips them when their match is
        // impossible (no CR, no "¼" = C2 BC).
        var iter = (s.utf8.contains(0x0D) && s.contains("\r\n") ? s.replacingOccurrences(of: "\r\n", with: "\n") : s).unicodeScalars.makeIterator()
        while let c = iter.next() {
            switch c.value {
            case 0x0D:
                out.append("\n")
            case 0x09: out.append(" "); out.append(" ")
            case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: out.append(" ")
            case 0x200B...0x200D, 0xFEFF, 0xAD: continue
            case 0xFB00: out.append("f"); out.append("f")
            case 0xFB01: out.append("f"); out.append("i")
            case 0xFB02: out.append("f"); out.append("l")
            case 0xFB03: out.append(contentsOf: "ffi".unicodeScalars)
            case 0xFB04: out.append(contentsOf: "ffl".unicodeScalars)
            case 0xE000...0xF8FF, 0x25AA, 0x25CF, 0x25E6, 0x2023, 0x2043, 0x27A2, 0x2713, 0x2714, 0xF0B7: out.append("•")
            case 0x0A: out.append(c)
            case 0x00...0x1F, 0x7F: continue
            default: out.append(c)
            }
        }
        // Trim trailing spaces per line and collapse blank lines. "ï¼" is UTF-8 for a fullwidth
        // colon or dash read as Latin-1 (seen in scraped PDFs as a field separator): make it a dash.
        var lines: [Substring] = []
        var str = String(out)
        if containsBytes(str.utf8, 0xC2, 0xBC), str.contains("ï¼") { str = str.replacingOccurrences(of: "ï¼", with: " – ") }
        for l in str.split(separator: "\n", omittingEmptySubsequences: false) {
            var t = l
            while t.last == " " { t = t.dropLast() }
            if t.isEmpty && (lines.last?.isEmpty ?? true) { continue }
            lines.append(t)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// True when the UTF-8 holds the byte pair `a b`.
    static func containsBytes(_ u: String.UTF8View, _ a: UInt8, _ b: UInt8) -> Bool {
        var prev: UInt8 = 0
        for c in u {
            if prev == a && c == b { return true }
            prev = c
        }
        return false
    }
}
