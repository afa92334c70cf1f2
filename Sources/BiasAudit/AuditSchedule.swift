import ScreenerCore

/// LL144 §20-871(a): an automated employment decision tool may not be used when more than one
/// year has passed since its most recent bias audit.
///
/// `due(lastAudit, today)` is true when `today > lastAudit + 1 year` (calendar year; an audit on
/// 29 February falls due after 28 February of the next year) or when there has never been an audit.
public enum AuditSchedule {
    /// The last day on which an audit of `lastAudit` still covers use of the tool.
    public static func coveredUntil(_ lastAudit: CalendarDay) -> CalendarDay {
        let year = lastAudit.year + 1
        let day = min(lastAudit.day, CalendarDay.daysIn(year: year, month: lastAudit.month))
        return CalendarDay(year: year, month: lastAudit.month, day: day)
    }

    /// True when a new audit is required before scores are served on `today`.
    public static func isDue(lastAudit: CalendarDay?, today: CalendarDay) -> Bool {
        guard let lastAudit else { return true }
        return coveredUntil(lastAudit) < today
    }

    /// A warning for operators when an audit is due, nil otherwise. Carries no personal data.
    public static func warning(lastAudit: CalendarDay?, today: CalendarDay) -> String? {
        guard isDue(lastAudit: lastAudit, today: today) else { return nil }
        return lastAudit.map { "The last bias audit (\($0)) is more than one year old; LL144 requires a new audit before further use." }
            ?? "No bias audit is recorded for this tool configuration; LL144 requires one before use."
    }
}
