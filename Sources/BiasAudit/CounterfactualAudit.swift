import ScreenerCore

/// Re-scores altered copies of resumes and measures how much the alteration moved the score.
///
/// For resume `i` with baseline score `bᵢ` and a variant `v` scored `sᵢᵥ`:
/// - change `Δᵢᵥ = sᵢᵥ − bᵢ`; per variant label: mean `Δ̄ = Σ Δ / k`, mean absolute change
///   `Σ |Δ| / k` and maximum absolute change `max |Δ|`.
/// - rank: `rank(x) = 1 + #{ j ≠ i : bⱼ > x }` among the other resumes' baseline scores; rank
///   change `= rank(bᵢ) − rank(sᵢᵥ)` (positive = moved up); mean and maximum absolute.
/// - selection by swapped name group: the cut-off `c` is the `k`-th highest baseline score with
///   `k = ⌈f · N⌉` (`f` = `selectTopFraction`); a name variant is selected when `sᵢᵥ ≥ c`. Each
///   race/ethnicity × sex name group is a category of an ``ImpactTable`` (rates, exact impact ratios,
///   four-fifths flags, significance).
/// - flags: a label is flagged when `max |Δ| > threshold`; each single change over the threshold is
///   listed (up to `maxListedChanges`); a name group is also flagged by the four-fifths rule.
/// The scorer is a closure, so this module needs no scoring dependency; it is called sequentially,
/// original first, in a stable order.
public enum CounterfactualAudit {
    public struct Options: Sendable, Equatable {
        public var plan: CounterfactualVariant.Plan
        /// In score units: a change larger than this (in absolute value) is flagged.
        public var scoreChangeThreshold: Double
        public var selectTopFraction: Rational
        public var maxListedChanges: Int
        public init(plan: CounterfactualVariant.Plan = .init(), scoreChangeThreshold: Double = 0.02,
                    selectTopFraction: Rational = Rational(1, 2), maxListedChanges: Int = 50) {
            self.plan = plan
            self.scoreChangeThreshold = scoreChangeThreshold
            self.selectTopFraction = selectTopFraction
            self.maxListedChanges = maxListedChanges
        }
    }

    public static func run(
        resumes: [ParsedResume], names: NameBank, options: Options = .init(),
        score: (ParsedResume) async throws -> Double
    ) async throws -> CounterfactualReport {
        guard !resumes.isEmpty else { throw ScreenerError(.invalidInput, "no resumes for the counterfactual audit") }
        guard options.scoreChangeThreshold >= 0, Rational.zero < options.selectTopFraction, options.selectTopFraction <= Rational.one else {
            throw ScreenerError(.invalidConfiguration, "invalid counterfactual options")
        }
        var baseline: [Double] = []
        var scored: [(resume: Int, variant: CounterfactualVariant, score: Double)] = []
        for (i, r) in resumes.enumerated() {
            let b = try await score(r)
            guard b.isFinite else { throw ScreenerError(.invalidInput, "scorer returned a non-finite score") }
            baseline.append(b)
            for v in CounterfactualVariant.variants(of: r, names: names, plan: options.plan) {
                let s = try await score(v.resume)
                guard s.isFinite else { throw ScreenerError(.invalidInput, "scorer returned a non-finite score") }
                scored.append((i, v, s))
            }
        }
        func rank(_ x: Double, excluding i: Int) -> Int {
            1 + baseline.indices.filter { $0 != i && baseline[$0] > x }.count
        }
        var order: [String] = []
        var byLabel: [String: [(resume: Int, variant: CounterfactualVariant, score: Double)]] = [:]
        for s in scored {
            if byLabel[s.variant.kind.label] == nil { order.append(s.variant.kind.label) }
            byLabel[s.variant.kind.label, default: []].append(s)
        }
        var summaries: [CounterfactualReport.VariantSummary] = []
        var listed: [CounterfactualReport.Change] = []
        var totalOver = 0
        for label in order {
            let items = byLabel[label]!
            let deltas = items.map { $0.score - baseline[$0.resume] }
            let ranks = items.map { rank(baseline[$0.resume], excluding: $0.resume) - rank($0.score, excluding: $0.resume) }
            let over = items.indices.filter { abs(deltas[$0]) > options.scoreChangeThreshold }
            totalOver += over.count
            for k in over where listed.count < options.maxListedChanges {
                listed.append(.init(resumeIndex: items[k].resume, variant: label, baseline: baseline[items[k].resume],
                                    score: items[k].score, change: deltas[k], rankChange: ranks[k]))
            }
            let k = Double(items.count)
            summaries.append(.init(
                family: items[0].variant.kind.family, label: label, variants: items.count,
                meanChange: deltas.reduce(0, +) / k, meanAbsoluteChange: deltas.map(abs).reduce(0, +) / k,
                maxAbsoluteChange: deltas.map(abs).max() ?? 0,
                meanAbsoluteRankChange: Double(ranks.map(abs).reduce(0, +)) / k,
                maxAbsoluteRankChange: ranks.map(abs).max() ?? 0,
                flagged: !over.isEmpty))
        }
        // Selection by swapped name group.
        let kTop = max(1, (options.selectTopFraction * Rational(resumes.count)).ceiling)
        let cutoff = baseline.sorted(by: >)[min(kTop, resumes.count) - 1]
        var tallies: [ImpactTable.Tally] = []
        for g in names.groups {
            let items = scored.filter { $0.variant.kind == .name(g) }
            guard !items.isEmpty else { continue }
            tallies.append(.init(category: g.description, sex: g.sex.rawValue, race: g.race?.rawValue,
                                 n: items.count, selected: items.filter { $0.score >= cutoff }.count))
        }
        let table = ImpactTable.compute(name: "counterfactual_name_group", outcome: .selection, tallies: tallies, unknownCount: 0)
        return CounterfactualReport(
            resumes: resumes.count, variantsScored: scored.count, scoreChangeThreshold: options.scoreChangeThreshold,
            selectionCutoff: cutoff, selectTopFraction: options.selectTopFraction, summaries: summaries,
            nameGroupSelection: table, changesOverThreshold: totalOver, listedChanges: listed)
    }
}
