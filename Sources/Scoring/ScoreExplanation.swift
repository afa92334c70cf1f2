import Foundation
import ScreenerCore

/// Renders a `Score` as a plain-text table for the CLI (`screener score`): total, components with
/// weights and points, then each criterion as matched (✓), partly matched (~) or missing (✗) with
/// its detail and first evidence quote, then knockouts and provenance.
public struct ScoreExplanation: Sendable {
    public var score: Score
    public var maxQuote: Int

    public init(_ score: Score, maxQuote: Int = 60) {
        self.score = score
        self.maxQuote = maxQuote
    }

    public func render() -> String {
        var out: [String] = []
        let s = score
        out.append(String(format: "Score %.1f / 100%@", s.total, s.knockedOut ? "  (KNOCKED OUT)" : ""))
        out.append("")
        out.append(table(["component", "weight", "score", "points"],
                         s.components.map { [$0.name, String(format: "%.2f", $0.weight), String(format: "%.2f", $0.score), String(format: "%.1f", $0.points)] }))
        if !s.criteria.isEmpty {
            out.append("")
            let rows = s.criteria.map { c -> [String] in
                let mark = c.status == .matched ? "✓" : (c.status == .partial ? "~" : "✗")
                var q = c.evidence.first?.quote ?? ""
                if q.count > maxQuote { q = String(q.prefix(maxQuote - 1)) + "…" }
                return [mark, c.kind, c.name, String(format: "%.2f", c.credit), c.detail ?? "", q.isEmpty ? "" : "\"\(q)\""]
            }
            out.append(table(["", "criterion", "name", "credit", "detail", "evidence"], rows))
        }
        if !s.knockouts.isEmpty {
            out.append("")
            out.append(table(["knockout", "outcome"], s.knockouts.map { [$0.field, $0.outcome.rawValue] }))
        }
        for w in s.warnings { out.append("warning: \(w)") }
        let p = s.provenance
        out.append("")
        out.append("model \(p.adapter)/\(p.model) \(p.modelVersion) · criteria \(p.criteriaId) v\(p.criteriaVersion.map(String.init) ?? "-") · input \(p.inputSHA256.prefix(12))")
        return out.joined(separator: "\n") + "\n"
    }

    /// Left-aligned columns separated by two spaces, with a rule under the header.
    func table(_ header: [String], _ rows: [[String]]) -> String {
        var w = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < w.count { w[i] = max(w[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in c.padding(toLength: w[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
        return ([line(header), line(w.map { String(repeating: "-", count: $0) })] + rows.map(line)).joined(separator: "\n")
    }
}
