import Foundation
import ScreenerCore

/// The `ensemble` adapter: a weighted blend of member adapters, configured per job.
///
/// With member weights `w_i > 0` and member totals `T_i`:
///
///     total = Σ_i w_i · T_i / Σ_i w_i
///
/// Components are concatenated, each named `<prefix>.<name>` (prefix: the member's adapter id,
/// with `#2`, `#3`… for repeats), weight `ŵ_i · c.weight / Σ_c c.weight` and points
/// `ŵ_i · c.points`, where `ŵ_i = w_i / Σ_j w_j`; so the weights sum to 1 and the points add up to
/// `total` whenever each member's points add up to its total. Criteria results and warnings are
/// concatenated (warnings prefixed `<prefix>: `); knockouts come from the first member.
/// Provenance: adapter `ensemble`, model `prefix:model×w + …`, tokens and cost summed, latency the
/// wall time, input hash and prompt version of the first member that has one, `fallbackFrom` the
/// members that fell back. Members run concurrently; any member error fails the ensemble (wrap a
/// member in `FallbackModel` to avoid that).
public struct EnsembleModel: ScoringModel {
    public static let adapterID = "ensemble"
    public static let version = "1.0.0"

    public struct Member: Sendable {
        public var model: any ScoringModel
        public var weight: Double
        public init(_ model: any ScoringModel, weight: Double) {
            self.model = model
            self.weight = weight
        }
    }

    public let members: [Member]

    public init(members: [Member]) throws {
        guard !members.isEmpty else { throw ScreenerError(.invalidConfiguration, "an ensemble needs at least one member") }
        guard members.allSatisfy({ $0.weight.isFinite && $0.weight > 0 }) else {
            throw ScreenerError(.invalidConfiguration, "ensemble member weights must be positive")
        }
        self.members = members
    }

    /// Member prefixes: adapter ids, with `#k` on the k-th repeat.
    public var prefixes: [String] {
        var seen: [String: Int] = [:]
        return members.map { m in
            let a = m.model.descriptor.adapter
            seen[a, default: 0] += 1
            return seen[a]! == 1 ? a : "\(a)#\(seen[a]!)"
        }
    }

    public var descriptor: ScoringModelDescriptor {
        let names = zip(prefixes, members).map { "\($0):\($1.model.descriptor.model)×\(Self.fmt($1.weight))" }
        return .init(adapter: Self.adapterID, model: names.joined(separator: "+"), version: Self.version)
    }

    static func fmt(_ w: Double) -> String { w == w.rounded() ? String(Int(w)) : String(w) }

    public func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
        let started = ContinuousClock.now
        let scores = try await withThrowingTaskGroup(of: (Int, Score).self) { group in
            for (i, m) in members.enumerated() {
                group.addTask { (i, try await m.model.score(profile, criteria: criteria)) }
            }
            var out = [Score?](repeating: nil, count: members.count)
            for try await (i, s) in group { out[i] = s }
            return out.map { $0! }
        }
        return blend(scores, criteria: criteria, latencyMs: {
            let e = ContinuousClock.now - started
            return Double(e.components.seconds) * 1000 + Double(e.components.attoseconds) / 1e15
        }())
    }

    /// The blend of member scores (formulas on the type).
    public func blend(_ scores: [Score], criteria: JobCriteria, latencyMs: Double = 0) -> Score {
        let wSum = members.map(\.weight).reduce(0, +)
        let prefixes = self.prefixes
        var total = 0.0
        var components: [Score.Component] = []
        var results: [Score.CriterionResult] = []
        var warnings: [String] = []
        var fellBack: [String] = []
        var prompt = 0, completion = 0, cost = 0.0
        for (i, s) in scores.enumerated() {
            let share = members[i].weight / wSum
            total += share * s.total
            let cw = s.components.map(\.weight).reduce(0, +)
            for c in s.components {
                components.append(.init(name: "\(prefixes[i]).\(c.name)", weight: cw > 0 ? share * c.weight / cw : 0,
                                        score: c.score, points: share * c.points))
            }
            results += s.criteria
            warnings += s.warnings.map { "\(prefixes[i]): \($0)" }
            if let f = s.provenance.fallbackFrom { fellBack.append("\(prefixes[i]):\(f)") }
            prompt += s.provenance.promptTokens
            completion += s.provenance.completionTokens
            cost += s.provenance.costUSD
        }
        let first = scores.first?.provenance
        return Score(
            total: min(100, max(0, total)), components: components, criteria: results,
            knockouts: scores.first?.knockouts ?? [], warnings: warnings,
            provenance: ScoreProvenance(
                adapter: Self.adapterID, model: descriptor.model, modelVersion: Self.version,
                promptTemplateVersion: scores.compactMap(\.provenance.promptTemplateVersion).first,
                criteriaId: criteria.id, criteriaVersion: criteria.version,
                inputSHA256: first?.inputSHA256 ?? "", latencyMs: latencyMs, promptTokens: prompt,
                completionTokens: completion, costUSD: cost,
                fallbackFrom: fellBack.isEmpty ? nil : fellBack.joined(separator: ","),
                redactionPolicyVersion: first?.redactionPolicyVersion))
    }
}
