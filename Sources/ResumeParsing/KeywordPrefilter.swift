import Foundation

/// A cheap necessary condition for a case-insensitive regex made of literal words: false only
/// when the regex cannot match because none of its words is in the text.
///
/// ICU matches case-insensitively by case folding, under which some non-ASCII characters equal
/// ASCII letters (ſ = s, K = k, ß = ss, ﬆ = st, İ…). So the byte search for the words (ASCII,
/// any case) is trusted only when every non-ASCII character of the text is one whose folding
/// holds no ASCII: General Punctuation or superscript (U+2000–U+207F: dashes, quotes, bullets),
/// Latin-1 but ß (U+0080–U+00FF: accented letters fold to accented letters), and the other
/// Windows-1252 characters that mis-decoded text is made of (Œ œ Š š Ÿ Ž ž ƒ ˆ ˜ € ™). Any
/// other non-ASCII character answers true.
struct KeywordPrefilter: Sendable {
    private let words: ASCIIWordSet

    /// `words`: lower-case ASCII letters; every match of the regex must hold one of them.
    init(_ words: [String]) {
        self.words = ASCIIWordSet(words)
    }

    func mayMatch(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { t in Self.foldsToASCIIOnlyFromASCII(t) ? words.isFound(in: t) : true }
    }

    /// Whether every non-ASCII character of `t` is one whose case folding holds no ASCII (see
    /// the type's comment): then a case-insensitive ICU match of ASCII literals is a match of
    /// their bytes, ignoring ASCII case.
    static func foldsToASCIIOnlyFromASCII(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = t.count
        var i = 0
        while i < n {
            let b = t[i]
            if b < 0x80 { i += 1; continue }
            guard i + 1 < n else { return false }
            let c = t[i + 1]
            switch b {
            // U+0080–U+00FF but ß (C3 9F).
            case 0xC2: i += 2
            case 0xC3 where c != 0x9F: i += 2
            // Œ œ Š š Ÿ Ž ž, ƒ, ˆ ˜.
            case 0xC5 where c == 0x92 || c == 0x93 || c == 0xA0 || c == 0xA1 || c == 0xB8 || c == 0xBD || c == 0xBE: i += 2
            case 0xC6 where c == 0x92: i += 2
            case 0xCB where c == 0x86 || c == 0x9C: i += 2
            // U+2000–U+207F (E2 80 xx, E2 81 xx), € (E2 82 AC), ™ (E2 84 A2).
            case 0xE2 where c == 0x80 || c == 0x81: i += 3
            case 0xE2 where i + 2 < n && (c == 0x82 && t[i + 2] == 0xAC || c == 0x84 && t[i + 2] == 0xA2): i += 3
            default: return false
            }
        }
        return true
    }
}
