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
