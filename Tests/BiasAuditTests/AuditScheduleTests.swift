import Foundation
import Testing
@testable import BiasAudit

@Suite("Audit schedule (one-year rule)")
struct AuditScheduleTests {
    static func day(_ s: String) -> CalendarDay { CalendarDay(iso: s)! }

    @Test("An audit covers use for one calendar year, inclusive",
          arguments: [("2025-03-10", "2026-03-10", false), ("2025-03-10", "2026-03-11", true),
                      ("2024-02-29", "2025-02-28", false), ("2024-02-29", "2025-03-01", true),
                      ("2025-12-31", "2026-06-30", false)])
    func due(last: String, today: String, isDue: Bool) {
        #expect(AuditSchedule.isDue(lastAudit: Self.day(last), today: Self.day(today)) == isDue)
        #expect((AuditSchedule.warning(lastAudit: Self.day(last), today: Self.day(today)) != nil) == isDue)
    }

    @Test("With no audit on record, one is due")
    func neverAudited() {
        #expect(AuditSchedule.isDue(lastAudit: nil, today: Self.day("2026-01-01")))
    }

    @Test("Dates parse strictly", arguments: [("2025-02-29", false), ("2024-02-29", true), ("2025-1-01", false), ("2025-01-01T10:00:00Z", true), ("2025-01-01x", false), ("2025-06", true)])
    func dates(text: String, valid: Bool) {
        #expect((CalendarDay(iso: text) != nil) == valid)
    }
}

@Suite("Calendar days from instants")
struct CalendarDayFromDateTests {
    @Test("Given an instant, then its UTC calendar day is taken")
    func fromDate() {
        // 2026-11-29T23:30:00Z
        #expect(CalendarDay(Date(timeIntervalSince1970: 1_795_995_000)) == CalendarDay(year: 2026, month: 11, day: 29))
        #expect(CalendarDay(Date(timeIntervalSince1970: 0)).description == "1970-01-01")
    }
}
