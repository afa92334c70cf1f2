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

    /// Whether `haystack` holds `word` (lower-case ASCII letters) with any of its letters in either
    /// case. For a lower-case ASCII letter `l`, `b | 0x20 == l` holds only for `l` and its capital.
    static func containsIgnoringASCIICase(_ haystack: UnsafeBufferPointer<UInt8>, lowercaseWord word: [UInt8]) -> Bool {
        guard let first = word.first, haystack.count >= word.count else { return word.isEmpty }
        var i = 0
        while i <= haystack.count - word.count {
            if haystack[i] | 0x20 == first {
                var k = 1
                while k < word.count && haystack[i + k] | 0x20 == word[k] { k += 1 }
                if k == word.count { return true }
            }
            i += 1
        }
        return false
    }
}
