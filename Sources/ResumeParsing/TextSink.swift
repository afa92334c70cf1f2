import Foundation

/// Collects visible lines and hidden runs while an extractor walks a document tree.
struct TextSink {
    var lines: [String] = []
    var line = ""
    var hidden: [String] = []
    var hiddenRun = ""

    mutating func append(_ s: String, hidden isHidden: Bool) {
        if isHidden {
            hiddenRun += s
        } else {
            flushHidden()
            line += s
        }
    }

    mutating func newline() {
        flushHidden()
        let t = line.trimmingCharacters(fast: .whitespaces)
        lines.append(t)
        line = ""
    }

    mutating func flushHidden() {
        let t = hiddenRun.trimmingCharacters(fast: .whitespacesAndNewlines)
        if !t.isEmpty { hidden.append(t) }
        hiddenRun = ""
    }

    /// Ends the current line if it holds text.
    mutating func endLine() {
        if !line.trimmingCharacters(fast: .whitespaces).isEmpty { newline() } else { line = ""; flushHidden() }
    }

    /// The visible text with runs of blank lines collapsed to one.
    mutating func finish() -> (String, [String]) {
        endLine()
        flushHidden()
        var out: [String] = []
        for l in lines {
            if l.isEmpty && (out.last?.isEmpty ?? true) { continue }
            out.append(l)
        }
        while out.last?.isEmpty == true { out.removeLast() }
        return (out.joined(separator: "\n"), hidden)
    }
}

/// Colour helpers shared by the DOCX, ODT, HTML and RTF extractors.
enum ColorRule {
    /// True for white or near-white (every channel ≥ 230 of 255), given `#rgb`, `#rrggbb`,
    /// `rrggbb`, `rgb(r,g,b)` or the names white/snow/ivory.
    static func isNearWhite(_ raw: String) -> Bool {
        var s = raw.trimmingCharacters(fast: .whitespaces).lowercased()
        if ["white", "snow", "ivory", "#fff", "fff"].contains(s) { return true }
        if s.hasPrefix("rgb") {
            let nums = s.split(whereSeparator: { !isNumberFast($0) }).compactMap { Int($0) }
            return nums.count >= 3 && nums.prefix(3).allSatisfy { $0 >= 230 }
        }
        if s.hasPrefix("#") { s.removeFirst() }
        if s.count == 3 { s = s.map { "\($0)\($0)" }.joined() }
        guard s.count == 6, let v = Int(s, radix: 16) else { return false }
        return (v >> 16) & 0xFF >= 230 && (v >> 8) & 0xFF >= 230 && v & 0xFF >= 230
    }
}
