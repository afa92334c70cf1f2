/// A hand-written matcher for ``DateRangeParser``'s three regexes (range, "since", single date),
/// with ICU's answers on the text it accepts.
///
/// It is a backtracking matcher in continuation-passing style: each piece of the pattern offers
/// its possible ends in ICU's order of preference (alternatives left to right; greedy `*`, `+`,
/// `?`, `{m,n}` longest first) to the rest of the pattern, and the first end for which the
/// rest matches wins, as in ICU. Matches are found left to right without overlap, the next
/// search starting where the last match ended, as `NSRegularExpression.matches(in:range:)` does.
///
/// It accepts a text only when every scalar's meaning for the pattern is known exactly
/// (``DateRangeParser/ScanText/init(_:)``): ASCII (tab, LF and CR the only controls), Latin-1
/// letters other than ß (case-insensitive matching folds À–Þ to à–þ, as ICU's case folding
/// does), and whitespace, punctuation, arrows, box drawing, shapes, dingbats and private-use
/// scalars that are neither letters, digits nor word characters and have no case. For any
/// other scalar (Ω, ß, combining marks, format characters, non-ASCII digits…) the caller uses
/// the regex.
///
/// ICU semantics used: `\s` = White_Space; `\d` = decimal digits (only ASCII ones get here);
/// `\p{L}` = letters; `\b` = a change between word (`\w`: letters, digits, `_`) and non-word
/// characters on either side (the text's ends are non-word; combining and format characters,
/// which ICU skips, do not get here).
extension DateRangeParser {
    /// A line's scalars, or nil when one of them is outside the set the matcher models.
    struct ScanText {
        let u: [UInt32]

        init?(_ s: String) {
            var out: [UInt32] = []
            out.reserveCapacity(s.utf8.count)
            for sc in s.unicodeScalars {
                let v = sc.value
                guard v < 0x80 ? (v >= 0x20 && v != 0x7F) || v == 0x09 || v == 0x0A || v == 0x0D : Self.modelled(v) else { return nil }
                out.append(v)
            }
            u = out
        }

        /// Non-ASCII scalars whose class (letter, space, other) and case folding are known.
        static func modelled(_ v: UInt32) -> Bool {
            switch v {
            case 0xA0, 0xA1...0xA9, 0xAB, 0xAC, 0xAE...0xB1, 0xB4, 0xB6...0xB8, 0xBB, 0xBF: return true
            case 0xC0...0xDE, 0xE0...0xFF: return true     // letters (× ÷ as other); not ß
            case 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true   // spaces
            case 0x2010...0x2027, 0x2030...0x203E, 0x2041...0x2053, 0x2055...0x205E: return true
            case 0x2190...0x21FF, 0x2500...0x25FF, 0x2700...0x2775, 0x2794...0x27BF, 0xE000...0xF8FF: return true
            default: return false
            }
        }

        var count: Int { u.count }

        /// The scalar at `i`, folded (ASCII and Latin-1 capitals to small letters); 0 outside the text.
        @inline(__always) func f(_ i: Int) -> UInt32 {
            guard i >= 0 && i < u.count else { return 0 }
            let v = u[i]
            if v >= 0x41 && v <= 0x5A { return v | 0x20 }
            if v >= 0xC0 && v <= 0xDE && v != 0xD7 { return v + 0x20 }
            return v
        }

        @inline(__always) func isDigit(_ i: Int) -> Bool { let v = f(i); return v >= 0x30 && v <= 0x39 }
        @inline(__always) func digit(_ i: Int) -> Int { Int(f(i)) - 0x30 }
        @inline(__always) func isLetter(_ i: Int) -> Bool {
            let v = f(i)
            return (v >= 0x61 && v <= 0x7A) || (v >= 0xE0 && v <= 0xFF && v != 0xF7)
        }
        @inline(__always) func isWord(_ i: Int) -> Bool { isLetter(i) || isDigit(i) || f(i) == 0x5F }
        @inline(__always) func isSpace(_ i: Int) -> Bool {
            switch f(i) {
            case 0x09, 0x0A, 0x0D, 0x20, 0xA0, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
            default: return false
            }
        }
        @inline(__always) func isQuote(_ i: Int) -> Bool { let v = f(i); return v == 0x27 || v == 0x2019 }
        /// `\b` at `i`.
        @inline(__always) func boundary(_ i: Int) -> Bool { isWord(i - 1) != isWord(i) }
        /// Length of the run from `i` of scalars satisfying `p`.
        @inline(__always) func run(_ i: Int, _ p: (Int) -> Bool) -> Int {
            var j = i
            while j < u.count && p(j) { j += 1 }
            return j - i
        }
        /// Whether `word` (folded scalars) is at `i`.
        @inline(__always) func has(_ word: [UInt32], at i: Int) -> Bool {
            guard i + word.count <= u.count else { return false }
            for k in 0..<word.count where f(i + k) != word[k] { return false }
            return true
        }

        func string(_ r: Range<Int>) -> String {
            var v = String.UnicodeScalarView()
            for x in u[r] { v.append(Unicode.Scalar(x)!) }
            return String(v)
        }
    }

    /// The pattern's word lists as folded scalars, in the regexes' order of alternatives.
    struct ScanWords: Sendable {
        /// Month names by first scalar (< 0x100), each list longest first as in the regex.
        let monthsByFirst: [[[UInt32]]]
        let present: [[UInt32]]
        static let seasons = ["spring", "summer", "fall", "autumn", "winter"].map(scalars)
        static let ordinals = ["st", "nd", "rd", "th"].map(scalars)
        static let separatorWords = ["to", "until", "till", "through", "thru", "bis", "à", "au", "a", "al", "hasta", "ao", "tot"].map(scalars)
        static let sinceWords = ["since", "depuis", "seit", "desde", "dal", "sinds"].map(scalars)

        static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

        init(months: [String], present: [String]) {
            var by = [[[UInt32]]](repeating: [], count: 256)
            for m in months { let w = Self.scalars(m); by[Int(w[0])].append(w) }
            monthsByFirst = by
            self.present = present.map(Self.scalars)
        }
    }

    /// One regex match: the whole match and group 1 (and group 2 for ranges), in scalars.
    struct ScanMatch: Equatable {
        var whole: Range<Int>
        var first: Range<Int>
        var second: Range<Int>?
    }

    /// The matcher over one text.
    struct Scanner {
        let t: ScanText
        let w: ScanWords
        typealias K = (Int) -> Bool

        // MARK: Pattern pieces

        /// `(?:19|20)\d{2}`
        @inline(__always) func year4(_ i: Int) -> Bool {
            let a = t.f(i), b = t.f(i + 1)
            return ((a == 0x31 && b == 0x39) || (a == 0x32 && b == 0x30)) && t.isDigit(i + 2) && t.isDigit(i + 3)
        }

        /// `(?:0?[1-9]|1[0-2])`
        func monthNumber(_ i: Int, _ k: K) -> Bool {
            let a = t.f(i), b = t.f(i + 1)
            if a == 0x30 && b >= 0x31 && b <= 0x39 && k(i + 2) { return true }
            if a >= 0x31 && a <= 0x39 && k(i + 1) { return true }
            return a == 0x31 && b >= 0x30 && b <= 0x32 && k(i + 2)
        }

        /// `(?<![\d/.])` before `i`.
        @inline(__always) func notAfterDigitSlashDot(_ i: Int) -> Bool {
            let v = t.f(i - 1)
            return !(t.isDigit(i - 1) || v == 0x2F || v == 0x2E)
        }

        /// Greedy `X*` (or `X+` with `min` 1) of single scalars.
        @inline(__always) func star(_ i: Int, min: Int = 0, _ p: (Int) -> Bool, _ k: K) -> Bool {
            var n = t.run(i, p)
            while n >= min {
                if k(i + n) { return true }
                n -= 1
            }
            return false
        }

        /// Month name then `\.?`.
        func monthName(_ i: Int, _ k: K) -> Bool {
            let c = t.f(i)
            guard c < 0x100 else { return false }
            for m in w.monthsByFirst[Int(c)] where t.has(m, at: i) {
                let e = i + m.count
                if t.f(e) == 0x2E && k(e + 1) { return true }
                if k(e) { return true }
            }
            return false
        }

        /// `(?:\d{1,2}(?:st|nd|rd|th)?\s+)?MON[\s,.\-/]*(?:YEAR4|['’]\d{2}|\d{2}(?![\d:]))`
        func t1(_ i: Int, _ k: K) -> Bool {
            func afterMonth(_ e: Int) -> Bool {
                star(e, { let v = t.f($0); return t.isSpace($0) || v == 0x2C || v == 0x2E || v == 0x2D || v == 0x2F }) { r in
                    if year4(r) && k(r + 4) { return true }
                    if t.isQuote(r) && t.isDigit(r + 1) && t.isDigit(r + 2) && k(r + 3) { return true }
                    if t.isDigit(r) && t.isDigit(r + 1) && !(t.isDigit(r + 2) || t.f(r + 2) == 0x3A) && k(r + 2) { return true }
                    return false
                }
            }
            if t.isDigit(i) {
                var d = t.isDigit(i + 1) ? 2 : 1
                while d >= 1 {
                    let q = i + d
                    if let o = ScanWords.ordinals.first(where: { t.has($0, at: q) }),
                       star(q + o.count, min: 1, t.isSpace, { monthName($0, afterMonth) }) { return true }
                    if star(q, min: 1, t.isSpace, { monthName($0, afterMonth) }) { return true }
                    d -= 1
                }
            }
            return monthName(i, afterMonth)
        }

        /// `(?:spring|summer|fall|autumn|winter)\s+(?:YEAR4|['’]\d{2})`
        func t2(_ i: Int, _ k: K) -> Bool {
            guard let s = ScanWords.seasons.first(where: { t.has($0, at: i) }) else { return false }
            return star(i + s.count, min: 1, t.isSpace) { r in
                if year4(r) && k(r + 4) { return true }
                return t.isQuote(r) && t.isDigit(r + 1) && t.isDigit(r + 2) && k(r + 3)
            }
        }

        /// The token: the eight alternatives of the regex, in order.
        func token(_ i: Int, _ k: K) -> Bool {
            let c = t.f(i)
            if t.isDigit(i) {
                if t1(i, k) { return true }
                let lb = notAfterDigitSlashDot(i)
                // (?<![\d/.])(?:0?[1-9]|1[0-2])[/.\-](?:YEAR4)(?![\d])
                if lb && monthNumber(i, { e in
                    let v = t.f(e)
                    return (v == 0x2F || v == 0x2E || v == 0x2D) && year4(e + 1) && !t.isDigit(e + 5) && k(e + 5)
                }) { return true }
                // (?<![\d/.])YEAR4[/.\-](?:0?[1-9]|1[0-2])(?![\d/.\-])
                if lb && year4(i) {
                    let v = t.f(i + 4)
                    if (v == 0x2F || v == 0x2E || v == 0x2D) && monthNumber(i + 5, { e in
                        let x = t.f(e)
                        return !(t.isDigit(e) || x == 0x2F || x == 0x2E || x == 0x2D) && k(e)
                    }) { return true }
                }
                // (?<![\d/.])(?:0?[1-9]|1[0-2])/\d{2}(?![\d/])
                if lb && monthNumber(i, { e in
                    t.f(e) == 0x2F && t.isDigit(e + 1) && t.isDigit(e + 2) && !(t.isDigit(e + 3) || t.f(e + 3) == 0x2F) && k(e + 3)
                }) { return true }
                // (?<![\d/.])(?:\d{1,2}[/.])(?:0?[1-9]|1[0-2])[/.](?:YEAR4)(?![\d])
                if lb {
                    var d = t.isDigit(i + 1) ? 2 : 1
                    while d >= 1 {
                        let v = t.f(i + d)
                        if (v == 0x2F || v == 0x2E) && monthNumber(i + d + 1, { e in
                            let x = t.f(e)
                            return (x == 0x2F || x == 0x2E) && year4(e + 1) && !t.isDigit(e + 5) && k(e + 5)
                        }) { return true }
                        d -= 1
                    }
                }
                // (?<![\d/.])YEAR4(?![\d])
                return lb && year4(i) && !t.isDigit(i + 4) && k(i + 4)
            }
            if t.isQuote(i) {
                // ['’]\d{2}(?![\d])
                return t.isDigit(i + 1) && t.isDigit(i + 2) && !t.isDigit(i + 3) && k(i + 3)
            }
            guard c < 0x80, t.isLetter(i) else { return false }
            return t1(i, k) || t2(i, k)
        }

        /// `\s*(?:-{1,2}|–|—|‐|‑|~|→|->|\bto\b|…|\btot\b)\s*`
        func separator(_ i: Int, _ k: K) -> Bool {
            func after(_ e: Int) -> Bool { star(e, t.isSpace, k) }
            return star(i, t.isSpace) { p in
                let c = t.f(p)
                if c == 0x2D {
                    if t.f(p + 1) == 0x2D && after(p + 2) { return true }
                    if after(p + 1) { return true }
                }
                if (c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011 || c == 0x7E || c == 0x2192) && after(p + 1) { return true }
                if c == 0x2D && t.f(p + 1) == 0x3E && after(p + 2) { return true }
                guard t.isLetter(p), t.boundary(p) else { return false }
                for sw in ScanWords.separatorWords where t.has(sw, at: p) && t.boundary(p + sw.count) {
                    if after(p + sw.count) { return true }
                }
                return false
            }
        }

        // MARK: The three regexes

        /// `(?<![\p{L}\d])(TOKEN)SEP(TOKEN|(?:PRESENT)(?![\p{L}]))` at `i`.
        func range(at i: Int) -> ScanMatch? {
            guard !(t.isLetter(i - 1) || t.isDigit(i - 1)) else { return nil }
            var found: ScanMatch?
            _ = token(i) { e1 in
                separator(e1) { s2 in
                    if token(s2, { e2 in found = ScanMatch(whole: i..<e2, first: i..<e1, second: s2..<e2); return true }) { return true }
                    for p in w.present where t.has(p, at: s2) && !t.isLetter(s2 + p.count) {
                        found = ScanMatch(whole: i..<(s2 + p.count), first: i..<e1, second: s2..<(s2 + p.count))
                        return true
                    }
                    return false
                }
            }
            return found
        }

        /// `\b(?:since|depuis|seit|desde|dal|sinds)\s+(TOKEN)` at `i`.
        func since(at i: Int) -> ScanMatch? {
            guard t.isLetter(i), t.boundary(i) else { return nil }
            var found: ScanMatch?
            for sw in ScanWords.sinceWords where t.has(sw, at: i) {
                if star(i + sw.count, min: 1, t.isSpace, { s in
                    token(s) { e in found = ScanMatch(whole: i..<e, first: s..<e); return true }
                }) { break }
            }
            return found
        }

        /// `(?<![\p{L}\d])(TOKEN)(?![\p{L}\d])` at `i`.
        func single(at i: Int) -> ScanMatch? {
            guard !(t.isLetter(i - 1) || t.isDigit(i - 1)) else { return nil }
            var found: ScanMatch?
            _ = token(i) { e in
                guard !(t.isLetter(e) || t.isDigit(e)) else { return false }
                found = ScanMatch(whole: i..<e, first: i..<e)
                return true
            }
            return found
        }

        /// Every match of `one`, left to right, without overlap.
        func all(_ one: (Int) -> ScanMatch?) -> [ScanMatch] {
            var out: [ScanMatch] = []
            var i = 0
            while i < t.count {
                if let m = one(i) {
                    out.append(m)
                    i = max(m.whole.upperBound, i + 1)
                } else {
                    i += 1
                }
            }
            return out
        }
    }
}
