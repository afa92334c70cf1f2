import ScreenerCore

/// Everything an audit found, as a value: the LL144 public-posting summary (audit date, data source,
/// date range, number of individuals, unknown counts, every category's n, rate and impact ratio,
/// exclusions with their justification), flags, significance, trends, optional counterfactual
/// results and the methodology. Rendered by ``render(_:)``.
public struct AuditReport: Sendable, Equatable {
    public var title: String
    public var auditDate: CalendarDay
    public var dataSource: String
    public var dateRange: ClosedRange<CalendarDay>?
    public var individuals: Int
    /// Individuals without a date (left out of the monthly trend).
    public var undatedIndividuals: Int
    public var scoredIndividuals: Int
    public var medianScore: Double?
    public var exclusionThreshold: Rational?
    public var selectionTables: [ImpactTable]
    public var scoringTables: [ImpactTable]
    public var monthly: [AuditTrends.MonthlyPoint]
    public var jobs: [AuditTrends.JobBreakdown]
    public var counterfactual: CounterfactualReport?
    public var warnings: [String]

    public var allTables: [ImpactTable] { selectionTables + scoringTables }

    /// One flagged category: impact ratio strictly below 4/5.
    public struct Flag: Sendable, Equatable {
        public var table: String
        public var outcome: ImpactTable.Outcome
        public var category: String
        public var impactRatio: Rational
        public var significantAt05: Bool
    }

    /// Every four-fifths flag of the pooled tables, table by table.
    public var flags: [Flag] {
        allTables.flatMap { t in
            t.rows.filter(\.fourFifthsFlag).map { r in
                let p = r.significance?.fisherPValue ?? r.significance?.zPValue
                return Flag(table: t.name, outcome: t.outcome, category: r.category, impactRatio: r.impactRatio!,
                            significantAt05: p.map { $0 < 0.05 } ?? false)
            }
        }
    }

    /// The methodology statement printed in every format.
    public var methodology: [String] {
        var m = [
            "Selection rate = number selected in a category ÷ number of individuals in that category (6 RCNY §5-300).",
            "Impact ratio = a category's rate ÷ the highest rate among the categories in the same table; computed in exact rational arithmetic. When every rate is zero the ratio is undefined and reported as such, never as 0 or 1.",
            "Four-fifths rule (29 CFR 1607.4(D)): a category is flagged when its impact ratio is strictly below 4/5; exactly 4/5 is not flagged.",
            "Tables: sex, race/ethnicity (EEO-1 categories) and their intersection. Individuals who did not self-identify are counted as unknown and left out of the rates of that table.",
            "Significance, for each category against the highest-rate category: pooled two-proportion Z test; Pearson chi-square on the 2×2 table without continuity correction (1 df); Fisher's exact test, two-sided (sum of hypergeometric probabilities no larger than the observed one). Small samples (under 30 in either group) and expected cell counts under 5 are marked; prefer Fisher's test there. A flag is called statistically significant at 5% when Fisher's exact p-value (or, where Fisher's test was skipped for size, the Z test's) is below 0.05.",
            "Shortfall = the fewest additional selections in the category that would bring its rate up to the highest rate (to parity) or its impact ratio up to 4/5.",
            "Selection rates are shown with Wilson 95% confidence intervals.",
        ]
        if medianScore != nil {
            m.append("Scoring rate = share of a category scoring strictly above the median score of the full scored sample (a score equal to the median does not count); its impact ratio is computed as for selection rates.")
        }
        if let t = exclusionThreshold {
            m.append("Categories representing less than \(Formatting.percent(t.doubleValue)) of the data with a known category are excluded from the impact-ratio calculation (6 RCNY §5-301(d)) and still reported with their counts and rates.")
        } else {
            m.append("No category was excluded for size: every category with data takes part in the impact-ratio calculation.")
        }
        m.append("Tables pool all jobs by summing counts per category; per-job tables and a monthly trend are given separately.")
        return m
    }
}
