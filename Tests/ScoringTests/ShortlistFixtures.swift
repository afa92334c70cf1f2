import Foundation
import ScreenerCore
@testable import Scoring

/// Hand-made scores and shortlists for the shortlist builder and report tests.
enum ShortlistFixtures {
    static let now = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18T11:06:40Z

    static let provenance = ScoreProvenance(
        adapter: "builtin", model: "bm25-rubric", modelVersion: "1.2.0", criteriaId: "backend-eng-1",
        criteriaVersion: 3, inputSHA256: String(repeating: "ab", count: 32), redactionPolicyVersion: "2026-11")

    /// A score with `total`, required skills given as `(name, credit)` (credit 0 → missing,
    /// 1 → matched, else partial), preferred skills likewise, and knockout outcomes.
    static func score(
        _ total: Double, required: [(String, Double)] = [], preferred: [(String, Double)] = [],
        knockouts: [(String, Score.KnockoutResult.Outcome)] = [], provenance: ScoreProvenance = provenance
    ) -> Score {
        func crit(_ kind: String, _ s: (String, Double)) -> Score.CriterionResult {
            let status: Score.Status = s.1 <= 0 ? .missing : (s.1 >= 1 ? .matched : .partial)
            let ev: [Score.Evidence] = status == .missing ? [] : [.init(quote: "used \(s.0) daily", range: .init(start: 0, end: 10), section: "experience")]
            return .init(kind: kind, name: s.0, status: status, credit: s.1, detail: status == .partial ? "related skill" : nil, evidence: ev)
        }
        let reqScore = required.isEmpty ? 0 : required.map(\.1).reduce(0, +) / Double(required.count)
        let comps: [Score.Component] = [
            .init(name: "requiredSkills", weight: 0.5, score: reqScore, points: total / 2),
            .init(name: "experience", weight: 0.5, score: total / 100, points: total / 2),
        ]
        return Score(total: total, components: comps,
                     criteria: required.map { crit("requiredSkill", $0) } + preferred.map { crit("preferredSkill", $0) },
                     knockouts: knockouts.map { .init(field: $0.0, outcome: $0.1) }, provenance: provenance)
    }

    static func candidate(_ id: String, _ score: Score, years: Double? = 5) -> ShortlistCandidate {
        .init(candidateId: id, score: score, yearsOfExperience: years)
    }

    /// Criteria with an optional `shortlist` block.
    static func criteria(size: Int? = nil, minScore: Double? = nil) -> JobCriteria {
        JobCriteria(id: "backend-eng-1", title: "Backend Engineer", version: 3,
                    requiredSkills: [.init(name: "Swift"), .init(name: "PostgreSQL")],
                    knockouts: [.init(field: "work_authorization", equals: "yes")],
                    shortlist: (size == nil && minScore == nil) ? nil : .init(size: size, minScore: minScore))
    }

    static func build(_ cands: [ShortlistCandidate], size: Int? = nil, minScore: Double? = nil,
                      previous: Shortlist? = nil, now: Date = now) -> Shortlist {
        ShortlistBuilder.build(jobId: "backend-eng-1", criteriaVersion: 3, criteria: criteria(size: size, minScore: minScore),
                               candidates: cands, previous: previous, now: now)
    }

    /// Five candidates: four ranked, one knocked out; c-b and c-c tie on total, c-b has more coverage.
    static let mixed: [ShortlistCandidate] = [
        candidate("c-a", score(91.5, required: [("Swift", 1), ("PostgreSQL", 1)], preferred: [("Kubernetes", 0.5)])),
        candidate("c-b", score(75, required: [("Swift", 1), ("PostgreSQL", 0.5)])),
        candidate("c-c", score(75, required: [("Swift", 1), ("PostgreSQL", 0)], preferred: [("gRPC", 1)]), years: nil),
        candidate("c-d", score(40.25, required: [("Swift", 0), ("PostgreSQL", 0)])),
        candidate("c-e", score(97, required: [("Swift", 1), ("PostgreSQL", 1)],
                               knockouts: [("work_authorization", .failed), ("relocation", .unanswered), ("degree", .passed)])),
    ]
}

/// A small deterministic generator for shuffles in tests (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
