import Foundation
import ScreenerCore

extension OpenAIChatModel {
    /// Warning prefix when evidence quotes were not found in the text and dropped.
    public static let hallucinatedEvidenceWarning = "hallucinated_evidence"

    /// Status of an item score (see `OpenAIChatModel`).
    static func status(_ s: Double) -> Score.Status { s >= 0.75 ? .matched : (s > 0.2 ? .partial : .missing) }

    /// Maps validated rubric entries to a `Score` (formulas on `OpenAIChatModel`).
    func makeScore(_ entries: [String: RubricReply.Entry], items: [RubricItem], profile: RedactedProfile, criteria: JobCriteria, inputSHA256: String, usage: Usage) -> Score {
        let locator = EvidenceLocator(text: profile.text, sections: profile.sections)
        var dropped = 0
        var results: [Score.CriterionResult] = []
        for item in items {
            let e = entries[item.id]!
            var evidence: [Score.Evidence] = []
            for q in e.evidence where !q.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                if let ev = locator.locate(q) {
                    if !evidence.contains(ev) && evidence.count < 3 { evidence.append(ev) }
                } else {
                    dropped += 1
                }
            }
            let rationale = e.rationale.trimmingCharacters(in: .whitespacesAndNewlines)
            results.append(.init(kind: item.kind, name: item.name, status: Self.status(e.score), credit: e.score,
                                 detail: rationale.isEmpty ? nil : String(rationale.prefix(240)), evidence: evidence))
        }
        var sub: [(String, Double, Double)] = []  // name, weight W_c, score s_c
        for (name, W) in RubricItem.componentWeights(criteria.weights) where W > 0 {
            let mine = items.filter { $0.component == name }
            guard !mine.isEmpty else { continue }
            let wSum = mine.map(\.weight).reduce(0, +)
            let s = wSum > 0
                ? mine.map { $0.weight * entries[$0.id]!.score }.reduce(0, +) / wSum
                : mine.map { entries[$0.id]!.score }.reduce(0, +) / Double(mine.count)
            sub.append((name, W, s))
        }
        let den = sub.map(\.1).reduce(0, +)
        let components = sub.map { Score.Component(name: $0.0, weight: $0.1, score: $0.2, points: den > 0 ? 100 * $0.1 * $0.2 / den : 0) }
        let total = min(100, max(0, components.map(\.points).reduce(0, +)))
        var warnings: [String] = []
        if criteria.needsReview { warnings.append("criteria are a derived draft that needs review") }
        if dropped > 0 {
            warnings.append("\(Self.hallucinatedEvidenceWarning): \(dropped) evidence quote(s) not found in the resume text were dropped")
        }
        return Score(
            total: total, components: components, criteria: results, warnings: warnings,
            provenance: ScoreProvenance(
                adapter: Self.adapterID, model: model, modelVersion: usage.replyModel ?? Self.version,
                promptTemplateVersion: RubricPrompt.version, criteriaId: criteria.id, criteriaVersion: criteria.version,
                inputSHA256: inputSHA256, latencyMs: usage.latencyMs, promptTokens: usage.promptTokens,
                completionTokens: usage.completionTokens, costUSD: usage.costUSD,
                redactionPolicyVersion: profile.policyVersion))
    }
}
