/// Byte searches over UTF-8 text, shared by the prefilters that decide whether a slower
/// Foundation or ICU search could match at all (``KeywordPrefilter``, the contact cues, the
/// work-history separators).
enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `haystack`; `nil` for none or an empty
    /// needle. (glibc's `memmem` is a GNU extension that Swift's Glibc module does not export.)
    static func firstIndex(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// Whether `haystack` holds the bytes of `needle`. An empty needle is found.
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        needle.isEmpty || firstIndex(haystack, needle) != nil
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
    /// The words' bytes one after another, grouped by first letter.
    private let flat: [UInt8]
    /// Per word of `flat`, in order: its offset and length.
    private let spans: [(offset: Int, count: Int)]
    /// The words starting with letter `l` (0 = a) are `spans[byFirst[l]..<byFirst[l + 1]]`.
    private let byFirst: [Int]
    /// Bit `m` of `second[l]`: a word starts with letters `l`, `m` (0 = a). Bit `l` of `single`:
    /// the one-letter word `l`.
    private let second: [UInt32]
    private let single: UInt32

    /// `words`: non-empty, lower-case ASCII letters.
    init(_ words: some Sequence<String>) {
        self.words = words.map { Array($0.utf8) }
        precondition(self.words.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } })
        var flat: [UInt8] = [], spans: [(offset: Int, count: Int)] = [], byFirst = [0]
        for l in UInt8(0x61)...UInt8(0x7A) {
            for w in self.words where w[0] == l {
                spans.append((flat.count, w.count))
                flat += w
            }
            byFirst.append(spans.count)
        }
        self.flat = flat
        self.spans = spans
        self.byFirst = byFirst
        var second = [UInt32](repeating: 0, count: 26), single: UInt32 = 0
        for w in self.words {
            if w.count == 1 { single |= 1 << UInt32(w[0] - 0x61) } else { second[Int(w[0] - 0x61)] |= 1 << UInt32(w[1] - 0x61) }
        }
        self.second = second
        self.single = single
    }

    /// Whether `haystack` holds one of the words with any of its letters in either case: for a
    /// byte `b`, `b | 0x20` is a lower-case letter only when `b` is that letter or its capital.
    func isFound(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        flat.withUnsafeBufferPointer { flat in
            spans.withUnsafeBufferPointer { spans in
                byFirst.withUnsafeBufferPointer { byFirst in
                    let n = haystack.count
                    var i = 0
                    while i < n {
                        let b = haystack[i] | 0x20
                        if b >= 0x61 && b <= 0x7A {
                            let l = Int(b - 0x61)
                            if (single >> UInt32(l)) & 1 == 1 { return true }
                            // Only when some word starts with these two letters.
                            guard i + 1 < n else { break }
                            let c = haystack[i + 1] | 0x20
                            guard c >= 0x61 && c <= 0x7A && (second[l] >> UInt32(c - 0x61)) & 1 == 1 else { i += 1; continue }
                            var k = byFirst[l]
                            let end = byFirst[l + 1]
                            while k < end {
                                let (o, len) = spans[k]
                                if n - i >= len {
                                    var j = 1
                                    while j < len && haystack[i + j] | 0x20 == flat[o + j] { j += 1 }
                                    if j == len { return true }
                                }
                                k += 1
                            }
                        }
                        i += 1
                    }
                    return false
                }
            }
        }
    }
}
