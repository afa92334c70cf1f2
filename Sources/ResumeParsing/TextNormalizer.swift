import Foundation

/// Normalises extracted text before structuring: CRLF/CR → LF, NBSP and other spaces → space,
/// tabs → two spaces, ligatures (ﬁ ﬂ ﬀ ﬃ ﬄ) expanded, private-use bullet glyphs → `•`, control
/// characters dropped, the mojibake separator "ï¼" turned into a dash, trailing spaces trimmed,
/// and more than one blank line collapsed.
enum TextNormalizer {
    /// ``normalizeScalars(_:)``'s result, computed on UTF-8 bytes: the same mapping per scalar
    /// (CR LF as one LF), then the line pass where it is sure to agree with `Character`s. An LF
    /// is always a `Character` of its own, so lines split alike; trailing spaces after an ASCII
    /// byte (or none) are `Character`s of their own and are trimmed alike. A line whose trailing
    /// spaces follow a non-ASCII character (a prepended mark such as U+0600 joins the next space
    /// into one `Character`, rule GB9b), or a "¼" where the "ï¼" repair is not sure to agree, is
    /// handed over to ``normalizeScalars(_:)``.
    static func normalize(_ s: String) -> String {
        var s = s
        let mapped: [UInt8]? = s.withUTF8 { u in
            var out: [UInt8] = []
            out.reserveCapacity(u.count)
            let n = u.count
            var i = 0
            while i < n {
                let b = u[i]
                if b < 0x80 {
                    i += 1
                    switch b {
                    case 0x0D:
                        out.append(0x0A)
                        if i < n && u[i] == 0x0A { i += 1 }
                    case 0x09: out.append(0x20); out.append(0x20)
                    case 0x0A: out.append(0x0A)
                    case 0x00...0x1F, 0x7F: continue
                    default: out.append(b)
                    }
                    continue
                }
                let len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
                for k in 1..<len { v = v << 6 | UInt32(u[i + k] & 0x3F) }
                switch v {
                case 0xBC where len == 2 && u[i] == 0xC2:
                    // "ï¼" (C3 AF C2 BC) becomes " – " where the reference's search is sure to
                    // find the same pair: a precomposed "ï" after an ASCII byte (or at the start),
                    // and after "¼", once the scalars this pass drops are skipped, an ASCII byte
                    // or the end (nothing that could join either into a larger `Character`).
                    // A lone "¼" stays.
                    var j = i + 2
                    while j < n {
                        let c = u[j]
                        if c < 0x80 {
                            if c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D || c == 0x7F { j += 1; continue }
                            break
                        }
                        // Zero-width space, joiners, BOM and soft hyphen are dropped (above).
                        if c == 0xE2 && j + 2 < n && u[j + 1] == 0x80 && (0x8B...0x8D).contains(u[j + 2]) { j += 3; continue }
                        if c == 0xEF && j + 2 < n && u[j + 1] == 0xBB && u[j + 2] == 0xBF { j += 3; continue }
                        if c == 0xC2 && j + 1 < n && u[j + 1] == 0xAD { j += 2; continue }
                        return nil
                    }
                    let k = out.count
                    if k >= 2 && out[k - 2] == 0xC3 && out[k - 1] == 0xAF {
                        if k >= 3 && out[k - 3] >= 0x80 { return nil }
                        out.removeLast(2)
                        out.append(contentsOf: [0x20, 0xE2, 0x80, 0x93, 0x20])
                    } else {
                        out.append(contentsOf: [0xC2, 0xBC])
                    }
                case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: out.append(0x20)
                case 0x200B...0x200D, 0xFEFF, 0xAD: break
                case 0xFB00: out.append(contentsOf: [0x66, 0x66])
                case 0xFB01: out.append(contentsOf: [0x66, 0x69])
                case 0xFB02: out.append(contentsOf: [0x66, 0x6C])
                case 0xFB03: out.append(contentsOf: [0x66, 0x66, 0x69])
                case 0xFB04: out.append(contentsOf: [0x66, 0x66, 0x6C])
                case 0xE000...0xF8FF, 0x25AA, 0x25CF, 0x25E6, 0x2023, 0x2043, 0x27A2, 0x2713, 0x2714: out.append(contentsOf: [0xE2, 0x80, 0xA2])
                default: out.append(contentsOf: UnsafeBufferPointer(rebasing: u[i..<(i + len)]))
                }
                i += len
            }
            return out
        }
        guard let mapped else { return normalizeScalars(s) }
        // Lines: trim trailing spaces, drop a blank line after a blank line (or at the start),
        // drop blank lines at the end.
        var result: [UInt8] = []
        result.reserveCapacity(mapped.count)
        var lastLineEmpty = true
        var anyLine = false
        var start = 0
        let n = mapped.count
        while start <= n {
            var end = start
            while end < n && mapped[end] != 0x0A { end += 1 }
            var trimmed = end
            while trimmed > start && mapped[trimmed - 1] == 0x20 { trimmed -= 1 }
            if trimmed < end && trimmed > start && mapped[trimmed - 1] >= 0x80 && Self.mayPrepend(mapped, before: trimmed) {
                return normalizeScalars(s)
            }
            let empty = trimmed == start
            if !(empty && lastLineEmpty) {
                if anyLine { result.append(0x0A) }
                result.append(contentsOf: mapped[start..<trimmed])
                anyLine = true
                lastLineEmpty = empty
            }
            start = end + 1
        }
        // Blank lines at the end (each kept line was preceded by its LF).
        while result.last == 0x0A { result.removeLast() }
        return String(decoding: result, as: UTF8.self)
    }

    /// True when the scalar that ends at `end` could be a Prepend character (UAX #29, rule GB9b),
    /// the only kind that joins a following space into one `Character`. Its trailing spaces are
    /// then left to the reference.
    static func mayPrepend(_ bytes: [UInt8], before end: Int) -> Bool {
        var i = end - 1
        while i > 0 && bytes[i] & 0xC0 == 0x80 { i -= 1 }
        let b = bytes[i]
        let len = end - i
        guard len >= 2 else { return false }
        var v = UInt32(b) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
        switch v {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x0D4E, 0x110BD, 0x110CD, 0x111C2...0x111C3,
             0x1193F, 0x11941, 0x11A3A, 0x11A84...0x11A89, 0x11D46, 0x11F02:
            return true
        default:
            // Outside the Basic Multilingual Plane's well-known blocks, stay careful: a later
            // Unicode version may add Prepend characters there.
            return v >= 0x10000
        }
    }

    /// The reference: the same normalisation on Unicode scalars and `Character`s.
    static func normalizeScalars(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.unicodeScalars.count)
        // The Foundation searches below are slow; a byte scan skips them when their match is
        // impossible (no CR, no "¼" = C2 BC). Both replace literally: a CR LF before a combining
        // mark is still one line break, and a decomposed "ï" is not the mojibake pair.
        var iter = (containsBytes(s.utf8, 0x0D, 0x0A) ? s.replacingOccurrences(of: "\r\n", with: "\n", options: .literal) : s).unicodeScalars.makeIterator()
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
        if containsBytes(str.utf8, 0xC2, 0xBC) { str = str.replacingOccurrences(of: "ï¼", with: " – ", options: .literal) }
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
