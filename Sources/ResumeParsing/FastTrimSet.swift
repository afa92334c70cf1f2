import Foundation

/// A character set for ``Swift/StringProtocol/trimmingCharacters(fast:)``: Foundation's
/// `trimmingCharacters(in:)` with the same result, skipping Foundation's bridge to `NSString`
/// (slow on Linux): on the UTF-8 bytes when both ends are ASCII, else on the scalars.
///
/// `ascii` must hold exactly the ASCII members of the set: `.whitespaces` is Unicode `Zs` plus
/// tab (ASCII: space, tab); `.whitespacesAndNewlines` adds U+000A–U+000D and U+0085 (ASCII: space,
/// tab, LF, VT, FF, CR); `charactersIn:` sets hold exactly their characters.
struct FastTrimSet: Sendable {
    enum Kind: Sendable {
        case whitespaces, whitespacesAndNewlines
        case characters(String)
    }

    let kind: Kind
    private let low: UInt64
    private let high: UInt64

    private init(_ kind: Kind, ascii: String) {
        self.kind = kind
        var lo: UInt64 = 0, hi: UInt64 = 0
        for b in ascii.utf8 where b < 128 {
            if b < 64 { lo |= 1 << UInt64(b) } else { hi |= 1 << UInt64(b - 64) }
        }
        low = lo
        high = hi
    }

    static let whitespaces = FastTrimSet(.whitespaces, ascii: " \t")
    static let whitespacesAndNewlines = FastTrimSet(.whitespacesAndNewlines, ascii: " \t\n\u{0B}\u{0C}\r")

    /// The set `CharacterSet(charactersIn: chars)`.
    init(charactersIn chars: String) {
        self.init(.characters(chars), ascii: chars)
    }

    /// Whether the ASCII byte `b` (< 128) is in the set.
    @inline(__always) func containsASCII(_ b: UInt8) -> Bool {
        b < 64 ? (low >> UInt64(b)) & 1 == 1 : (high >> UInt64(b - 64)) & 1 == 1
    }
}

extension String {
    /// Foundation's `trimmingCharacters(in:)` with the matching `CharacterSet`, computed on UTF-8 bytes while the characters
    /// met at either end are ASCII; on any non-ASCII byte at an end, on the scalars.
    func trimmingCharacters(fast set: FastTrimSet) -> String {
        FastTrimSet.trim(self[...], set)
    }
}

extension Substring {
    /// See ``Swift/String/trimmingCharacters(fast:)``.
    func trimmingCharacters(fast set: FastTrimSet) -> String {
        FastTrimSet.trim(self, set)
    }
}

extension FastTrimSet {
    /// Whether a scalar is in the set, by the same `CharacterSet` membership Foundation's trim uses.
    func contains(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return containsASCII(UInt8(c.value)) }
        switch kind {
        case .whitespaces: return CharacterSet.whitespaces.contains(c)
        case .whitespacesAndNewlines: return CharacterSet.whitespacesAndNewlines.contains(c)
        case .characters(let s): return s.unicodeScalars.contains(c)
        }
    }

    static func trim(_ whole: Substring, _ set: FastTrimSet) -> String {
        let u = whole.utf8
        var i = u.startIndex
        var j = u.endIndex
        while i < j {
            let b = u[i]
            if b >= 0x80 { return trimScalars(whole, set) }
            if !set.containsASCII(b) { break }
            u.formIndex(after: &i)
        }
        while i < j {
            let k = u.index(before: j)
            let b = u[k]
            if b >= 0x80 { return trimScalars(whole, set) }
            if !set.containsASCII(b) { break }
            j = k
        }
        // From the bytes: a Substring subscript would round to Character boundaries (a trailing
        // space after a Prepend character belongs to its grapheme), Foundation does not.
        return String(decoding: u[i..<j], as: UTF8.self)
    }

    /// Foundation's trim (scalars in the set dropped from both ends; none of the sets holds a
    /// scalar outside the BMP, where its UTF-16 walk would differ), on the scalars, without the
    /// bridge to `NSString`: for ends that are not ASCII.
    static func trimScalars(_ whole: Substring, _ set: FastTrimSet) -> String {
        let scalars = whole.unicodeScalars
        var a = scalars.startIndex
        var e = scalars.endIndex
        while a < e && set.contains(scalars[a]) { scalars.formIndex(after: &a) }
        while a < e {
            let k = scalars.index(before: e)
            if !set.contains(scalars[k]) { break }
            e = k
        }
        return String(decoding: whole.utf8[a..<e], as: UTF8.self)
    }
}

/// `Character.isLetter` with an ASCII fast path (the Unicode property lookup is slow).
@inline(__always) func isLetterFast(_ c: Character) -> Bool {
    if let a = c.asciiValue { return (a >= 0x41 && a <= 0x5A) || (a >= 0x61 && a <= 0x7A) }
    return c.isLetter
}

/// `Character.isNumber` with an ASCII fast path.
@inline(__always) func isNumberFast(_ c: Character) -> Bool {
    if let a = c.asciiValue { return a >= 0x30 && a <= 0x39 }
    return c.isNumber
}

extension StringProtocol {
    /// `split(separator: " ").count` without building the pieces: the number of runs of
    /// `Character`s other than " ". In ASCII text each byte is a `Character` (but CR LF, which
    /// is no space either), so the runs are counted on the bytes; other text counts `Character`s
    /// (a space followed by a combining mark is one `Character`, not " ").
    var wordCount: Int {
        var n = 0, inWord = false
        for b in utf8 {
            if b >= 0x80 {
                n = 0
                inWord = false
                for c in self {
                    if c == " " { inWord = false } else if !inWord { n += 1; inWord = true }
                }
                return n
            }
            if b == 0x20 { inWord = false } else if !inWord { n += 1; inWord = true }
        }
        return n
    }
}
