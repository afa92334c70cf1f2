import Foundation
@testable import ResumeParsing
import ScreenerCore
import Testing

@Suite("Date ranges")
struct DateRangeParserTests {
    typealias D = ParsedResume.PartialDate
    let parser = DateRangeParser(currentYear: 2026)

    @Test("formats", arguments: [
        ("Jan 2019 – Present", D(year: 2019, month: 1), nil as D?, true),
        ("2019-01 to 2020-03", D(year: 2019, month: 1), D(year: 2020, month: 3), false),
        ("01/2019 - 12/2020", D(year: 2019, month: 1), D(year: 2020, month: 12), false),
        ("Summer 2018 - Fall 2019", D(year: 2018, month: 6), D(year: 2019, month: 9), false),
        ("'17 – '19", D(year: 2017), D(year: 2019), false),
        ("2017 - 2019", D(year: 2017), D(year: 2019), false),
        ("Mar. 2020 to Current", D(year: 2020, month: 3), nil, true),
        ("September 2008 to June 2012", D(year: 2008, month: 9), D(year: 2012, month: 6), false),
        ("janvier 2018 – aujourd'hui", D(year: 2018, month: 1), nil, true),
        ("März 2017 bis heute", D(year: 2017, month: 3), nil, true),
        ("enero 2015 - diciembre 2016", D(year: 2015, month: 1), D(year: 2016, month: 12), false),
        ("Sept 2010 – Feb 2012", D(year: 2010, month: 9), D(year: 2012, month: 2), false),
        ("Jan '19 - Mar '21", D(year: 2019, month: 1), D(year: 2021, month: 3), false),
        ("03/98 - 06/02", D(year: 1998, month: 3), D(year: 2002, month: 6), false),
        ("since 2020", D(year: 2020), nil, true),
        ("Oct 2016 — Now", D(year: 2016, month: 10), nil, true),
    ])
    func formats(text: String, start: D, end: D?, current: Bool) throws {
        // Given a line with a date range; When parsed
        let m = try #require(parser.ranges(in: "Engineer, Acme  " + text).first)
        // Then start, end and current match
        #expect(m.start == start)
        #expect(m.end == end)
        #expect(m.isCurrent == current)
    }

    @Test("two-digit years resolve around the current year")
    func twoDigitYears() {
        #expect(parser.resolveYear(19) == 2019)
        #expect(parser.resolveYear(31) == 2031)
        #expect(parser.resolveYear(32) == 1932)
        #expect(parser.resolveYear(98) == 1998)
    }

    @Test("phone numbers, money and plain numbers are not dates", arguments: [
        "Call 555-0142 today", "Budget of $4.6M", "Managed 120 employees", "Room 12-34", "ISBN 978-3-16",
    ])
    func notDates(text: String) {
        #expect(parser.ranges(in: text).isEmpty)
    }
}

/// The hand-written matcher (``DateRangeParser/Scanner``) must find exactly what the three ICU
/// regexes find on every text it accepts; other texts go to the regexes.
@Suite("Date scanner equals the regexes")
struct DateScannerTests {
    typealias D = ParsedResume.PartialDate
    let parser = DateRangeParser(currentYear: 2026)

    func expectSame(_ s: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let scan = DateRangeParser.Found(s, parser)
        let regex = DateRangeParser.Found(s, parser, useRegex: true)
        #expect(scan.ranges() == regex.ranges(), "ranges in \(s.debugDescription)", sourceLocation: sourceLocation)
        #expect(scan.since() == regex.since(), "since in \(s.debugDescription)", sourceLocation: sourceLocation)
        #expect(scan.singles() == regex.singles(), "singles in \(s.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test("single dates in each format", arguments: [
        ("Jan 2019", D(year: 2019, month: 1)), ("2019-01", D(year: 2019, month: 1)), ("01/2019", D(year: 2019, month: 1)),
        ("Summer 2018", D(year: 2018, month: 6)), ("'19", D(year: 2019)), ("’98", D(year: 1998)), ("2017", D(year: 2017)),
        ("Mar. 2020", D(year: 2020, month: 3)), ("15/03/2020", D(year: 2020, month: 3)), ("1st March 2019", D(year: 2019, month: 3)),
        ("3/21", D(year: 2021, month: 3)), ("juillet 2016", D(year: 2016, month: 7)), ("Dezember 2015", D(year: 2015, month: 12)),
        ("AOÛT 2014", D(year: 2014, month: 8)), ("setembro, 2013", D(year: 2013, month: 9)), ("Sept '11", D(year: 2011, month: 9)),
    ])
    func singles(text: String, date: D) throws {
        // Given a line holding one date; When searched by the scanner
        let line = "B.Sc., Example University  " + text + ", Boston"
        #expect(DateRangeParser.ScanText(line) != nil)
        let d = try #require(parser.singleDates(in: line).first)
        // Then the date is found, and the regexes agree on the line
        #expect(d.date == date)
        expectSame(line)
    }

    @Test("ranges in each format, backtracking cases", arguments: [
        "Jan 2019 – Present", "2019-01", "01/2019", "Summer 2018", "'19", "2017 - 2019", "Mar. 2020 to Current",
        "janvier 2018 – aujourd'hui", "janvier 2018 – aujourd’hui", "März 2017 bis heute", "MÄRZ 2017 BIS HEUTE", "enero 2015 a la fecha",
        "Jan 201 - 2019", "10/2019 - 12/2020", "1/2019-3/2019", "2019.10 - 2020.1", "2019-10-2020", "1st March 2019 - Present",
        "22nd Jan '19 – 3rd Feb '20", "mayo 2019 - junio 2020", "Mayo2019-Junio2020", "Jan 2019 - Currently", "Jan 2019 - currentl",
        "2019 -> 2020", "2019 → 2020", "2019 ~ 2020", "2019 -- 2020", "2019 ‐ 2020", "2019 ‑ 2020", "2019 thru 2020", "2019 à 2020",
        "2019 À 2020", "2019 au 2020", "2019 al 2020", "2019 tot 2020", "2019 hasta 2020", "2019 ao 2020", "2019 until now",
        "2019 till date", "2019 to date", "2019 – o momento", "2019 - nu", "2019 - nuance", "since 2020", "Since Jan 2019",
        "depuis 2018", "seit März 2017", "desde 2015", "dal 2014", "sinds 2013", "x2019 - 2020", "é2019 - 2020", "2019 - 2020é",
        "12/12/2019 - 01/01/2020", "3/98 - 06/02", "03/98 - 06/02/", "2019/13 - 2020", "Jan 19 - Feb 20", "Jan 19:30 - Feb 20",
        "Spring 2019 - Fall 2020", "Autumn '18 – Winter '19", "fall  2019", "12 Jan 2019 - 3 Feb 2020", "12th  Jan. , 2019",
        "Oct 2016 — Now", "Oct 2016 —Now", "Oct 2016—", "2016-", "-2016", "2016 - 2017 - 2018 - 2019", "1950 - 2032", "2033 - 2034",
        "20190 - 2020", "Tel: 555-0142 2019", "ISBN 978-3-16", "(2019 - 2020)", "2019_2020", "2019 _ 2020", "a 2019 a 2020",
        "Jan\u{00A0}2019\u{2009}–\u{2009}Feb\u{00A0}2020", "Jan\t2019\t-\tPresent", "Jan 2019 - Present\u{2022}", "•2019–2020•",
    ])
    func cases(text: String) {
        // Given a known format or a tricky neighbour; When matched both ways; Then the same
        #expect(DateRangeParser.ScanText(text) != nil)
        expectSame(text)
        expectSame("Engineer, Acme  " + text + "  Boston, MA")
    }

    @Test("texts outside the modelled set go to the regexes")
    func unmodelled() {
        for s in ["Straße 2019 - 2020", "Ω 2019", "e\u{301} 2019", "2019\u{200B}-2020", "٢٠١٩ - 2020", "ª 2019", "µ 2019",
                  "\u{212A}2019", "2019 - Ⅻ", "2019\u{0B}"] {
            #expect(DateRangeParser.ScanText(s) == nil, "\(s.debugDescription)")
            expectSame(s)
        }
        for s in ["–", "é", "É", "•", "\u{F0B7}", "→", "’", "\u{00A0}", "×", "ÿ"] {
            #expect(DateRangeParser.ScanText(s) != nil, "\(s.debugDescription)")
        }
    }

    @Test("random texts from date pieces: the scanner equals the regexes")
    func fuzz() {
        // Given texts made of date tokens in every format (valid or nearly), separators, present
        // and "since" words, and noise, in random order and case (a fixed seed)
        var rng = SeededRandom(seed: 0x9E37_79B9_7F4A_7C15)
        func next(_ n: Int) -> Int { rng.next(n) }
        func pick(_ a: [String]) -> String { a[next(a.count)] }
        let months = Array(DateRangeParser.months.keys).sorted() + ["Sept.", "Mar.", "ma", "ju", "octo"]
        let years = ["2019", "1999", "2031", "2099", "1949", "20190", "201", "19", "98", "'19", "’07", "'1", "19:30", "00"]
        let numbers = ["0", "1", "9", "01", "09", "10", "12", "13", "00", "123", "3", "31"]
        let spaces = ["", " ", " ", "  ", "\t", "\u{00A0}", "\u{2009}"]
        let classChars = ["", " ", ",", ".", "-", "/", ", ", ". ", " - ", "/ "]
        let numSeps = ["/", ".", "-", "", " ", ":"]
        func token() -> String {
            switch next(7) {
            case 0: return (next(2) == 0 ? pick(numbers) + pick(["", "st", "nd", "rd", "th", "ST"]) + pick(spaces) : "")
                + pick(months) + pick(["", "."]) + pick(classChars) + pick(years)
            case 1: return pick(Array(DateRangeParser.seasons.keys)) + pick(spaces) + pick(years)
            case 2: return pick(numbers) + pick(numSeps) + pick(years)
            case 3: return pick(years) + pick(numSeps) + pick(numbers) + (next(3) == 0 ? pick(numSeps) : "")
            case 4: return pick(numbers) + pick(numSeps) + pick(numbers) + pick(numSeps) + pick(years)
            case 5: return pick(["'", "’", ""]) + pick(years)
            default: return pick(numbers) + pick(numSeps) + pick(numbers)
            }
        }
        let separators = ["-", "--", "–", "—", "‐", "‑", "~", "→", "->", "to", "until", "till", "through", "thru", "bis", "à", "au", "a",
                          "al", "hasta", "ao", "tot", "-->", "- -", "tox", "xto", "_"]
        let noise = ["Engineer", "Acme", "x", "Q", "é", "É", "Ä", "ç", "(", ")", "|", "•", ":", ",", ".", "/", "_", "'", "’", "5", "55"]
        var checked = 0
        for _ in 0..<30_000 {
            var s = ""
            for _ in 0...next(6) {
                var p: String
                switch next(6) {
                case 0, 1: p = token()
                case 2: p = pick(separators)
                case 3: p = pick(DateRangeParser.presentWords)
                case 4: p = pick(["since", "depuis", "seit", "desde", "dal", "sinds", "Since"]) + pick(spaces)
                default: p = pick(noise)
                }
                switch next(5) {
                case 0: p = p.uppercased()
                case 1: p = p.capitalized
                default: break
                }
                s += p + pick(spaces)
            }
            guard s.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }), DateRangeParser.ScanText(s) != nil else { continue }
            // When matched both ways; Then the matches and their groups are the same
            expectSame(s)
            checked += 1
        }
        #expect(checked > 10_000)
    }

    @Test("every line of the shared data: the scanner equals the regexes")
    func sharedData() throws {
        // Given the text of every PDF and DOCX beside the checkout (skipped without it)
        guard let data = TestPaths.sharedData else { return }
        let parser = TestPaths.parser(.init(ocrEnabled: false))
        var files: [URL] = []
        for dir in ["livecareer-sample", "vanetik/CV"] {
            let root = data.appendingPathComponent(dir)
            let e = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
            while let u = e?.nextObject() as? URL {
                if ["pdf", "docx"].contains(u.pathExtension.lowercased()) { files.append(u) }
            }
        }
        var lines = 0
        for f in files.sorted(by: { $0.path < $1.path }).prefix(120) {
            guard let d = try? Data(contentsOf: f), let doc = try? parser.extractText(data: d, format: f.pathExtension.lowercased() == "pdf" ? .pdf : .docx) else { continue }
            for l in TextNormalizer.normalize(doc.text).split(separator: "\n") where l.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) {
                // When each line with a digit is matched both ways; Then the same
                expectSame(String(l))
                lines += 1
            }
        }
        #expect(files.isEmpty || lines > 500)
    }
}

@Suite("Month index")
struct MonthIndexTests {
    /// Foundation's answer, which `ExperienceCalculator.monthIndex` computes without a calendar.
    static func reference(_ d: Date) -> Int {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month], from: d)
        return c.year! * 12 + c.month! - 1
    }

    @Test("equals the UTC Gregorian calendar's year and month, at month edges, leap days and at random")
    func matchesCalendar() {
        var rng = SeededRandom(seed: 7)
        var instants: [Double] = [0, -1, 951_782_400, 951_868_799, 951_868_800, 4_107_542_399, 4_107_542_400,  // 2000-02-29, 2100-03-01
                                  -12_219_292_800, -12_219_292_801, 1_794_700_800, 253_402_300_799]
        for _ in 0..<20_000 {
            // 1400 to 2600, to the second, plus half-second offsets around midnight.
            let t = Double(rng.next(37_868_000)) * 1_000 - 17_987_000_000 + Double(rng.next(2_000)) / 2
            instants.append(t)
            instants.append((t / 86_400).rounded(.down) * 86_400 - 0.5)
        }
        for t in instants {
            let d = Date(timeIntervalSince1970: t)
            #expect(ExperienceCalculator.monthIndex(d) == Self.reference(d), "at \(t)")
        }
    }
}
