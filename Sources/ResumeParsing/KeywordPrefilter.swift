import Foundation

/// A cheap necessary condition for a case-insensitive regex made of literal words: false only
/// when the regex cannot match because none of its words is in the text.
///
/// ICU matches case-insensitively by case folding, under which some non-ASCII characters equal
/// ASCII letters (ſ = s, K = k, ﬆ = st, İ…). So the byte search for the words (ASCII, any case)
/// is trusted only when every non-ASCII character of the text is General Punctuation or
/// superscript (U+2000–U+207F: dashes, quotes, bullets, none of which folds to a letter);
/// any other non-ASCII character answers true.
struct KeywordPrefilter: Sendable {
    private let words: ASCIIWordSet

    /// `words`: lower-case ASCII letters; every match of the regex must hold one of them.
    init(_ words: [String]) {
        self.words = ASCIIWordSet(words)
    }

    func mayMatch(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { t in
            let n = t.count
            var i = 0
            while i < n {
                let b = t[i]
                if b < 0x80 { i += 1; continue }
                // U+2000–U+207F is E2 80 xx and E2 81 xx.
                guard b == 0xE2, i + 1 < n, t[i + 1] == 0x80 || t[i + 1] == 0x81 else { return true }
                i += 3
            }
            return words.isFound(in: t)
        }
    }
}
