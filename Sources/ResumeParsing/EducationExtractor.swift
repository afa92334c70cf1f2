import Foundation
import ScreenerCore

/// Splits an education section into entries. A line opens a new entry when it names a degree
/// (``DegreeClassifier``) or an institution ("University", "College", "Institute", "School",
/// "Academy", "Polytechnic", "Universität", "Université", "Universidad"…) and the current entry
/// already has one. The area is the text after "in"/"of" following the degree ("B.Sc. in
/// Physics"); dates are the last date or range in the entry (the end date is the graduation date);
/// a GPA/CGPA/percentage is the score.
struct EducationExtractor {
    let dates: DateRangeParser
    /// Every institution match holds one of these ("école" holds "cole").
    static let institutionWords = KeywordPrefilter(["universi", "college", "institut", "school", "academy", "polytechnic", "hochschule",
                                                    "escuela", "faculty", "conservatory", "seminary", "iit", "nit", "bits", "cole"])
    /// The score regex's first branch needs one of these words, its second a "%".
    static let scoreWords = KeywordPrefilter(["gpa", "grade", "percentage", "score"])
    /// The first branch's shape: the word, white space, an optional ":" or "-", a digit.
    static let scoreShape: ShapePrefilter = {
        let word = ShapePrefilter.Step.literal(["gpa", "grade", "percentage", "score"])
        let digit = ShapePrefilter.Step.literal((0...9).map(String.init))
        return ShapePrefilter([[word, .space(min: 0), digit], [word, .space(min: 0), .literal([":", "-"]), .space(min: 0), digit]])
    }()

    /// The words that name an institution: the one list both the byte scan and the regex come from.
    static let institutionWordList = ["university", "universities", "universität", "université", "università", "universidad",
                                      "universidade", "college", "institute", "institut", "instituto", "school", "academy", "polytechnic",
                                      "hochschule", "école", "escuela", "faculty", "conservatory", "seminary", "iit", "nit", "iiit", "bits"]
    /// The list as folded scalars, for the scan.
    static let institutionNames: [[UInt32]] = institutionWordList.map { $0.unicodeScalars.map(\.value) }
    /// Any listed word between word boundaries, in any case: the reference for text the scan
    /// does not model.
    static let institutionRegex = try! NSRegularExpression(
        pattern: #"\b(?:"# + institutionWordList.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + #")\b"#,
        options: [.caseInsensitive])

    static func mentionsInstitution(_ s: String) -> Bool {
        guard institutionWords.mayMatch(s) else { return false }
        // On text whose ICU case folding and word boundaries are modelled exactly (the date
        // scanner's ScanText), a match is a name between two word boundaries.
        if let t = DateRangeParser.ScanText(s) {
            for i in 0..<t.count where t.isLetter(i) && t.boundary(i) {
                if institutionNames.contains(where: { t.has($0, at: i) && t.boundary(i + $0.count) }) { return true }
            }
            return false
        }
        return institutionRegex.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)) != nil
    }

    static let pieceSeparators = CharacterSet(charactersIn: "|,–—\t")
    static let areaTail = CompiledPattern(#"\b(?:in|of)\s+(.+)$"#, caseInsensitive: true)
    static let leadingInOf = CompiledPattern(#"^(?:in|of)\s+"#, caseInsensitive: true)
    static let innerInOf = CompiledPattern(#"\b(?:in|of)\s+"#, caseInsensitive: true)
    static let scoreRegex = try! NSRegularExpression(pattern: #"\b(?:c?gpa|grade|percentage|score)\s*[:\-]?\s*(\d+(?:\.\d+)?\s*(?:/\s*\d+(?:\.\d+)?|%)?)|\b(\d{2}(?:\.\d+)?\s*%)"#, options: [.caseInsensitive])

    func extract(_ lines: TextLines, from a: Int, to b: Int, firstLineOffset: Int) -> [ParsedResume.Education] {
        var out: [ParsedResume.Education] = []
        var cur: ParsedResume.Education?
        var curStart = a
        var curEnd = a
        func close() {
            if var c = cur, c.institution != nil || c.studyType != nil {
                c.range = lines.range(lines: curStart, curEnd)
                out.append(c)
            }
            cur = nil
        }
        for i in a..<b {
            var text = lines.lines[i].trimmed
            if i == a && firstLineOffset > 0 { text = String(String.UnicodeScalarView(lines.lines[i].text.unicodeScalars.dropFirst(firstLineOffset))).trimmingCharacters(fast: .whitespaces) }
            guard !text.isEmpty, text.wordCount <= 40 else { continue }
            let ns = text as NSString
            let full = NSRange(location: 0, length: ns.length)
            let degree = DegreeClassifier.firstMention(in: text)
            let inst = Self.mentionsInstitution(text)
            if (degree != nil && cur?.studyType != nil) || (inst && cur?.institution != nil && degree == nil) {
                close()
            }
            if cur == nil { cur = ParsedResume.Education(); curStart = i }
            curEnd = i + 1
            // Only a line naming a degree or an institution is split into pieces, once.
            var split: [String]?
            func pieces() -> [String] {
                if let split { return split }
                let p = text.components(separatedBy: Self.pieceSeparators).flatMap { $0.components(separatedBy: " - ") }
                    .map { $0.trimmingCharacters(fast: .whitespaces) }.filter { !$0.isEmpty }
                split = p
                return p
            }
            if let degree, cur!.studyType == nil {
                let piece = pieces().first(where: { $0.range(of: degree.0, options: .caseInsensitive) != nil }) ?? text
                cur!.studyType = stripDates(piece)
                cur!.level = degree.1
                if let r = Self.areaTail.firstRange(in: piece) {
                    var area = Self.leadingInOf.replacingMatches(in: String(piece[r]))
                    if let sub = Self.innerInOf.firstRange(in: area), area.lowercased().hasPrefix("science") || area.lowercased().hasPrefix("arts") || area.lowercased().hasPrefix("engineering") || area.lowercased().hasPrefix("technology") || area.lowercased().hasPrefix("business") {
                        area = String(area[sub.upperBound...])
                    }
                    area = stripDates(area)
                    if !area.isEmpty && area.count <= 80 && !Self.mentionsInstitution(area) { cur!.area = area }
                }
            }
            if inst, cur!.institution == nil {
                let piece = pieces().first(where: { Self.mentionsInstitution($0) }) ?? text
                let name = stripDates(piece)
                if name.count <= 100 { cur!.institution = name }
            }
            if let r = dates.ranges(in: text).last {
                cur!.startDate = r.start
                cur!.endDate = r.end
            } else if let d = dates.singleDates(in: text).last {
                cur!.endDate = d.date
            }
            if cur!.score == nil, Self.scoreWords.mayMatch(text) && Self.scoreShape.mayMatch(text) || text.utf8.contains(0x25), let m = Self.scoreRegex.firstMatch(in: text, range: full) {
                let r = m.range(at: 1).location != NSNotFound ? m.range(at: 1) : m.range(at: 2)
                cur!.score = ns.substring(with: r)
            }
        }
        close()
        return out
    }

    func stripDates(_ s: String) -> String {
        var t = s
        for m in dates.ranges(in: s).reversed() + [] {
            let u = Array(t.unicodeScalars)
            if m.range.upperBound <= u.count { t = String(String.UnicodeScalarView(u[0..<m.range.lowerBound] + u[m.range.upperBound...])) }
        }
        for d in dates.singleDates(in: t).reversed() {
            let u = Array(t.unicodeScalars)
            if d.range.upperBound <= u.count { t = String(String.UnicodeScalarView(u[0..<d.range.lowerBound] + u[d.range.upperBound...])) }
        }
        return t.trimmingCharacters(fast: FastTrimSet(charactersIn: " ,|–—-:()•\t"))
    }
}
