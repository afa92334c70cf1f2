import Foundation

/// The result of a ``CounterfactualAudit`` run: per-alteration score and rank changes, selection
/// impact ratios by swapped name group, and flags. Resumes are identified by index only.
public struct CounterfactualReport: Sendable, Equatable, Encodable {
    public struct VariantSummary: Sendable, Equatable, Encodable {
        public var family: String
        public var label: String
        public var variants: Int
        public var meanChange: Double
        public var meanAbsoluteChange: Double
        public var maxAbsoluteChange: Double
        public var meanAbsoluteRankChange: Double
        public var maxAbsoluteRankChange: Int
        /// `maxAbsoluteChange > scoreChangeThreshold`.
        public var flagged: Bool
    }

    public struct Change: Sendable, Equatable, Encodable {
        public var resumeIndex: Int
        public var variant: String
        public var baseline: Double
        public var score: Double
        public var change: Double
        public var rankChange: Int
    }

    public var resumes: Int
    public var variantsScored: Int
    public var scoreChangeThreshold: Double
    public var selectionCutoff: Double
    public var selectTopFraction: Rational
    public var summaries: [VariantSummary]
    public var nameGroupSelection: ImpactTable
    public var changesOverThreshold: Int
    public var listedChanges: [Change]

    /// Labels flagged by score change, then name groups flagged by the four-fifths rule.
    public var flags: [String] {
        summaries.filter(\.flagged).map { "\($0.label): max |change| \(Formatting.fixed($0.maxAbsoluteChange, digits: 4)) > \(Formatting.fixed(scoreChangeThreshold, digits: 4))" }
            + nameGroupSelection.flaggedRows.map { "Name group \($0.category): selection impact ratio \(Formatting.fixed($0.impactRatio!.doubleValue, digits: 3)) < 0.8" }
    }

    public var biasDetected: Bool { !flags.isEmpty }

    enum Keys: String, CodingKey {
        case resumes, variantsScored, scoreChangeThreshold, selectionCutoff, selectTopFraction, summaries
        case nameGroupSelection, changesOverThreshold, listedChanges, flags, biasDetected
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(resumes, forKey: .resumes)
        try c.encode(variantsScored, forKey: .variantsScored)
        try c.encode(scoreChangeThreshold, forKey: .scoreChangeThreshold)
        try c.encode(selectionCutoff, forKey: .selectionCutoff)
        try c.encode(selectTopFraction.doubleValue, forKey: .selectTopFraction)
        try c.encode(summaries, forKey: .summaries)
        try c.encode(JSONReport.table(nameGroupSelection), forKey: .nameGroupSelection)
        try c.encode(changesOverThreshold, forKey: .changesOverThreshold)
        try c.encode(listedChanges, forKey: .listedChanges)
        try c.encode(flags, forKey: .flags)
        try c.encode(biasDetected, forKey: .biasDetected)
    }

    func markdownLines() -> [String] {
        var out = ["Resumes: \(resumes); variants scored: \(variantsScored); change threshold: \(scoreChangeThreshold).", "",
                   "| Alteration | Variants | Mean change | Mean abs change | Max abs change | Mean abs rank change | Max abs rank change | Flag |",
                   "|---|---:|---:|---:|---:|---:|---:|:---:|"]
        for s in summaries {
            out.append("| \(s.label) | \(s.variants) | \(Formatting.fixed(s.meanChange, digits: 4)) | \(Formatting.fixed(s.meanAbsoluteChange, digits: 4)) | \(Formatting.fixed(s.maxAbsoluteChange, digits: 4)) | \(Formatting.fixed(s.meanAbsoluteRankChange, digits: 2)) | \(s.maxAbsoluteRankChange) | \(s.flagged ? "**yes**" : "no") |")
        }
        out.append("")
        out.append("Selection by swapped name group (cut-off \(Formatting.fixed(selectionCutoff, digits: 4)), top \(Formatting.percent(selectTopFraction.doubleValue)) of baseline scores):")
        out.append("")
        out.append("| Name group | n | Selected | Rate | Impact ratio | Below 4/5 |")
        out.append("|---|---:|---:|---:|---:|:---:|")
        for r in nameGroupSelection.rows {
            out.append("| \(r.category) | \(r.n) | \(r.selected) | \(r.rate.map { Formatting.percent($0.doubleValue) } ?? "n/a") | \(r.impactRatio.map { Formatting.fixed($0.doubleValue, digits: 3) } ?? "undefined") | \(r.fourFifthsFlag ? "**yes**" : "no") |")
        }
        out.append("")
        out.append(flags.isEmpty ? "No counterfactual flags." : "Flags:")
        out.append(contentsOf: flags.map { "- " + $0 })
        return out
    }

    func htmlFragment() -> String {
        let e = HTML.escape
        var b = "<p>Resumes: \(resumes); variants scored: \(variantsScored); change threshold: \(scoreChangeThreshold).</p>"
        b += "<table><thead><tr><th>Alteration</th><th>Variants</th><th>Mean change</th><th>Mean abs change</th><th>Max abs change</th><th>Mean abs rank change</th><th>Max abs rank change</th></tr></thead><tbody>"
        for s in summaries {
            b += "<tr\(s.flagged ? " class=\"flag\"" : "")><td>\(e(s.label))</td><td class=\"num\">\(s.variants)</td><td class=\"num\">\(Formatting.fixed(s.meanChange, digits: 4))</td><td class=\"num\">\(Formatting.fixed(s.meanAbsoluteChange, digits: 4))</td><td class=\"num\">\(Formatting.fixed(s.maxAbsoluteChange, digits: 4))</td><td class=\"num\">\(Formatting.fixed(s.meanAbsoluteRankChange, digits: 2))</td><td class=\"num\">\(s.maxAbsoluteRankChange)</td></tr>"
        }
        b += "</tbody></table>"
        let bars = nameGroupSelection.rows.map { SVGChart.Bar(label: $0.category, value: $0.impactRatio?.doubleValue, note: nil, flagged: $0.fourFifthsFlag) }
        b += "<figure>\(SVGChart.impactRatioBars(bars, title: "Selection impact ratio by swapped name group"))</figure>"
        b += flags.isEmpty ? "<p>No counterfactual flags.</p>" : "<ul>\(flags.map { "<li>\(e($0))</li>" }.joined())</ul>"
        return b
    }
}
