import Foundation

extension AuditReport {
    /// One CSV row per category of every pooled table (then per-job tables, with the job in the
    /// `job` column). Decimal values use `.` and up to 17 significant digits; exact values are `p/q`.
    public func renderCSV() -> String {
        var lines = ["job,table,outcome,category,n,selected,rate,rate_exact,impact_ratio,impact_ratio_exact,four_fifths_flag,reference,excluded,unknown_in_table,z,z_p,chi_square,chi_square_p,fisher_p,shortfall_to_parity,shortfall_to_four_fifths,warnings"]
        func emit(_ job: String, _ t: ImpactTable) {
            for r in t.rows {
                let s = r.significance
                let fields: [String] = [
                    job, t.name, t.outcome.rawValue, r.category, String(r.n), String(r.selected),
                    r.rate.map { num($0.doubleValue) } ?? "", r.rate?.description ?? "",
                    r.impactRatio.map { num($0.doubleValue) } ?? "", r.impactRatio?.description ?? "",
                    String(r.fourFifthsFlag), String(r.isReference), String(r.excluded), String(t.unknownCount),
                    s?.zStatistic.map(num) ?? "", s?.zPValue.map(num) ?? "", s?.chiSquare.map(num) ?? "",
                    s?.chiSquarePValue.map(num) ?? "", s?.fisherPValue.map(num) ?? "",
                    s.map { String($0.shortfallToParity) } ?? "", s.map { String($0.shortfallToFourFifths) } ?? "",
                    (s?.warnings ?? []).joined(separator: ";"),
                ]
                lines.append(fields.map(csvField).joined(separator: ","))
            }
        }
        for t in allTables { emit("", t) }
        for j in jobs { for t in j.tables { emit(j.job, t) } }
        return lines.joined(separator: "\n") + "\n"
    }

    private func num(_ x: Double) -> String { "\(x)" }

    /// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed with `'` so that spreadsheets
    /// do not evaluate it (CSV injection), except for plain numbers.
    func csvField(_ s: String) -> String {
        var v = s
        if let f = v.first, "=+-@".contains(f), Double(v) == nil { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }
}
