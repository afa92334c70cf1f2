import Foundation
import ScreenerCore

/// `screener audit rates FILE.csv`: every LL144 table, significance, trends and per-job tables from
/// an auditor's own CSV, without touching the store.
///
/// ```swift
/// let report = try AuditRates.run(csv: data, options: .init(auditDate: today, dataSource: "ATS export"))
/// let html = try report.render(.html)
/// ```
public enum AuditRates {
    public struct Options: Sendable, Equatable {
        public var title: String
        /// The date the audit was carried out (LL144 posting requires it).
        public var auditDate: CalendarDay
        /// Where the data came from and what it is (LL144 posting requires it).
        public var dataSource: String
        /// Exclude categories under this share of the data from ratios; nil keeps every category.
        /// LL144 allows `Rational(2, 100)`.
        public var excludeBelowShare: Rational?

        public init(
            title: String = "Bias audit", auditDate: CalendarDay, dataSource: String,
            excludeBelowShare: Rational? = nil
        ) {
            self.title = title
            self.auditDate = auditDate
            self.dataSource = dataSource
            self.excludeBelowShare = excludeBelowShare
        }
    }

    /// Parses the CSV and computes the report.
    public static func run(csv: Data, options: Options) throws -> AuditReport {
        try run(input: AuditInput.parseCSV(csv), options: options)
    }

    /// Computes the report from records already in memory.
    public static func run(input: AuditInput, options: Options) throws -> AuditReport {
        guard !input.records.isEmpty else { throw ScreenerError(.invalidInput, "no individuals to audit") }
        if let t = options.excludeBelowShare, !(Rational.zero < t && t < Rational.one) {
            throw ScreenerError(.invalidConfiguration, "exclusion threshold must lie strictly between 0 and 1")
        }
        let tableOptions = ImpactTable.Options(excludeBelowShare: options.excludeBelowShare)
        let records = input.records
        let selection = LL144.selectionTables(records, options: tableOptions)
        let scoring = LL144.scoringTables(records, options: tableOptions)
        var warnings: [String] = []
        let undated = records.filter { $0.date == nil }.count
        if undated > 0, undated < records.count {
            warnings.append("\(undated) individuals have no date and are left out of the monthly trend.")
        }
        if input.hasScores, records.contains(where: { $0.score == nil }) {
            let n = records.filter { $0.score == nil }.count
            warnings.append("\(n) individuals have no score and are left out of the scoring-rate tables.")
        }
        for t in selection + (scoring?.tables ?? []) {
            if let reason = t.undefinedReason {
                warnings.append("Table \(t.name) (\(t.outcome.rawValue)): impact ratios undefined (\(reason == "all_rates_zero" ? "every rate is zero" : "no category has data")).")
            }
            let small = t.rows.filter { $0.significance?.warnings.contains("small_sample") ?? false }.map(\.category)
            if !small.isEmpty {
                warnings.append("Table \(t.name) (\(t.outcome.rawValue)): small samples (fewer than \(Significance.smallSampleSize) in a group) for \(small.joined(separator: ", ")); treat ratios with caution and prefer Fisher's exact test.")
            }
        }
        let jobs = input.jobs.count > 1 ? AuditTrends.byJob(input, options: tableOptions) : []
        return AuditReport(
            title: options.title, auditDate: options.auditDate, dataSource: options.dataSource,
            dateRange: input.dateRange, individuals: records.count, undatedIndividuals: undated,
            scoredIndividuals: records.filter { $0.score != nil }.count, medianScore: scoring?.median,
            exclusionThreshold: options.excludeBelowShare, selectionTables: selection,
            scoringTables: scoring?.tables ?? [], monthly: AuditTrends.monthly(records, options: tableOptions),
            jobs: jobs, counterfactual: nil, warnings: warnings)
    }
}
