import ScreenerCore

/// Audit results over time and across jobs.
///
/// - Monthly trend: records grouped by the calendar month of `date` (`YYYY-MM`); for each month the
///   overall selection rate `Σ selected / n` and the sex and race/ethnicity selection tables of that
///   month alone. The chart plots each table's lowest defined impact ratio per month.
/// - Jobs: the three selection tables for each job on its own. The report's main tables pool every
///   job: counts are summed per category across jobs before any rate is taken (a pooled table, not an
///   average of per-job rates).
public enum AuditTrends {
    public struct MonthlyPoint: Sendable, Equatable {
        public var month: String
        public var n: Int
        public var selected: Int
        public var rate: Rational? { n > 0 ? Rational(selected, n) : nil }
        public var tables: [ImpactTable]
        /// The lowest defined impact ratio in the named table, nil when none is defined.
        public func lowestImpactRatio(_ table: String) -> Rational? {
            tables.first { $0.name == table }?.rows.compactMap(\.impactRatio).min()
        }
    }

    public struct JobBreakdown: Sendable, Equatable {
        public var job: String
        public var n: Int
        public var selected: Int
        public var dateRange: ClosedRange<CalendarDay>?
        public var tables: [ImpactTable]
    }

    /// Months in ascending order; records without a date are left out (their count is reported
    /// by the caller).
    public static func monthly(_ records: [AuditInput.Record], options: ImpactTable.Options = .init()) -> [MonthlyPoint] {
        let byMonth = Dictionary(grouping: records.filter { $0.date != nil }) { $0.date!.year * 12 + $0.date!.month - 1 }
        return byMonth.keys.sorted().map { key in
            let rs = byMonth[key]!
            let tables = LL144.selectionTables(rs, options: options).filter { $0.name != LL144.intersectionTableName }
            return MonthlyPoint(month: rs[0].date!.monthKey, n: rs.count, selected: rs.filter(\.selected).count, tables: tables)
        }
    }

    public static func byJob(_ input: AuditInput, options: ImpactTable.Options = .init()) -> [JobBreakdown] {
        input.jobs.map { job in
            let rs = input.records.filter { $0.job == job }
            return JobBreakdown(
                job: job, n: rs.count, selected: rs.filter(\.selected).count,
                dateRange: AuditInput(records: rs).dateRange,
                tables: LL144.selectionTables(rs, options: options))
        }
    }
}
