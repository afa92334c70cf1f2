import Foundation
import ScreenerCore

/// Pure tokenizer shared by BM25, criteria preparation and the deriver.
///
/// A token is a run of letters and digits, lower-cased, that may keep an inner `.` between
/// alphanumerics (`node.js`, `asp.net`) and trailing `+`/`#` (`c++`, `c#`). Pure numbers, English
/// stop words and redaction tokens (`[NAME]`, an upper-case word in square brackets) are dropped.
/// Light suffix stripping folds plurals and `-ing`/`-ed` forms: `ies→y`, `(s|x|z|ch|sh)es→…`,
/// `s→` (not `ss`), `ing→` (stem ≥ 4), `ed→` (stem ≥ 4).
public enum TextTokenizer {
    public struct Token: Sendable, Equatable {
        public var term: String
        public var hash: UInt64
        /// Unicode-scalar offsets in the tokenized text.
        public var range: TextRange
    }

    /// Tokens of `text` with their scalar offsets. Works on Unicode scalars with an ASCII fast path;
    /// non-ASCII letters are lower-cased through `Character`.
    public static func tokens(_ text: String, keepStopwords: Bool = false) -> [Token] {
        var out: [Token] = []
        let sc = Array(text.unicodeScalars)
        let n = sc.count
        out.reserveCapacity(n / 6)
        @inline(__always) func isDigit(_ v: UInt32) -> Bool { v >= 48 && v <= 57 }
        @inline(__always) func isAlnum(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            if v < 128 { return isDigit(v) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) }
            return s.properties.isAlphabetic
        }
        var buf: [UInt8] = []
        buf.reserveCapacity(64)
        var i = 0
        while i < n {
            if !isAlnum(sc[i]) { i += 1; continue }
            let start = i
            var allUpper = true, allDigits = true
            buf.removeAll(keepingCapacity: true)
            while i < n {
                let s = sc[i], v = s.value
                if isAlnum(s) {
                    if v < 128 {
                        if v >= 97 && v <= 122 { allUpper = false; allDigits = false; buf.append(UInt8(v)) }
                        else if v >= 65 && v <= 90 { allDigits = false; buf.append(UInt8(v + 32)) }
                        else { buf.append(UInt8(v)) }
                    } else {
                        allDigits = false
                        if s.properties.isLowercase { allUpper = false }
                        buf.append(contentsOf: Array(String(Character(s)).lowercased().utf8))
                    }
                    i += 1
                } else if v == 46, i + 1 < n, isAlnum(sc[i + 1]), i > start {
                    buf.append(46)
                    i += 1
                } else { break }
            }
            while i < n, sc[i] == "+" || sc[i] == "#", i - start < 12 { buf.append(UInt8(sc[i].value)); i += 1 }
            let end = i
            if allDigits { continue }
            if allUpper, start > 0, sc[start - 1] == "[", end < n, sc[end] == "]" { continue }
            if !keepStopwords, stopwordHashes.contains(fnv1a(buf)) { continue }
            stemBytes(&buf)
            out.append(Token(term: String(decoding: buf, as: UTF8.self), hash: fnv1a(buf), range: TextRange(start: start, end: end)))
        }
        return out
    }

    /// Normalized terms only.
    public static func terms(_ text: String) -> [String] { tokens(text).map(\.term) }

    public static func stem(_ w: String) -> String {
        var b = Array(w.utf8)
        stemBytes(&b)
        return String(decoding: b, as: UTF8.self)
    }

    /// The suffix rules of the type comment, on UTF-8 bytes (character counts of ASCII words).
    @inline(__always)
    static func stemBytes(_ w: inout [UInt8]) {
        let c = w.count
        if c <= 3 { return }
        for x in w where (x >= 48 && x <= 57) || x == 43 || x == 35 || x == 46 || x >= 128 { return }
        @inline(__always) func ends(_ suf: StaticString) -> Bool {
            let n = suf.utf8CodeUnitCount
            if n > w.count { return false }
            let p = suf.utf8Start
            for k in 0..<n where w[w.count - n + k] != p[k] { return false }
            return true
        }
        if ends("ies"), c > 4 { w.removeLast(3); w.append(121); return }
        if ends("sses") { w.removeLast(2); return }
        if ends("xes") || ends("zes") || ends("ches") || ends("shes") { w.removeLast(2); return }
        if ends("ing"), c >= 7 { w.removeLast(3); return }
        if ends("ed"), c >= 6 { w.removeLast(2); return }
        if ends("s"), !ends("ss"), !ends("us"), !ends("is") { w.removeLast(); return }
    }

    @inline(__always)
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    static let stopwordHashes: Set<UInt64> = Set(stopwords.map { fnv1a($0) })

    /// Hash of an adjacent token pair (stop words are skipped, so "knowledge of SQL" pairs
    /// `knowledge` with `sql`).
    @inline(__always)
    public static func bigram(_ a: UInt64, _ b: UInt64) -> UInt64 {
        (a &* 0x9E3779B97F4A7C15) ^ (b &+ 0x632BE59BD9B4E019) ^ (a >> 29)
    }

    /// FNV-1a, 64 bit, over the UTF-8 bytes.
    @inline(__always)
    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// English function words (written for this project).
    public static let stopwords: Set<String> = [
        "a", "an", "the", "and", "or", "but", "nor", "of", "to", "in", "on", "at", "by", "for", "with", "from",
        "as", "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "this", "that", "these",
        "those", "there", "their", "they", "them", "we", "our", "us", "you", "your", "i", "me", "my", "mine",
        "he", "she", "him", "her", "his", "hers", "who", "whom", "which", "what", "when", "where", "why", "how",
        "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "not", "only",
        "own", "same", "so", "than", "too", "very", "can", "will", "just", "should", "would", "could", "may",
        "might", "must", "shall", "do", "does", "did", "doing", "have", "has", "had", "having", "into", "over",
        "under", "again", "further", "then", "once", "here", "about", "above", "below", "up", "down", "out",
        "off", "through", "during", "before", "after", "between", "also", "etc", "per", "via", "within",
        "well", "including", "include", "includes", "if", "while", "upon", "across", "along", "among",
        "e.g", "i.e", "eg", "ie", "s", "t", "ll", "ve", "re", "d", "m",
    ]
}
