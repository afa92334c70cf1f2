import Foundation
import ScreenerCore

/// Splits an experience section into work entries.
///
/// Anchors are lines holding a date range (at most 25 words), or short lines ending in one dated
/// month (``singleDateAtEnd(_:)``). If short non-bullet lines sit
/// directly above the first anchor, entries are laid out "header first" (title/company lines,
/// then dates): each entry takes up to 3 short lines above its anchor (blank lines skipped).
/// Otherwise the anchor opens the entry and up to 2 short lines after it complete the header.
/// Header pieces (the anchor line's text around the dates, and header lines split at " | ",
/// " - ", " – ", ",  ", " at ", wide gaps) are classified as location (``JobTitleLexicon/isLocation``),
/// title (most title words) and employer (company words, else the remaining piece). When
/// neither piece is recognised, the text before the dates on the anchor line is the employer
/// and the text after it the title; for stacked lines the first is the title.
struct WorkHistoryExtractor {
    static let year = CompiledPattern(#"\b(19|20)\d{2}\b"#)
    static let emptyOrPresentParens = CompiledPattern(#"\(\s*(?:now|present)?\s*\)"#, caseInsensitive: true)
    let dates: DateRangeParser

    struct Result {
        var work: [ParsedResume.Work] = []
        var unparsedDateLines = 0
    }

    func isHeaderish(_ s: String) -> Bool {
        let t = s.trimmingCharacters(fast: .whitespaces)
        guard !t.isEmpty else { return false }
        if t.hasPrefix("•") || t.hasPrefix("- ") || t.hasPrefix("* ") || t.hasPrefix("o ") { return false }
        let words = t.wordCount
        if words > 12 { return false }
        if t.hasSuffix(".") && words > 6 { return false }
        return true
    }

    func extract(_ lines: TextLines, from a: Int, to b: Int, firstLineOffset: Int) -> Result {
        var res = Result()
        guard a < b else { return res }
        struct Anchor { var line: Int; var match: DateRangeParser.Match }
        var anchors: [Anchor] = []
        var consumed = Set<Int>()
        for i in a..<b {
            var text = lines.lines[i].text
            if i == a && firstLineOffset > 0 { text = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(firstLineOffset))) }
            let wc = text.wordCount
            guard wc <= 25 else { continue }
            if consumed.contains(i) { continue }
            // Each line's ranges and single dates are found once (the regexes are the cost).
            let ranges = dates.ranges(in: text)
            let singles = ranges.isEmpty ? dates.singleDates(in: text) : nil  // unused when a range is found
            if let (m, next) = rangeSplitAcrossLines(lines, i, b, text, ranges: ranges, singles: singles) {
                anchors.append(Anchor(line: i, match: m))
                consumed.insert(next)
            } else if let m = ranges.first ?? singleDateAtEnd(text, singles: singles) ?? singleDateAtStart(text, singles: singles) {
                var mm = m
                if i == a && firstLineOffset > 0 { mm.range = (m.range.lowerBound + firstLineOffset)..<(m.range.upperBound + firstLineOffset) }
                anchors.append(Anchor(line: i, match: mm))
            } else if wc <= 8, TextNormalizer.containsBytes(text.utf8, 0x31, 0x39) || TextNormalizer.containsBytes(text.utf8, 0x32, 0x30),
                      Self.year.matches(text) && isHeaderish(text) {
                res.unparsedDateLines += 1
            }
        }
        guard !anchors.isEmpty else {
            res.work = undatedEntries(lines, from: a, to: b, firstLineOffset: firstLineOffset)
            return res
        }
        // Layout.
        var headerFirst = false
        if let first = anchors.first {
            var j = first.line - 1
            while j >= a && lines.lines[j].isBlank { j -= 1 }
            if j >= a && isHeaderish(lines.lines[j].text) && dates.ranges(in: lines.lines[j].text).isEmpty {
                let anchorText = lines.lines[first.line].text
                let rest = remainder(anchorText, first.match.range)
                // An anchor line that carries its own title and employer does not need lines above.
                headerFirst = rest.filter { $0.contains(where: isLetterFast) }.count < 2 || j == first.line - 1 && JobTitleLexicon.titleScore(lines.lines[j].text) > 0
            }
        }
        var starts: [Int] = []
        var headerLines: [[Int]] = []
        for (k, an) in anchors.enumerated() {
            var hdr: [Int] = []
            let lowerLimit = k == 0 ? a : anchors[k - 1].line + 1
            if headerFirst {
                var j = an.line - 1
                while j >= lowerLimit && hdr.count < 3 {
                    if lines.lines[j].isBlank { j -= 1; continue }
                    if !isHeaderish(lines.lines[j].text) { break }
                    hdr.insert(j, at: 0)
                    j -= 1
                }
                starts.append(hdr.first ?? an.line)
            } else {
                var j = an.line + 1
                let upper = k + 1 < anchors.count ? anchors[k + 1].line : b
                while j < upper && hdr.count < 2 {
                    if lines.lines[j].isBlank { j += 1; continue }
                    if !isHeaderish(lines.lines[j].text) { break }
                    let t = lines.lines[j].trimmed
                    // Stop at the first description-like line.
                    if t.wordCount > 8 && JobTitleLexicon.titleScore(t) == 0 && !JobTitleLexicon.isLocation(t) { break }
                    hdr.append(j)
                    j += 1
                }
                starts.append(an.line)
            }
            headerLines.append(hdr)
        }
        for (k, an) in anchors.enumerated() {
            let start = starts[k]
            let end = k + 1 < anchors.count ? starts[k + 1] : b
            guard end > start else { continue }
            var w = ParsedResume.Work(startDate: an.match.start, endDate: an.match.end, isCurrent: an.match.isCurrent)
            let anchorText = lines.lines[an.line].text
            let around = remainder(anchorText, an.match.range)
            var pieces: [(String, Int)] = []       // (text, order hint: 0 before dates, 1 after, 2+ header lines)
            for (idx, p) in around.enumerated() where !p.isEmpty { pieces += split(p).map { ($0, idx) } }
            for (n, h) in headerLines[k].enumerated() { pieces += split(lines.lines[h].trimmed).map { ($0, 2 + n) } }
            assign(pieces, to: &w, headerFirst: headerFirst)
            // Description: the lines of the entry that are not header lines or the anchor.
            let used = Set(headerLines[k] + [an.line]).union(consumed)
            var desc: [String] = []
            var highlights: [String] = []
            for i in start..<end where !used.contains(i) {
                let t = lines.lines[i].trimmed
                guard !t.isEmpty else { continue }
                if t.hasPrefix("•") || t.hasPrefix("- ") || t.hasPrefix("* ") {
                    highlights.append(t.drop(while: { "•-* ".contains($0) }).trimmingCharacters(fast: .whitespaces))
                }
                desc.append(t)
            }
            w.summary = desc.isEmpty ? nil : desc.joined(separator: "\n")
            w.highlights = highlights
            w.range = lines.range(lines: start, end)
            res.work.append(w)
        }
        return res
    }

    /// A short header line ending in one date with a month or season ("Fabrikam Corp   Summer
    /// 2014") is a one-month entry: start = end = that date.
    func singleDateAtEnd(_ text: String, singles: [(range: Range<Int>, date: ParsedResume.PartialDate)]? = nil) -> DateRangeParser.Match? {
        let t = text.trimmingCharacters(fast: .whitespaces)
        guard isHeaderish(t), t.wordCount <= 12, let d = (singles ?? dates.singleDates(in: text)).last, d.date.month != nil else { return nil }
        let tail = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(d.range.upperBound))).trimmingCharacters(fast: FastTrimSet(charactersIn: " .,)"))
        let head = String(String.UnicodeScalarView(text.unicodeScalars.prefix(d.range.lowerBound)))
        guard tail.isEmpty, head.contains(where: isLetterFast) else { return nil }
        return .init(range: d.range, start: d.date, end: d.date, isCurrent: false)
    }

    /// A start date at the beginning of a line whose end sits alone on the next non-blank line
    /// ("August 2012  Senior System Analyst" / "December 2017", or / "currently working"), as
    /// table cells often come out. Returns the match (range: the start date) and the end line.
    func rangeSplitAcrossLines(_ lines: TextLines, _ i: Int, _ b: Int, _ text: String, ranges: [DateRangeParser.Match]? = nil,
                               singles: [(range: Range<Int>, date: ParsedResume.PartialDate)]? = nil) -> (DateRangeParser.Match, Int)? {
        guard (ranges ?? dates.ranges(in: text)).isEmpty, let first = (singles ?? dates.singleDates(in: text)).first, first.range.lowerBound <= 2 else { return nil }
        var j = i + 1
        while j < b && lines.lines[j].isBlank { j += 1 }
        guard j < b else { return nil }
        let next = lines.lines[j].trimmed.trimmingCharacters(fast: FastTrimSet(charactersIn: "-–— ."))
        guard next.wordCount <= 3, !next.isEmpty else { return nil }
        let lowered = next.lowercased()
        if ["currently working", "present", "current", "till date", "till now", "to date", "now", "today", "ongoing", "currently"].contains(lowered) || dates.isPresentWord(lowered) {
            return (.init(range: first.range, start: first.date, end: nil, isCurrent: true), j)
        }
        guard let end = dates.singleDates(in: next).first, end.range.lowerBound == 0, end.range.upperBound == next.unicodeScalars.count, end.date >= first.date else { return nil }
        return (.init(range: first.range, start: first.date, end: end.date, isCurrent: false), j)
    }

    /// A line that opens with one date followed by a job header ("2019  Java Developer at Eltex"):
    /// start = end = that date.
    func singleDateAtStart(_ text: String, singles: [(range: Range<Int>, date: ParsedResume.PartialDate)]? = nil) -> DateRangeParser.Match? {
        let t = text.trimmingCharacters(fast: .whitespaces)
        guard t.wordCount <= 16, let d = (singles ?? dates.singleDates(in: text)).first else { return nil }
        let lead = String(String.UnicodeScalarView(text.unicodeScalars.prefix(d.range.lowerBound))).trimmingCharacters(fast: .whitespaces)
        let rest = String(String.UnicodeScalarView(text.unicodeScalars.dropFirst(d.range.upperBound)))
        guard lead.isEmpty, rest.hasPrefix("  ") || rest.hasPrefix(" |") || rest.hasPrefix(" -") || rest.hasPrefix(" –") || rest.hasPrefix(":") else { return nil }
        guard JobTitleLexicon.titleScore(rest) > 0 || JobTitleLexicon.companyScore(rest) > 0 else { return nil }
        return .init(range: d.range, start: d.date, end: d.date, isCurrent: false)
    }

    /// Fallback for an experience section without any dates: each short non-bullet line with a
    /// job-title word ("Tanndu  Full Stack Developer") opens an undated entry.
    func undatedEntries(_ lines: TextLines, from a: Int, to b: Int, firstLineOffset: Int) -> [ParsedResume.Work] {
        var starts: [Int] = []
        for i in a..<b {
            let t = i == a && firstLineOffset > 0 ? String(String.UnicodeScalarView(lines.lines[i].text.unicodeScalars.dropFirst(firstLineOffset))) : lines.lines[i].text
            let trimmed = t.trimmingCharacters(fast: .whitespaces)
            guard isHeaderish(trimmed), trimmed.wordCount <= 10, !trimmed.hasSuffix(";"), !trimmed.hasSuffix("."),
                  JobTitleLexicon.titleScore(trimmed) > 0, !trimmed.lowercased().hasPrefix("experience") else { continue }
            starts.append(i)
        }
        var out: [ParsedResume.Work] = []
        for (k, s) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1] : b
            var w = ParsedResume.Work()
            let raw = s == a && firstLineOffset > 0 ? String(String.UnicodeScalarView(lines.lines[s].text.unicodeScalars.dropFirst(firstLineOffset))) : lines.lines[s].text
            let cleaned = Self.emptyOrPresentParens.replacingMatches(in: raw)
            assign(split(cleaned.trimmingCharacters(fast: .whitespaces)).map { ($0, 2) }, to: &w, headerFirst: true)
            let desc = ((s + 1)..<end).map { lines.lines[$0].trimmed }.filter { !$0.isEmpty }
            w.summary = desc.isEmpty ? nil : desc.joined(separator: "\n")
            w.range = lines.range(lines: s, end)
            out.append(w)
        }
        return out
    }

    /// The text before and after the date range on the anchor line.
    func remainder(_ line: String, _ r: Range<Int>) -> [String] {
        let u = Array(line.unicodeScalars)
        let lo = min(r.lowerBound, u.count), hi = min(r.upperBound, u.count)
        let trim = FastTrimSet(charactersIn: " ,|–—-:()[]•\t")
        let before = String(String.UnicodeScalarView(u[0..<lo])).trimmingCharacters(fast: trim)
        let after = String(String.UnicodeScalarView(u[hi...])).trimmingCharacters(fast: trim)
        return [before, after]
    }

    func split(_ s: String) -> [String] {
        var parts = [s]
        for sep in ["   ", " | ", " – ", " — ", " - ", "\t", " at ", " @ ", ";"] where Self.mayHold(s, sep) {
            parts = parts.flatMap { $0.components(separatedBy: sep) }
        }
        // "Acme Corp, Austin, TX": keep "City, ST" together but split off the rest.
        parts = parts.flatMap { p -> [String] in
            guard Self.mayHold(p, ", ") else { return [p] }
            let c = p.components(separatedBy: ", ")
            if c.count >= 3, JobTitleLexicon.isLocation(c.suffix(2).joined(separator: ", ")) {
                return [c.dropLast(2).joined(separator: ", "), c.suffix(2).joined(separator: ", ")]
            }
            if c.count >= 2, !JobTitleLexicon.isLocation(p),
               c.contains(where: { JobTitleLexicon.titleScore($0) > 0 || JobTitleLexicon.companyScore($0) > 0 }) {
                return c
            }
            return [p]
        }
        return parts.map { $0.trimmingCharacters(fast: FastTrimSet(charactersIn: " ,|–—-:•")) }.filter { $0.contains(where: isLetterFast) && $0.count <= 120 }
    }

    /// False only when `s.components(separatedBy: sep)` is `[s]`: `s` lacks the separator's
    /// UTF-8 bytes. Foundation matches whole Characters canonically equal to the separator's;
    /// of the separators used here only ";" has another such Character (U+037E, Greek question
    /// mark), which answers true as well.
    static func mayHold(_ s: String, _ sep: String) -> Bool {
        if sep == ";" { return s.utf8.contains(0x3B) || TextNormalizer.containsBytes(s.utf8, 0xCD, 0xBE) }
        return ByteSearch.contains(s, Array(sep.utf8))
    }

    func assign(_ pieces: [(String, Int)], to w: inout ParsedResume.Work, headerFirst: Bool) {
        var rest = pieces
        if let i = rest.firstIndex(where: { JobTitleLexicon.isLocation($0.0) }) {
            w.location = rest[i].0
            rest.remove(at: i)
        }
        // Each piece's title and company scores, computed once (they are pure).
        var scores = rest.map { (title: JobTitleLexicon.titleScore($0.0), company: JobTitleLexicon.companyScore($0.0)) }
        let titleIdx = rest.indices.max(by: { scores[$0].title - scores[$0].company < scores[$1].title - scores[$1].company })
        if let t = titleIdx, scores[t].title > scores[t].company {
            w.position = rest[t].0
            rest.remove(at: t)
            scores.remove(at: t)
        }
        if let c = rest.indices.max(by: { scores[$0].company < scores[$1].company }), scores[c].company > 0 {
            w.name = rest[c].0
            rest.remove(at: c)
        }
        rest.sort { $0.1 < $1.1 }
        if w.position == nil, w.name == nil, rest.count >= 2 {
            if rest[0].1 == 0 && rest[1].1 == 1 { w.name = rest[0].0; w.position = rest[1].0 }
            else { w.position = rest[0].0; w.name = rest[1].0 }
            rest.removeFirst(2)
        }
        if w.name == nil, let f = rest.first { w.name = f.0; rest.removeFirst() }
        if w.position == nil, let f = rest.first { w.position = f.0; rest.removeFirst() }
        if w.location == nil, let f = rest.first, f.0.count <= 40,
           f.0.contains(",") || (f.0.wordCount <= 3 && f.0.split(separator: " ").allSatisfy { $0.first?.isUppercase == true } && !f.0.contains(where: isNumberFast)) {
            w.location = f.0
        }
    }
}
