import Foundation
import ScreenerCore

/// The normalised text split into lines, each with its Unicode-scalar offset into the text.
struct TextLines {
    struct Line {
        /// The line without its newline.
        var text: String
        /// Scalar offset of the line's first character.
        var start: Int
        /// Scalar length of `text`.
        var length: Int
        /// `text` without leading and trailing spaces (computed once).
        var trimmed: String
        var end: Int { start + length }
        var isBlank: Bool { trimmed.isEmpty }

        init(text: String, start: Int, length: Int) {
            self.text = text
            self.start = start
            self.length = length
            var t = Substring(text)
            while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
            while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
            self.trimmed = String(t)
        }
    }

    let text: String
    let lines: [Line]

    init(_ text: String) {
        self.text = text
        var lines: [Line] = []
        var offset = 0
        // Without a CR every LF byte is a `Character` "\n" of its own (a CR LF is one `Character`,
        // not "\n"), so the lines are the byte runs between LFs; their scalars are their
        // non-continuation bytes.
        var t = text
        let split: Bool = t.withUTF8 { u in
            guard !u.contains(0x0D) else { return false }
            var start = 0
            for i in 0...u.count where i == u.count || u[i] == 0x0A {
                let line = UnsafeBufferPointer(rebasing: u[start..<i])
                var n = 0
                for b in line where b & 0xC0 != 0x80 { n += 1 }
                lines.append(Line(text: String(decoding: line, as: UTF8.self), start: offset, length: n))
                offset += n + 1
                start = i + 1
            }
            return true
        }
        if !split {
            for sub in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let n = sub.unicodeScalars.count
                lines.append(Line(text: String(sub), start: offset, length: n))
                offset += n + 1
            }
        }
        self.lines = lines
    }

    /// Range from the start of line `a` to the end of line `b - 1`.
    func range(lines a: Int, _ b: Int) -> TextRange {
        guard a < b, a < lines.count else { return TextRange(start: lines.last?.end ?? 0, end: lines.last?.end ?? 0) }
        return TextRange(start: lines[a].start, end: lines[min(b, lines.count) - 1].end)
    }

    /// Offset range of `sub` inside line `i`, if found.
    func range(of sub: String, inLine i: Int) -> TextRange? {
        let l = lines[i].text
        guard let r = l.range(of: sub) else { return nil }
        let a = l.unicodeScalars.distance(from: l.unicodeScalars.startIndex, to: r.lowerBound)
        return TextRange(start: lines[i].start + a, end: lines[i].start + a + sub.unicodeScalars.count)
    }

    /// The text of a scalar range.
    func slice(_ r: TextRange) -> String {
        let u = text.unicodeScalars
        guard r.start >= 0, r.end <= u.count, r.start <= r.end else { return "" }
        let a = u.index(u.startIndex, offsetBy: r.start)
        let b = u.index(a, offsetBy: r.end - r.start)
        return String(u[a..<b])
    }
}
