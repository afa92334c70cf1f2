import ScreenerCore

/// One LL144 table (sex, race/ethnicity or their intersection) for one outcome (selection or
/// scoring), with every category's counts, rate, impact ratio, four-fifths flag and significance.
///
/// Formulas (6 RCNY §5-300 definitions; 29 CFR 1607.4(D)):
/// - rate of category `g`: `r_g = s_g / n_g`, where `s_g` is the number selected (selection tables)
///   or the number scoring strictly above the full-sample median (scoring tables); undefined when
///   `n_g = 0`.
/// - share of category `g`: `n_g / Σ n` over the categories with a known value (unknowns are
///   counted apart and take no part in any rate).
/// - excluded: optionally, a category whose share is strictly below the exclusion threshold
///   (LL144 allows 2 %) takes no part in the ratios; it is still reported with `n` and rate.
/// - highest rate: `r* = max r_g` over the included categories with `n_g > 0`.
/// - impact ratio: `IR_g = r_g / r*`, exact. Undefined when `r* = 0` (every rate zero), when there
///   is no included category with data, or for excluded and empty categories — never 0 or 1.
/// - four-fifths flag: `IR_g < 4/5`, strictly, in exact arithmetic (`IR_g = 4/5` is not flagged).
/// - significance: each included category with data against the reference (the first category in
///   table order that has the highest rate), see ``Significance``.
public struct ImpactTable: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable {
        case selection
        case scoring
    }

    public struct Row: Sendable, Equatable, Codable {
        public var category: String
        /// Set for sex and intersection rows.
        public var sex: String?
        /// Set for race/ethnicity and intersection rows.
        public var race: String?
        public var n: Int
        /// Selected (selection tables) or scoring above the median (scoring tables).
        public var selected: Int
        public var rate: Rational?
        public var impactRatio: Rational?
        public var fourFifthsFlag: Bool
        public var isReference: Bool
        public var excluded: Bool
        /// `n / Σ n` over known categories.
        public var share: Rational?
        public var significance: Significance?
    }

    /// `sex`, `race_ethnicity` or `intersection` (optionally prefixed, e.g. by a job).
    public var name: String
    public var outcome: Outcome
    public var unknownCount: Int
    /// Σ n over the categories with a known value.
    public var knownCount: Int
    public var rows: [Row]
    /// Why ratios are undefined, when they are (`all_rates_zero`, `no_data`).
    public var undefinedReason: String?
    /// Why categories were excluded, when any were.
    public var exclusionJustification: String?

    public var reference: Row? { rows.first(where: \.isReference) }
    public var flaggedRows: [Row] { rows.filter(\.fourFifthsFlag) }

    /// Options that shape every table.
    public struct Options: Sendable, Equatable {
        /// When set, categories whose share of the known data is strictly below this fraction are
        /// left out of the ratio computation (LL144 permits 2 %: `Rational(2, 100)`).
        public var excludeBelowShare: Rational?
        public init(excludeBelowShare: Rational? = nil) { self.excludeBelowShare = excludeBelowShare }
    }

    /// Counts for one category before the table is computed.
    public struct Tally: Sendable, Equatable {
        public var category: String
        public var sex: String?
        public var race: String?
        public var n: Int
        public var selected: Int
        public init(category: String, sex: String? = nil, race: String? = nil, n: Int, selected: Int) {
            self.category = category
            self.sex = sex
            self.race = race
            self.n = n
            self.selected = selected
        }
    }

    /// Computes the table from category tallies (in display order) and the unknown count.
    public static func compute(
        name: String, outcome: Outcome, tallies: [Tally], unknownCount: Int, options: Options = .init()
    ) -> ImpactTable {
        let known = tallies.reduce(0) { $0 + $1.n }
        var rows = tallies.map { t -> Row in
            precondition(t.n >= 0 && (0...max(t.n, 0)).contains(t.selected), "bad tally")
            let share = known > 0 ? Rational(t.n, known) : nil
            let excluded = options.excludeBelowShare.map { th in share.map { $0 < th } ?? false } ?? false
            return Row(
                category: t.category, sex: t.sex, race: t.race, n: t.n, selected: t.selected,
                rate: t.n > 0 ? Rational(t.selected, t.n) : nil, impactRatio: nil, fourFifthsFlag: false,
                isReference: false, excluded: excluded, share: share, significance: nil)
        }
        var undefinedReason: String?
        let included = rows.indices.filter { !rows[$0].excluded && rows[$0].rate != nil }
        var referenceIndex: Int?
        for i in included where referenceIndex == nil || rows[i].rate! > rows[referenceIndex!].rate! {
            referenceIndex = i
        }
        if let ref = referenceIndex, let best = rows[ref].rate, !best.isZero {
            rows[ref].isReference = true
            for i in included {
                let ratio = rows[i].rate! / best
                rows[i].impactRatio = ratio
                rows[i].fourFifthsFlag = ratio < .fourFifths
                if i != ref {
                    rows[i].significance = Significance.compare(
                        selected: rows[i].selected, of: rows[i].n, against: rows[ref].selected, of: rows[ref].n)
                }
            }
        } else {
            undefinedReason = referenceIndex == nil ? "no_data" : "all_rates_zero"
        }
        let excludedNames = rows.filter(\.excluded).map(\.category)
        let justification = excludedNames.isEmpty ? nil : exclusionText(options.excludeBelowShare!, excludedNames)
        return ImpactTable(
            name: name, outcome: outcome, unknownCount: unknownCount, knownCount: known, rows: rows,
            undefinedReason: undefinedReason, exclusionJustification: justification)
    }

    static func exclusionText(_ threshold: Rational, _ names: [String]) -> String {
        let pct = Formatting.percent(threshold.doubleValue, digits: 1)
        return "Excluded from the impact-ratio calculation because each represents less than \(pct) of the "
            + "data with a known category (6 RCNY §5-301(d)); counts and rates are still reported: "
            + names.joined(separator: "; ") + "."
    }
}
