import Foundation
import ScreenerCore

/// Finds date ranges such as "Jan 2019 – Present", "2019-01 to 2020-03", "01/2019 - 12/2020",
/// "Summer 2018 - Fall 2019", "'17 – '19", "2017 - 2019", "Mar. 2020 to Current",
/// "janvier 2018 – aujourd'hui", "März 2017 bis heute", "since 2020", in English, French, German,
/// Spanish, Italian, Portuguese and Dutch.
///
/// Two-digit years: `yy ≤ (currentYear mod 100) + 5` → `2000 + yy`, otherwise `1900 + yy`.
/// Seasons map to months: spring → 3, summer → 6, fall/autumn → 9, winter → 12.
struct DateRangeParser: Sendable {
    struct Match: Sendable, Equatable {
        /// Range of the match within the searched string, in Unicode scalars.
        var range: Range<Int>
        var start: ParsedResume.PartialDate?
        var end: ParsedResume.PartialDate?
        var isCurrent: Bool
    }

    let currentYear: Int
    let rangeRegex: NSRegularExpression
    let sinceRegex: NSRegularExpression
    let singleRegex: NSRegularExpression
    /// The regexes' word lists for the ``Scanner``.
    let scanWords: ScanWords

    static let months: [String: Int] = {
        var m: [String: Int] = [:]
        let table: [(Int, [String])] = [
            (1, ["january", "jan", "janvier", "janv", "januar", "jänner", "jan", "enero", "ene", "gennaio", "gen", "janeiro", "januari"]),
            (2, ["february", "feb", "febr", "février", "fevrier", "févr", "fevr", "februar", "febrero", "febbraio", "fevereiro", "fev", "februari"]),
            (3, ["march", "mar", "mars", "märz", "maerz", "mär", "marzo", "março", "marco", "maart", "mrt"]),
            (4, ["april", "apr", "avril", "avr", "abril", "abr", "aprile"]),
            (5, ["may", "mai", "mayo", "maggio", "mag", "maio", "mei"]),
            (6, ["june", "jun", "juin", "juni", "junio", "giugno", "giu", "junho"]),
            (7, ["july", "jul", "juillet", "juil", "juli", "julio", "luglio", "lug", "julho"]),
            (8, ["august", "aug", "août", "aout", "agosto", "ago", "augustus"]),
            (9, ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro"]),
            (10, ["october", "oct", "octobre", "oktober", "okt", "octubre", "ottobre", "ott", "outubro", "out"]),
            (11, ["november", "nov", "novembre", "noviembre", "novembro"]),
            (12, ["december", "dec", "décembre", "decembre", "déc", "dezember", "dez", "diciembre", "dic", "dicembre", "dezembro"]),
        ]
        for (n, names) in table { for s in names { m[s] = n } }
        return m
    }()
    static let seasons: [String: Int] = ["spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12]
    static let presentWords = ["present", "current", "currently", "now", "today", "date", "ongoing", "till date", "to date", "till now",
                               "aujourd'hui", "aujourd’hui", "actuel", "actuellement", "heute", "jetzt", "presente", "actual", "actualidad",
                               "la fecha", "atual", "o momento", "attuale", "oggi", "heden", "nu"]

    private static let cacheLock = NSLock()
    nonisolated(unsafe) private static var cache: [Int: DateRangeParser] = [:]

    /// A parser for `currentYear`, compiled once and reused (regex compilation is costly).
    static func shared(currentYear: Int) -> DateRangeParser {
        cacheLock.lock()
        defer { cacheLock.unlock() }
        if let p = cache[currentYear] { return p }
        let p = DateRangeParser(currentYear: currentYear)
        cache[currentYear] = p
        return p
    }

    init(currentYear: Int) {
        self.currentYear = currentYear
        let monthNames = Self.months.keys.sorted { $0.count > $1.count }
        let presentWords = Self.presentWords.sorted { $0.count > $1.count }
        scanWords = ScanWords(months: monthNames, present: presentWords)
        let monthAlt = monthNames.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let mon = "(?:\(monthAlt))\\.?"
        let year4 = "(?:19|20)\\d{2}"
        let token = [
            "(?:\\d{1,2}(?:st|nd|rd|th)?\\s+)?\(mon)[\\s,.\\-/]*(?:\(year4)|['’]\\d{2}|\\d{2}(?![\\d:]))",
            "(?:spring|summer|fall|autumn|winter)\\s+(?:\(year4)|['’]\\d{2})",
            "(?<![\\d/.])(?:0?[1-9]|1[0-2])[/.\\-](?:\(year4))(?![\\d])",
            "(?<![\\d/.])\(year4)[/.\\-](?:0?[1-9]|1[0-2])(?![\\d/.\\-])",
            "(?<![\\d/.])(?:0?[1-9]|1[0-2])/\\d{2}(?![\\d/])",
            "(?<![\\d/.])(?:\\d{1,2}[/.])(?:0?[1-9]|1[0-2])[/.](?:\(year4))(?![\\d])",
            "['’]\\d{2}(?![\\d])",
            "(?<![\\d/.])\(year4)(?![\\d])",
        ].map { "(?:\($0))" }.joined(separator: "|")
        let present = presentWords.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|")
        let sep = "\\s*(?:-{1,2}|–|—|‐|‑|~|→|->|\\bto\\b|\\buntil\\b|\\btill\\b|\\bthrough\\b|\\bthru\\b|\\bbis\\b|\\bà\\b|\\bau\\b|\\ba\\b|\\bal\\b|\\bhasta\\b|\\bao\\b|\\btot\\b)\\s*"
        let pattern = "(?<![\\p{L}\\d])(\(token))\(sep)(\(token)|(?:\(present))(?![\\p{L}]))"
        rangeRegex = try! NSRegularExpression(pattern: pattern, options: [.caseInsensitive])
        sinceRegex = try! NSRegularExpression(pattern: "\\b(?:since|depuis|seit|desde|dal|sinds)\\s+(\(token))", options: [.caseInsensitive])
        singleRegex = try! NSRegularExpression(pattern: "(?<![\\p{L}\\d])(\(token))(?![\\p{L}\\d])", options: [.caseInsensitive])
    }

    /// Every date range in `s`, left to right. Ranges whose end precedes their start are kept
    /// with `start`/`end` swapped out (nil) only when unparseable; callers warn on those.
    func ranges(in s: String) -> [Match] {
        // Every date token holds a digit: skip the search for lines without one.
        guard s.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        let found = Found(s, self)
        var out: [Match] = []
        for m in found.ranges() {
            let start = parseToken(found.string(m.first))
            let b = found.string(m.second ?? m.first)
            let isPresent = isPresentWord(b)
            let end = isPresent ? nil : parseToken(b)
            guard let start, isPresent || end != nil else { continue }
            if let e = end, e < start { continue }
            out.append(Match(range: m.whole, start: start, end: end, isCurrent: isPresent))
        }
        if out.isEmpty {
            for m in found.since() {
                if let start = parseToken(found.string(m.first)) {
                    out.append(Match(range: m.whole, start: start, end: nil, isCurrent: true))
                }
            }
        }
        return out
    }

    /// Single dates (for education and certificates), left to right.
    func singleDates(in s: String) -> [(range: Range<Int>, date: ParsedResume.PartialDate)] {
        guard s.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return [] }
        let found = Found(s, self)
        return found.singles().compactMap { m in parseToken(found.string(m.first)).map { (m.whole, $0) } }
    }

    /// The regex matches in one string: from the ``Scanner`` when the string is in the set it
    /// models, else from the regexes.
    struct Found {
        let s: String
        let parser: DateRangeParser
        let text: ScanText?

        init(_ s: String, _ parser: DateRangeParser, useRegex: Bool = false) {
            self.s = s
            self.parser = parser
            text = useRegex ? nil : ScanText(s)
        }

        func ranges() -> [ScanMatch] {
            guard let text else { return regexMatches(parser.rangeRegex) }
            let sc = Scanner(t: text, w: parser.scanWords)
            return sc.all(sc.range(at:))
        }

        func since() -> [ScanMatch] {
            guard let text else { return regexMatches(parser.sinceRegex) }
            let sc = Scanner(t: text, w: parser.scanWords)
            return sc.all(sc.since(at:))
        }

        func singles() -> [ScanMatch] {
            guard let text else { return regexMatches(parser.singleRegex) }
            let sc = Scanner(t: text, w: parser.scanWords)
            return sc.all(sc.single(at:))
        }

        /// The text of a scalar range.
        func string(_ r: Range<Int>) -> String {
            if let text { return text.string(r) }
            return String(String.UnicodeScalarView(s.unicodeScalars.dropFirst(r.lowerBound).prefix(r.count)))
        }

        private func regexMatches(_ re: NSRegularExpression) -> [ScanMatch] {
            re.matches(in: s, range: NSRange(location: 0, length: s.utf16.count)).map { m in
                ScanMatch(whole: scalarRange(m.range), first: scalarRange(m.range(at: 1)),
                          second: m.numberOfRanges > 2 ? scalarRange(m.range(at: 2)) : nil)
            }
        }

        private func scalarRange(_ r: NSRange) -> Range<Int> {
            guard let sr = Range(r, in: s) else { return 0..<0 }
            let a = s.unicodeScalars.distance(from: s.unicodeScalars.startIndex, to: sr.lowerBound)
            let b = a + s.unicodeScalars.distance(from: sr.lowerBound, to: sr.upperBound)
            return a..<b
        }
    }

    func isPresentWord(_ s: String) -> Bool {
        Self.presentWords.contains(s.lowercased().trimmingCharacters(fast: .whitespaces))
    }

    /// Resolves a two-digit year.
    func resolveYear(_ yy: Int) -> Int {
        yy <= (currentYear % 100) + 5 ? 2000 + yy : 1900 + yy
    }

    /// Parses one date token ("Jan 2019", "2019-01", "01/2019", "Summer 2018", "'19", "2017").
    func parseToken(_ raw: String) -> ParsedResume.PartialDate? {
        let s = raw.lowercased().trimmingCharacters(fast: .whitespaces)
        var letters = ""
        var numbers: [String] = []
        var cur = ""
        for ch in s {
            if isLetterFast(ch) { letters.append(ch); if !cur.isEmpty { numbers.append(cur); cur = "" } }
            else if isNumberFast(ch) { cur.append(ch) }
            else { if !cur.isEmpty { numbers.append(cur); cur = "" }; if !letters.isEmpty && ch != "." { letters.append(" ") } }
        }
        if !cur.isEmpty { numbers.append(cur) }
        let words = letters.split(separator: " ").map(String.init).filter { !["st", "nd", "rd", "th"].contains($0) }
        func year(_ t: String) -> Int? {
            guard let v = Int(t) else { return nil }
            if t.count == 4 { return v }
            if t.count == 2 { return resolveYear(v) }
            return nil
        }
        var result: ParsedResume.PartialDate?
        if let w = words.first {
            let month = Self.months[w] ?? Self.seasons[w]
            guard let month, let yt = numbers.last, let y = year(yt) else { return nil }
            result = .init(year: y, month: month)
        } else if numbers.count == 1 {
            guard let y = year(numbers[0]) else { return nil }
            if numbers[0].count == 2 && !s.contains("'") && !s.contains("’") { return nil }
            result = .init(year: y)
        } else if numbers.count == 2 {
            if numbers[0].count == 4, let y = Int(numbers[0]), let m = Int(numbers[1]) { result = .init(year: y, month: m) }
            else if let m = Int(numbers[0]), let y = year(numbers[1]) { result = .init(year: y, month: m) }
        } else if numbers.count == 3, let m = Int(numbers[1]), let y = year(numbers[2]) {
            result = .init(year: y, month: m)
        }
        guard let r = result, (1950...(currentYear + 6)).contains(r.year), (r.month ?? 1) >= 1, (r.month ?? 1) <= 12 else { return nil }
        return r
    }
}
