import Foundation
import ScreenerCore

/// Months of experience from work entries, counting overlapping ranges once.
///
/// Each entry becomes a half-open month interval `[s, e)`: `s = start.monthIndex` (a year-only
/// start counts from January); `e = end.monthIndex + 1` for an end with a month, December of the
/// year (`year·12 + 12`) for a year-only end, and `now.monthIndex + 1` for "Present" or an open
/// end. Ends are capped at now. Intervals are sorted and merged; the total is
/// `Σ (e − s)` over the merged intervals. Entries without a start are skipped.
enum ExperienceCalculator {
    /// `year × 12 + month − 1` of `d` in UTC, as Foundation's Gregorian calendar gives it.
    ///
    /// From 1582-10-15 (where that calendar leaves the Julian one) to the year 30,000 this is
    /// arithmetic on the day number (H. Hinnant's `civil_from_days`), without building a `Calendar`
    /// and a `TimeZone` per call, which cost more than the rest of a date computation; other dates
    /// go through the calendar.
    static func monthIndex(_ d: Date) -> Int {
        let t = d.timeIntervalSince1970
        guard t >= -12_219_292_800, t < 884_541_340_800 else {
            var cal = Calendar(identifier: .gregorian)
            cal.timeZone = TimeZone(identifier: "UTC")!
            let c = cal.dateComponents([.year, .month], from: d)
            return (c.year ?? 1970) * 12 + (c.month ?? 1) - 1
        }
        let z = Int((t / 86_400).rounded(.down)) + 719_468  // days since 0000-03-01
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097                          // day of the 400-year era
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)    // day of the March-based year
        let mp = (5 * doy + 2) / 153                         // month, March = 0
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return year * 12 + month - 1
    }

    static func nowDate(_ d: Date) -> ParsedResume.PartialDate {
        let m = monthIndex(d)
        return .init(year: m / 12, month: m % 12 + 1)
    }

    static func interval(_ w: ParsedResume.Work, now: Int) -> Range<Int>? {
        guard let s = w.startDate else { return nil }
        let start = s.monthIndex
        var end: Int
        if let e = w.endDate, !w.isCurrent {
            end = e.month == nil ? e.year * 12 + 12 : e.monthIndex + 1
        } else {
            end = now + 1
        }
        end = min(end, now + 1)
        guard end > start else { return nil }
        return start..<end
    }

    static func merge(_ intervals: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in intervals.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    static func totalMonths(_ work: [ParsedResume.Work], now: Date) -> Int {
        let n = monthIndex(now)
        return merge(work.compactMap { interval($0, now: n) }).reduce(0) { $0 + $1.count }
    }
}
