import ScreenerCore

/// Whole-word replacements on a text, counted in Unicode scalars, with a map from old offsets to
/// new ones so that `TextRange`s in a `ParsedResume` stay valid after the rewrite.
struct TextRewrite {
    struct Edit { var start: Int; var end: Int; var replacement: [Unicode.Scalar] }

    private(set) var scalars: [Unicode.Scalar]
    private(set) var edits: [Edit] = []

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil || s == "_"
    }

    /// Finds whole-word, case-insensitive occurrences of each key inside `within` (default: the
    /// whole text) and queues their replacement. `replacement` receives the matched text, so case can
    /// be preserved. Longer keys win over shorter ones at the same position. Must be called before
    /// `apply`, never twice over the same span.
    mutating func replaceWords(_ keys: [String], within: Range<Int>? = nil, _ replacement: (String) -> String?) {
        let lowered = keys.sorted { $0.count > $1.count }.map { Array($0.lowercased().unicodeScalars) }
        let span = within ?? 0..<scalars.count
        var i = span.lowerBound
        while i < span.upperBound {
            if i > 0, Self.isWordScalar(scalars[i - 1]) { i += 1; continue }
            var matched = false
            for key in lowered where !key.isEmpty && i + key.count <= span.upperBound {
                var ok = true
                for (j, k) in key.enumerated() where String(scalars[i + j]).lowercased() != String(k) { ok = false; break }
                guard ok else { continue }
                let end = i + key.count
                if end < scalars.count, Self.isWordScalar(scalars[end]) { continue }
                let found = String(String.UnicodeScalarView(scalars[i..<end]))
                if let r = replacement(found), !edits.contains(where: { $0.start < end && i < $0.end }) {
                    edits.append(Edit(start: i, end: end, replacement: Array(r.unicodeScalars)))
                }
                i = end
                matched = true
                break
            }
            if !matched { i += 1 }
        }
    }

    mutating func appendEdit(_ e: Edit) { edits.append(e) }

    /// Queues an insertion at offset 0.
    mutating func insertPrefix(_ s: String) {
        appendEdit(Edit(start: 0, end: 0, replacement: Array(s.unicodeScalars)))
    }

    /// The rewritten text.
    var text: String {
        var out = String.UnicodeScalarView()
        var pos = 0
        for e in edits.sorted(by: { $0.start < $1.start }) {
            out.append(contentsOf: scalars[pos..<e.start])
            out.append(contentsOf: e.replacement)
            pos = e.end
        }
        out.append(contentsOf: scalars[pos...])
        return String(out)
    }

    /// Maps an offset in the old text to the new text: shifted by the length changes of the edits
    /// before it; an offset inside an edit is clamped into its replacement.
    func map(_ offset: Int) -> Int {
        var delta = 0
        for e in edits.sorted(by: { $0.start < $1.start }) {
            if e.end <= offset { delta += e.replacement.count - (e.end - e.start) } else if e.start < offset {
                return e.start + delta + min(offset - e.start, e.replacement.count)
            }
        }
        return offset + delta
    }

    func map(_ r: TextRange) -> TextRange { TextRange(start: map(r.start), end: map(r.end)) }

    /// Applies the rewrite to a resume: text and every range.
    func apply(to resume: ParsedResume) -> ParsedResume {
        guard !edits.isEmpty else { return resume }
        var r = resume
        r.text = text
        r.sections = r.sections.map { var s = $0; s.range = map(s.range); return s }
        r.work = r.work.map { var w = $0; w.range = w.range.map(map); return w }
        r.education = r.education.map { var e = $0; e.range = e.range.map(map); return e }
        r.skills = r.skills.map { var s = $0; s.evidence = s.evidence.map { var ev = $0; ev.range = map(ev.range); return ev }; return s }
        r.flags = r.flags.map { var f = $0; f.range = f.range.map(map); return f }
        return r
    }
}
