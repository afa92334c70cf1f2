import Foundation
import ScreenerCore

/// A calendar day `YYYY-MM-DD` (no time zone: the day as recorded by the source).
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` (day 1) or an ISO 8601 timestamp starting with `YYYY-MM-DD`
    /// followed by `T` or a space.
    public init?(iso: String) {
        let u = Array(Categories.trim(iso).utf8)
        func digits(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= u.count else { return nil }
            var v = 0
            for k in r {
                guard (0x30...0x39).contains(u[k]) else { return nil }
                v = v * 10 + Int(u[k] - 0x30)
            }
            return v
        }
        guard u.count >= 7, let y = digits(0..<4), u[4] == 0x2D, let m = digits(5..<7), (1...12).contains(m) else { return nil }
        var d = 1
        if u.count > 7 {
            guard u.count >= 10, u[7] == 0x2D, let dd = digits(8..<10), (1...CalendarDay.daysIn(year: y, month: m)).contains(dd) else { return nil }
            if u.count > 10 { guard u[10] == 0x54 || u[10] == 0x20 else { return nil } }
            d = dd
        }
        self.init(year: y, month: m, day: d)
    }

    /// The calendar day of `date` in `timeZone` (UTC by default), e.g. today's date from a clock.
    public init(_ date: Date, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year!, month: c.month!, day: c.day!)
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM`, the key of monthly trends.
    public var monthKey: String { String(format: "%04d-%02d", year, month) }
    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDay(iso: s) else { throw ScreenerError(.invalidInput, "malformed date") }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
