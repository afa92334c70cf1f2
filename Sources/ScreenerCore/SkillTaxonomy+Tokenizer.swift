import Foundation

/// One token of a text searched for skills: a maximal run of letters, digits and combining marks
/// (a word), or a single other non-space scalar (punctuation such as `+`, `#`, `.`, `/`, `&`).
/// Tokens carry no strings: the matcher works on `hash` and reads the text only for candidate hits.
struct SkillToken: Sendable {
    /// Unicode-scalar offsets into the text.
    var start: Int
    var end: Int
    var startIndex: String.UnicodeScalarView.Index
    var endIndex: String.UnicodeScalarView.Index
    /// FNV-1a (64-bit) of the lower-cased scalars (see `SkillTokenizer.hash`).
    var hash: UInt64
    /// The scalar value of a punctuation token; 0 for words.
    var punct: UInt32
    /// Whitespace separates this token from the previous one (true for the first token).
    var spaceBefore: Bool
    /// A hyphen joins this word to the previous word (`Full-Stack`, `Go-live`, `C-level`). That hyphen is
    /// not a token, and the word counts as space-separated: "Full-Stack" and "Full Stack" match alike.
    var hyphenBefore: Bool
    var firstIsUppercase: Bool
    /// Number of scalars when the token is all ASCII digits, else 0.
    var digits: Int

    var isWord: Bool { punct == 0 }
}

/// Splits text into `SkillToken`s in one pass over its unicode scalars.
enum SkillTokenizer {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 {
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        let p = s.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .otherNumber: return true
        default: return false
        }
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return true
        case 0..<0x80: return false
        default: return s.properties.isWhitespace || s.value == 0x200B || s.value == 0xFEFF
        }
    }

    @inline(__always)
    static func isHyphen(_ s: Unicode.Scalar) -> Bool { s.value == 0x2D || s.value == 0x2010 || s.value == 0x2011 }

    /// FNV-1a step over the lower-case mapping of one scalar:
    /// `h = (h XOR byte) × 0x100000001b3` for each UTF-8 byte of the lower-cased scalar.
    @inline(__always)
    static func mix(_ h: inout UInt64, _ s: Unicode.Scalar) {
        let v = s.value
        if v < 0x80 {
            let lower = (v >= 0x41 && v <= 0x5A) ? v + 0x20 : v
            h = (h ^ UInt64(lower)) &* fnvPrime
        } else {
            for u in s.properties.lowercaseMapping.utf8 { h = (h ^ UInt64(u)) &* fnvPrime }
        }
    }

    /// The token hash of a string (its lower-case form), as the tokenizer computes it for a token.
    static func hash(_ word: String) -> UInt64 {
        var h = fnvOffset
        for s in word.unicodeScalars { mix(&h, s) }
        return h
    }

    static func tokenize(_ text: String) -> [SkillToken] {
        var b = Builder(scalars: text.unicodeScalars, capacity: text.utf8.count / 5 + 8)
        let scalars = text.unicodeScalars
        var idx = scalars.startIndex
        var offset = 0
        while idx < scalars.endIndex {
            let s = scalars[idx]
            if isWordScalar(s) {
                if !b.inWord {
                    b.inWord = true
                    b.wordStart = idx
                    b.wordStartOffset = offset
                    b.h = fnvOffset
                    b.allDigits = true
                    b.firstUpper = s.value < 0x80 ? (s.value >= 0x41 && s.value <= 0x5A) : s.properties.isUppercase
                }
                mix(&b.h, s)
                if b.allDigits, !(s.value >= 0x30 && s.value <= 0x39) { b.allDigits = false }
            } else {
                let wasWord = b.inWord
                b.flushWord(idx, offset)
                if isSpace(s) {
                    b.emitPendingHyphen()
                    b.sawSpace = true
                } else if isHyphen(s), wasWord, !b.pendingHyphen {
                    b.pendingHyphen = true
                    b.hyphenOffset = offset
                    b.hyphenIndex = idx
                } else {
                    b.emitPendingHyphen()
                    b.emitPunct(s, idx, offset, space: b.sawSpace)
                    b.sawSpace = false
                }
            }
            idx = scalars.index(after: idx)
            offset += 1
        }
        b.flushWord(scalars.endIndex, offset)
        b.emitPendingHyphen()
        return b.tokens
    }

    /// Tokenizer state for one pass.
    private struct Builder {
        let scalars: String.UnicodeScalarView
        var tokens: [SkillToken] = []
        var sawSpace = true
        var pendingHyphen = false  // a hyphen glued to the previous word, not yet known to be soft
        var hyphenOffset = 0
        var hyphenIndex: String.UnicodeScalarView.Index
        var inWord = false
        var wordStart: String.UnicodeScalarView.Index
        var wordStartOffset = 0
        var h = SkillTokenizer.fnvOffset
        var allDigits = true
        var firstUpper = false

        init(scalars: String.UnicodeScalarView, capacity: Int) {
            self.scalars = scalars
            hyphenIndex = scalars.startIndex
            wordStart = scalars.startIndex
            tokens.reserveCapacity(capacity)
        }

        @inline(__always)
        mutating func flushWord(_ end: String.UnicodeScalarView.Index, _ endOffset: Int) {
            guard inWord else { return }
            let soft = pendingHyphen
            pendingHyphen = false
            tokens.append(SkillToken(
                start: wordStartOffset, end: endOffset, startIndex: wordStart, endIndex: end, hash: h, punct: 0,
                spaceBefore: sawSpace || soft, hyphenBefore: soft, firstIsUppercase: firstUpper,
                digits: allDigits ? endOffset - wordStartOffset : 0
            ))
            inWord = false
            sawSpace = false
        }

        @inline(__always)
        mutating func emitPunct(_ s: Unicode.Scalar, _ at: String.UnicodeScalarView.Index, _ off: Int, space: Bool) {
            var ph = SkillTokenizer.fnvOffset
            SkillTokenizer.mix(&ph, s)
            tokens.append(SkillToken(
                start: off, end: off + 1, startIndex: at, endIndex: scalars.index(after: at), hash: ph, punct: s.value,
                spaceBefore: space, hyphenBefore: false, firstIsUppercase: false, digits: 0
            ))
        }

        @inline(__always)
        mutating func emitPendingHyphen() {
            guard pendingHyphen else { return }
            pendingHyphen = false
            emitPunct("-", hyphenIndex, hyphenOffset, space: false)
        }
    }

    /// The original spelling of a token.
    static func original(_ t: SkillToken, in text: String) -> String {
        String(text.unicodeScalars[t.startIndex..<t.endIndex])
    }

    /// The key under which a form is indexed and looked up: lower-case tokens, a single space wherever
    /// the form has whitespace or a hyphen between two words, nothing between glued tokens.
    /// `normalizedKey("Node.js") == "node.js"`, `normalizedKey("Full-Stack  Development") == "full stack development"`.
    static func normalizedKey(_ form: String) -> String {
        var key = ""
        for (i, t) in tokenize(form).enumerated() {
            if i > 0, t.spaceBefore { key += " " }
            key += original(t, in: form).lowercased()
        }
        return key
    }
}
