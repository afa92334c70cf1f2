/// Byte searches over UTF-8 text, shared by the prefilters that decide whether a slower
/// Foundation or ICU search could match at all (``KeywordPrefilter``, the contact cues, the
/// work-history separators).
enum ByteSearch {
    /// Whether `haystack` holds the bytes of `needle`. An empty needle is found. (glibc's
    /// `memmem` is a GNU extension that Swift's Glibc module does not export.)
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether the UTF-8 of `s` holds the bytes of `needle`.
    static func contains(_ s: String, _ needle: [UInt8]) -> Bool {
        var s = s
        return s.withUTF8 { contains($0, needle) }
    }
}

/// Lower-case ASCII words searched for together, ignoring ASCII case, in one pass over the text
/// (the prefilters searched once per word, a pass each).
struct ASCIIWordSet: Sendable {
    let words: [[UInt8]]
    /// Bit `l - 0x40` is set when a word starts with the letter `l` (0x61–0x7A).
    private let firstLetters: UInt64

    /// `words`: non-empty, lower-case ASCII letters.
    init(_ words: some Sequence<String>) {
        self.words = words.map { Array($0.utf8) }
        precondition(self.words.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } })
        firstLetters = self.words.reduce(0) { $0 | 1 << UInt64($1[0] - 0x40) }
    }

    /// Whether `haystack` holds one of the words with any of its letters in either case: for a
    /// byte `b`, `b | 0x20` is a lower-case letter only when `b` is that letter or its capital.
    func isFound(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = haystack.count
        var i = 0
        while i < n {
            let b = haystack[i] | 0x20
            if b >= 0x61 && b <= 0x7A && (firstLetters >> UInt64(b - 0x40)) & 1 == 1 {
                for w in words where w[0] == b && n - i >= w.count {
                    var k = 1
                    while k < w.count && haystack[i + k] | 0x20 == w[k] { k += 1 }
                    if k == w.count { return true }
                }
            }
            i += 1
        }
        return false
    }
}
