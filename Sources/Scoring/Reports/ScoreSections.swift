import Foundation
import ScreenerCore

/// The score breakdown blocks shared by the shortlist (`--explain`) and candidate reports: the
/// components with weights and points (`points = 100 · weight · score / Σ weights`), the criteria as
/// matched / partial / missing with credit, detail and evidence quotes, the knockouts and warnings.
enum ScoreSections {
    static func quote(_ q: String, max: Int) -> String {
        let flat = q.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > max ? String(flat.prefix(Swift.max(1, max - 1))) + "…" : flat
    }

    /// Evidence quotes of one criterion, each in double quotes, separated by ` · `.
    static func evidence(_ c: Score.CriterionResult, maxQuote: Int, limit: Int = 2) -> String {
        c.evidence.prefix(limit).map { "\"" + quote($0.quote, max: maxQuote) + "\"" }.joined(separator: " · ")
    }

    static func componentsTable(_ s: Score) -> ReportTable {
        ReportTable(title: "Components", columns: ["Component", "Weight", "Score", "Points"], rows: s.components.map {
            [$0.name, ReportJSON.number($0.weight, decimals: 2), ReportJSON.number($0.score, decimals: 2),
             ReportJSON.number($0.points, decimals: 2)]
        }, numeric: [1, 2, 3], emptyText: "no components")
    }

    static func criteriaTable(_ s: Score, maxQuote: Int) -> ReportTable {
        ReportTable(title: "Criteria", columns: ["Status", "Criterion", "Name", "Credit", "Detail", "Evidence"], rows: s.criteria.map {
            [$0.status.rawValue, $0.kind, $0.name, ReportJSON.number($0.credit, decimals: 2), $0.detail ?? "",
             evidence($0, maxQuote: maxQuote)]
        }, numeric: [3], emptyText: "no criteria listed by the model")
    }

    static func append(_ s: Score, to doc: inout ReportDocument, maxQuote: Int) {
        doc.table(componentsTable(s))
        doc.table(criteriaTable(s, maxQuote: maxQuote))
        if !s.knockouts.isEmpty {
            doc.table(ReportTable(title: "Knockouts", columns: ["Field", "Outcome"],
                                  rows: s.knockouts.map { [$0.field, $0.outcome.rawValue] }))
        }
        if !s.warnings.isEmpty { doc.list(s.warnings.map { "warning: " + $0 }) }
    }

    /// Provenance as fields: model, prompt template, criteria, input hash, policy, cost and latency.
    static func provenanceFields(_ p: ScoreProvenance) -> [ReportDocument.Field] {
        var f: [ReportDocument.Field] = [
            .init("Model", "\(p.adapter)/\(p.model) \(p.modelVersion)"),
            .init("Criteria", "\(p.criteriaId) v\(p.criteriaVersion.map(String.init) ?? "-")"),
            .init("Input SHA-256", p.inputSHA256),
        ]
        if let t = p.promptTemplateVersion { f.append(.init("Prompt template", t)) }
        if let r = p.redactionPolicyVersion { f.append(.init("Redaction policy", r)) }
        if let fb = p.fallbackFrom { f.append(.init("Fallback from", fb)) }
        f.append(.init("Tokens (prompt / completion)", "\(p.promptTokens) / \(p.completionTokens)"))
        f.append(.init("Cost (USD)", ReportJSON.number(p.costUSD, decimals: 4)))
        f.append(.init("Latency (ms)", ReportJSON.number(p.latencyMs, decimals: 1)))
        return f
    }
}
