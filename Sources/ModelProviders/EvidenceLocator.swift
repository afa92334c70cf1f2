import Foundation
import ScreenerCore

/// Finds a model's evidence quote in the redacted text and returns its Unicode-scalar offsets.
///
/// Matching: first the exact scalars; failing that, a relaxed match in which both sides are
/// lower-cased scalar by scalar and every run of whitespace counts as one space (models reflow
/// line breaks). Leading and trailing whitespace and quote marks of the quote are ignored. The
/// returned `Evidence.quote` is always the slice of the redacted text itself, never the model's
/// wording. A quote shorter than `minimumLength` scalars after trimming is not evidence.
public struct EvidenceLocator: Sendable {
    public let text: String
    public let sections: [ParsedResume.Section]
    public var minimumLength = 3
    private let scalars: [Unicode.Scalar]
    /// Relaxed form of the text and, for each of its scalars, the offset in `scalars`.
    private let folded: [Unicode.Scalar]
    private let foldedOrigin: [Int]

    public init(text: String, sections: [ParsedResume.Section] = []) {
        self.text = text
        self.sections = sections
        let sc = Array(text.unicodeScalars)
        scalars = sc
        var f: [Unicode.Scalar] = [], o: [Int] = []
        var lastSpace = false
        for (i, s) in sc.enumerated() {
            if s.properties.isWhitespace {
                if !lastSpace { f.append(" "); o.append(i) }
                lastSpace = true
            } else {
                f.append(Self.fold(s)); o.append(i)
                lastSpace = false
            }
        }
        folded = f
        foldedOrigin = o
    }

    static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let l = s.properties.lowercaseMapping.unicodeScalars
        return l.count == 1 ? l.first! : s
    }

    static func trim(_ q: String) -> [Unicode.Scalar] {
        var a = Array(q.unicodeScalars)
        let junk: Set<Unicode.Scalar> = ["\"", "'", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "…"]
        while let f = a.first, f.properties.isWhitespace || junk.contains(f) { a.removeFirst() }
        while let l = a.last, l.properties.isWhitespace || junk.contains(l) { a.removeLast() }
        return a
    }

    /// The evidence for `quote`, or nil when it does not occur in the text.
    public func locate(_ quote: String) -> Score.Evidence? {
        let q = Self.trim(quote)
        guard q.count >= minimumLength else { return nil }
        if let start = Self.find(q, in: scalars) {
            return evidence(start, start + q.count)
        }
        var fq: [Unicode.Scalar] = []
        for s in q {
            if s.properties.isWhitespace { if fq.last != " " { fq.append(" ") } } else { fq.append(Self.fold(s)) }
        }
        guard let fs = Self.find(fq, in: folded) else { return nil }
        return evidence(foldedOrigin[fs], foldedOrigin[fs + fq.count - 1] + 1)
    }

    private func evidence(_ start: Int, _ end: Int) -> Score.Evidence {
        let section = sections.first { $0.range.start <= start && start < $0.range.end }?.kind
        return Score.Evidence(quote: String(String.UnicodeScalarView(scalars[start..<end])),
                              range: TextRange(start: start, end: end), section: section)
    }

    /// First index of `needle` in `hay` (naive search; quotes are short and texts a few pages).
    static func find(_ needle: [Unicode.Scalar], in hay: [Unicode.Scalar]) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        let first = needle[0]
        var i = 0
        let last = hay.count - needle.count
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
