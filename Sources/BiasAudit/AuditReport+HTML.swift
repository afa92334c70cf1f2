import Foundation

extension AuditReport {
    /// One self-contained, printable HTML file: inline CSS and SVG only (no scripts, no external
    /// resources). Sections: posting summary, charts (impact ratios with the 0.8 line, rates with
    /// Wilson 95 % intervals, monthly trend), every table with significance, flags, jobs,
    /// counterfactual results, warnings and methodology.
    public func renderHTML() -> String {
        let e = HTML.escape
        var b: [String] = []
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(e(title))</title>")
        b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        b.append("<style>\(Self.css)</style></head><body>")
        b.append("<h1>\(e(title))</h1>")
        b.append("<section class=\"summary\"><h2>Summary for public posting (NYC Local Law 144)</h2><dl>")
        b.append("<dt>Audit date</dt><dd>\(auditDate)</dd>")
        b.append("<dt>Data source</dt><dd>\(e(dataSource))</dd>")
        b.append("<dt>Date range of the data</dt><dd>\(dateRange.map { "\($0.lowerBound) to \($0.upperBound)" } ?? "not recorded")</dd>")
        b.append("<dt>Individuals assessed</dt><dd>\(individuals)</dd>")
        for t in selectionTables {
            b.append("<dt>Unknown \(e(Self.tableTitle(t.name).lowercased()))</dt><dd>\(t.unknownCount)</dd>")
        }
        if let m = medianScore {
            b.append("<dt>Scored individuals</dt><dd>\(scoredIndividuals)</dd><dt>Median score (full sample)</dt><dd>\(Formatting.fixed(m, digits: 4))</dd>")
        }
        b.append("<dt>Four-fifths flags</dt><dd>\(flags.count)</dd></dl>")
        for t in allTables {
            b.append("<h3>\(e(Self.tableTitle(t.name))) — \(t.outcome == .selection ? "selection rates" : "scoring rates")</h3>")
            b.append("<table class=\"posting\"><thead><tr><th>Category</th><th>n</th><th>Rate</th><th>Impact ratio</th></tr></thead><tbody>")
            for r in t.rows {
                let ratio = r.excluded ? "excluded" : (r.impactRatio.map { Formatting.fixed($0.doubleValue, digits: 3) } ?? "undefined")
                b.append("<tr\(r.fourFifthsFlag ? " class=\"flag\"" : "")><td>\(e(r.category))</td><td class=\"num\">\(r.n)</td><td class=\"num\">\(r.rate.map { Formatting.percent($0.doubleValue) } ?? "n/a")</td><td class=\"num\">\(ratio)</td></tr>")
            }
            b.append("</tbody></table><p class=\"note\">Unknown: \(t.unknownCount).\(t.undefinedReason != nil ? " Impact ratios undefined: \(t.undefinedReason == "all_rates_zero" ? "every rate is zero" : "no category has data")." : "")</p>")
            if let j = t.exclusionJustification { b.append("<p class=\"note\">\(e(j))</p>") }
        }
        b.append("</section>")

        b.append("<section><h2>Charts</h2>")
        for t in allTables {
            let bars = t.rows.map { r in
                SVGChart.Bar(label: r.category, value: r.impactRatio?.doubleValue,
                             note: r.excluded ? "excluded (< threshold share)" : (r.n == 0 ? "no data" : "undefined"), flagged: r.fourFifthsFlag)
            }
            b.append("<figure>\(SVGChart.impactRatioBars(bars, title: "Impact ratios — \(Self.tableTitle(t.name)) (\(t.outcome.rawValue))"))</figure>")
        }
        for t in allTables where t.outcome == .selection {
            let items = t.rows.map { r -> SVGChart.Interval in
                let w = WilsonInterval(successes: r.selected, trials: r.n)
                return SVGChart.Interval(label: "\(r.category) (n=\(r.n))", rate: r.rate?.doubleValue, lower: w?.lower ?? 0, upper: w?.upper ?? 0)
            }
            b.append("<figure>\(SVGChart.rateIntervals(items, title: "Selection rates with Wilson 95% intervals — \(Self.tableTitle(t.name))"))</figure>")
        }
        if !monthly.isEmpty {
            let labels = monthly.map(\.month)
            let chart = SVGChart.trend(labels: labels, series: [
                .init(name: "Selection rate", colour: "#555", values: monthly.map { $0.rate?.doubleValue }),
                .init(name: "Lowest sex ratio", colour: "#2e6da4", values: monthly.map { $0.lowestImpactRatio(LL144.sexTableName)?.doubleValue }),
                .init(name: "Lowest race/ethnicity ratio", colour: "#d68910", values: monthly.map { $0.lowestImpactRatio(LL144.raceTableName)?.doubleValue }),
            ], title: "Monthly trend (dashed: 0.8)")
            b.append("<figure>\(chart)</figure>")
        }
        b.append("</section>")

        b.append("<section><h2>Flags (four-fifths rule)</h2>")
        let fl = flags
        if fl.isEmpty { b.append("<p>No category has an impact ratio below 4/5.</p>") } else {
            b.append("<ul>")
            for f in fl {
                b.append("<li>\(e(Self.tableTitle(f.table))) (\(f.outcome.rawValue)): <strong>\(e(f.category))</strong> — impact ratio \(Formatting.fixed(f.impactRatio.doubleValue, digits: 3)) (exactly \(f.impactRatio)), \(f.significantAt05 ? "statistically significant at 5%" : "not statistically significant at 5%")</li>")
            }
            b.append("</ul>")
        }
        b.append("</section>")

        b.append("<section><h2>Significance against the highest-rate category</h2>")
        for t in allTables {
            b.append("<h3>\(e(Self.tableTitle(t.name))) — \(t.outcome.rawValue)</h3>")
            b.append("<table><thead><tr><th>Category</th><th>n</th><th>\(t.outcome == .selection ? "Selected" : "Above median")</th><th>Z</th><th>p (Z)</th><th>χ²</th><th>p (χ²)</th><th>p (Fisher)</th><th>Shortfall to parity</th><th>Shortfall to 4/5</th><th>Warnings</th></tr></thead><tbody>")
            for r in t.rows {
                guard let s = r.significance else {
                    b.append("<tr><td>\(e(r.category))</td><td class=\"num\">\(r.n)</td><td class=\"num\">\(r.selected)</td><td colspan=\"8\" class=\"note\">\(r.isReference ? "reference (highest rate)" : r.excluded ? "excluded" : "not tested")</td></tr>")
                    continue
                }
                b.append("<tr\(r.fourFifthsFlag ? " class=\"flag\"" : "")><td>\(e(r.category))</td><td class=\"num\">\(r.n)</td><td class=\"num\">\(r.selected)</td><td class=\"num\">\(Formatting.optional(s.zStatistic, digits: 3))</td><td class=\"num\">\(Formatting.pValue(s.zPValue))</td><td class=\"num\">\(Formatting.optional(s.chiSquare, digits: 3))</td><td class=\"num\">\(Formatting.pValue(s.chiSquarePValue))</td><td class=\"num\">\(Formatting.pValue(s.fisherPValue))</td><td class=\"num\">\(s.shortfallToParity)</td><td class=\"num\">\(s.shortfallToFourFifths)</td><td>\(e(s.warnings.joined(separator: ", ")))</td></tr>")
            }
            b.append("</tbody></table>")
        }
        b.append("</section>")

        if !jobs.isEmpty {
            b.append("<section><h2>Jobs</h2><table><thead><tr><th>Job</th><th>n</th><th>Selected</th><th>Date range</th><th>Flags</th></tr></thead><tbody>")
            for j in jobs {
                let f = j.tables.flatMap { t in t.flaggedRows.map { "\($0.category) (\(Self.tableTitle(t.name)))" } }
                b.append("<tr><td>\(e(j.job))</td><td class=\"num\">\(j.n)</td><td class=\"num\">\(j.selected)</td><td class=\"nowrap\">\(j.dateRange.map { "\($0.lowerBound) to \($0.upperBound)" } ?? "")</td><td>\(e(f.isEmpty ? "none" : f.joined(separator: "; ")))</td></tr>")
            }
            b.append("</tbody></table></section>")
        }
        if let c = counterfactual { b.append("<section><h2>Counterfactual audit</h2>\(c.htmlFragment())</section>") }
        if !warnings.isEmpty {
            b.append("<section><h2>Warnings</h2><ul>\(warnings.map { "<li>\(e($0))</li>" }.joined())</ul></section>")
        }
        b.append("<section><h2>Methodology</h2><ul>\(methodology.map { "<li>\(e($0))</li>" }.joined())</ul></section>")
        b.append("</body></html>")
        return b.joined(separator: "\n") + "\n"
    }

    static let css = """
    body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;font-size:13px;color:#222;max-width:1000px;margin:24px auto;padding:0 16px}
    h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;border-bottom:1px solid #ccc;padding-bottom:3px;margin-top:28px}h3{font-size:14px;margin:16px 0 6px}
    table{border-collapse:collapse;margin:4px 0 8px;width:100%}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
    th{background:#f2f2f2}td:first-child{min-width:180px}td.nowrap{white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums}tr.flag td{background:#fbe3e1}
    table.posting{width:auto;min-width:480px}dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dt{font-weight:bold}dd{margin:0}
    .note{color:#555;font-size:12px}figure{margin:10px 0;page-break-inside:avoid;break-inside:avoid}svg{max-width:100%;height:auto}
    section{page-break-inside:auto}
    @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}table,figure{page-break-inside:avoid}}
    """
}
