import Foundation

extension AuditReport {
    /// A Markdown report: posting summary, one table per LL144 table, flags, significance, trend,
    /// per-job summary, counterfactual results and methodology.
    public func renderMarkdown() -> String {
        var out: [String] = []
        out.append("# \(md(title))")
        out.append("")
        out.append("## Summary for public posting (NYC Local Law 144)")
        out.append("")
        out.append("- Audit date: \(auditDate)")
        out.append("- Data source: \(md(dataSource))")
        out.append("- Date range of the data: \(dateRange.map { "\($0.lowerBound) to \($0.upperBound)" } ?? "not recorded")")
        out.append("- Number of individuals assessed: \(individuals)")
        for t in selectionTables { out.append("- Unknown category in the \(Self.tableTitle(t.name)) table: \(t.unknownCount)") }
        if let m = medianScore { out.append("- Scored individuals: \(scoredIndividuals); median score of the full sample: \(Formatting.fixed(m, digits: 4))") }
        out.append("")
        for t in allTables {
            out.append("### \(Self.tableTitle(t.name)) — \(t.outcome == .selection ? "selection rates" : "scoring rates")")
            out.append("")
            let countHeader = t.outcome == .selection ? "Selected" : "Above median"
            out.append("| Category | n | \(countHeader) | Rate | Impact ratio | Below 4/5 | Z | p (Z) | p (χ²) | p (Fisher) | Shortfall |")
            out.append("|---|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|")
            for r in t.rows {
                let s = r.significance
                let ratio = r.excluded ? "excluded" : (r.impactRatio.map { Formatting.fixed($0.doubleValue, digits: 3) } ?? "undefined")
                let name = md(r.category) + (r.isReference ? " (reference)" : "")
                out.append("| \(name) | \(r.n) | \(r.selected) | \(r.rate.map { Formatting.percent($0.doubleValue) } ?? "n/a") | \(ratio) | \(r.fourFifthsFlag ? "**yes**" : "no") | \(Formatting.optional(s?.zStatistic, digits: 3)) | \(Formatting.pValue(s?.zPValue)) | \(Formatting.pValue(s?.chiSquarePValue)) | \(Formatting.pValue(s?.fisherPValue)) | \(s.map { String($0.shortfallToParity) } ?? "") |")
            }
            out.append("")
            out.append("Unknown: \(t.unknownCount).\(t.undefinedReason != nil ? " Impact ratios are **undefined**: \(t.undefinedReason == "all_rates_zero" ? "every rate is zero" : "no category has data")." : "")")
            if let j = t.exclusionJustification { out.append(""); out.append(md(j)) }
            out.append("")
        }
        out.append("## Flags (four-fifths rule)")
        out.append("")
        let fl = flags
        if fl.isEmpty { out.append("No category has an impact ratio below 4/5.") }
        for f in fl {
            out.append("- \(Self.tableTitle(f.table)) (\(f.outcome.rawValue)): \(md(f.category)) — impact ratio \(Formatting.fixed(f.impactRatio.doubleValue, digits: 3)) (\(f.impactRatio))\(f.significantAt05 ? ", statistically significant at 5%" : ", not statistically significant at 5%")")
        }
        out.append("")
        if !monthly.isEmpty {
            out.append("## Monthly trend")
            out.append("")
            out.append("| Month | n | Selected | Rate | Lowest sex ratio | Lowest race/ethnicity ratio |")
            out.append("|---|---:|---:|---:|---:|---:|")
            for m in monthly {
                out.append("| \(m.month) | \(m.n) | \(m.selected) | \(m.rate.map { Formatting.percent($0.doubleValue) } ?? "n/a") | \(m.lowestImpactRatio(LL144.sexTableName).map { Formatting.fixed($0.doubleValue, digits: 3) } ?? "undefined") | \(m.lowestImpactRatio(LL144.raceTableName).map { Formatting.fixed($0.doubleValue, digits: 3) } ?? "undefined") |")
            }
            out.append("")
        }
        if !jobs.isEmpty {
            out.append("## Jobs")
            out.append("")
            out.append("| Job | n | Selected | Flags (selection, all tables) |")
            out.append("|---|---:|---:|---|")
            for j in jobs {
                let f = j.tables.flatMap { t in t.flaggedRows.map { "\($0.category) (\(Self.tableTitle(t.name)))" } }
                out.append("| \(md(j.job)) | \(j.n) | \(j.selected) | \(f.isEmpty ? "none" : md(f.joined(separator: "; "))) |")
            }
            out.append("")
        }
        if let c = counterfactual {
            out.append("## Counterfactual audit")
            out.append("")
            out.append(contentsOf: c.markdownLines())
            out.append("")
        }
        if !warnings.isEmpty {
            out.append("## Warnings")
            out.append("")
            out.append(contentsOf: warnings.map { "- " + md($0) })
            out.append("")
        }
        out.append("## Methodology")
        out.append("")
        out.append(contentsOf: methodology.map { "- " + $0 })
        out.append("")
        return out.joined(separator: "\n")
    }

    static func tableTitle(_ name: String) -> String {
        switch name {
        case LL144.sexTableName: return "Sex"
        case LL144.raceTableName: return "Race/ethnicity"
        case LL144.intersectionTableName: return "Sex × race/ethnicity"
        default: return name
        }
    }

    /// Escapes the characters that would break a Markdown table cell.
    func md(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
