import Foundation
import ScreenerCore

/// Builds a job's next `Shortlist` revision from its scored candidates. Pure: no I/O, no clock
/// (the caller passes `now`), so the same input always gives the same revision.
///
/// - Size and cut: `size = criteria.shortlist.size ?? 10` (negative taken as 0) and
///   `minScore = criteria.shortlist.minScore ?? 0`.
/// - Knockouts: a candidate whose score is `knockedOut` never ranks. It is listed in `knockedOut` with
///   one reason per knockout that did not pass, `"<field>: failed"` or `"<field>: unanswered"`.
/// - Ranking: the others with `round6(total) ≥ round6(minScore)`, ordered by `round6(total)`
///   descending, then `round6(coverage)` descending, then `candidateId` ascending (byte order), where
///   `round6(x) = (x · 10⁶).rounded() / 10⁶` and
///   `coverage = Σ credit(requiredSkill criteria) / count(requiredSkill criteria)`
///   (the `requiredSkills` component's score when the adapter listed no requiredSkill criteria, else 0).
///   The first `size` are the entries, ranked 1…n; `notShortlistedCount` counts the rest
///   (below `minScore` or past `size`; knocked-out candidates are not counted there).
/// - Entries: `topSkills` are the matched or partial `requiredSkill`/`preferredSkill` criteria by
///   credit descending (then required before preferred, then name), at most 5, without duplicates;
///   `missingRequired` are the `missing` requiredSkill criteria in the score's order; `model` is the
///   score's provenance; `criteriaVersion` is the version the score used (`criteriaVersion` when the
///   score does not say).
/// - Revision: `previous.revision + 1`, or 1 without a previous revision. `diff` is nil for the first
///   revision; otherwise `entered` (new ids in new rank order), `left` (dropped ids in old rank order)
///   and `moved` (ids on both with a different rank, in new rank order) — all empty when nothing changed.
/// - A non-finite total or coverage sorts as −∞ (last), so it can neither break nor win the ordering.
/// - Duplicates: when a candidate id appears more than once, the last occurrence (the newest score) wins.
/// - `generatedAt` is `now` truncated to whole seconds, so that its ISO 8601 form round-trips exactly.
public enum ShortlistBuilder {
    public static let defaultSize = 10
    public static let defaultMinScore = 0.0
    public static let maxTopSkills = 5

    public static func build(
        jobId: String, criteriaVersion: Int, criteria: JobCriteria, candidates: [ShortlistCandidate],
        previous: Shortlist?, now: Date
    ) -> Shortlist {
        let size = max(0, criteria.shortlist?.size ?? defaultSize)
        let minScore = criteria.shortlist?.minScore ?? defaultMinScore

        var latest: [String: ShortlistCandidate] = [:]
        for c in candidates { latest[c.candidateId] = c }
        let ranked = latest.values.map(Ranked.init).sorted(by: Ranked.before)

        var knockedOut: [Shortlist.Excluded] = []
        var eligible: [Ranked] = []
        for r in ranked {
            if r.candidate.score.knockedOut {
                knockedOut.append(.init(candidateId: r.candidate.candidateId, score: r.candidate.score.total,
                                        reasons: knockoutReasons(r.candidate.score)))
            } else if r.total >= round6(minScore) {
                eligible.append(r)
            }
        }
        let notKnockedOut = ranked.count - knockedOut.count
        let chosen = eligible.prefix(size)
        let entries = chosen.enumerated().map { i, r in
            entry(rank: i + 1, r.candidate, criteriaVersion: criteriaVersion)
        }
        let revision = (previous?.revision ?? 0) + 1
        let diff = previous.map { diffEntries(from: $0, to: entries) }
        return Shortlist(
            jobId: jobId, revision: revision, criteriaVersion: criteriaVersion,
            generatedAt: Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down)),
            size: size, minScore: minScore, entries: entries, knockedOut: knockedOut,
            notShortlistedCount: notKnockedOut - entries.count, diff: diff)
    }

    /// `(x · 10⁶).rounded() / 10⁶`: scores are compared at 6 decimals.
    public static func round6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }

    /// Required-skill coverage in [0, 1] (see the type's doc comment).
    public static func coverage(_ score: Score) -> Double {
        let req = score.criteria.filter { $0.kind == "requiredSkill" }
        if !req.isEmpty { return req.reduce(0) { $0 + $1.credit } / Double(req.count) }
        return score.components.first { $0.name == "requiredSkills" }?.score ?? 0
    }

    /// `"<field>: failed"` / `"<field>: unanswered"` for each knockout that did not pass, in order.
    public static func knockoutReasons(_ score: Score) -> [String] {
        score.knockouts.filter { $0.outcome != .passed }.map { "\($0.field): \($0.outcome.rawValue)" }
    }

    /// Matched/partial skill criteria by credit (required before preferred on ties, then name).
    public static func topSkills(_ score: Score, limit: Int = maxTopSkills) -> [String] {
        let skills = score.criteria.enumerated().filter { _, c in
            (c.kind == "requiredSkill" || c.kind == "preferredSkill") && c.status != .missing
        }
        let sorted = skills.sorted { a, b in
            let (ca, cb) = (round6(a.element.credit), round6(b.element.credit))
            if ca != cb { return ca > cb }
            let (ra, rb) = (a.element.kind == "requiredSkill", b.element.kind == "requiredSkill")
            if ra != rb { return ra }
            if a.element.name != b.element.name { return a.element.name < b.element.name }
            return a.offset < b.offset
        }
        var seen = Set<String>()
        var out: [String] = []
        for (_, c) in sorted where out.count < limit && seen.insert(c.name.lowercased()).inserted {
            out.append(c.name)
        }
        return out
    }

    /// The `missing` requiredSkill criteria, in the score's order.
    public static func missingRequired(_ score: Score) -> [String] {
        score.criteria.filter { $0.kind == "requiredSkill" && $0.status == .missing }.map(\.name)
    }

    /// Entered, left and moved between two rankings (see the type's doc comment).
    public static func diffEntries(from previous: Shortlist, to entries: [Shortlist.Entry]) -> Shortlist.Diff {
        var oldRank: [String: Int] = [:]
        for e in previous.entries { oldRank[e.candidateId] = e.rank }
        let newIds = Set(entries.map(\.candidateId))
        var entered: [String] = []
        var moved: [Shortlist.Move] = []
        for e in entries {
            if let from = oldRank[e.candidateId] {
                if from != e.rank { moved.append(.init(candidateId: e.candidateId, from: from, to: e.rank)) }
            } else {
                entered.append(e.candidateId)
            }
        }
        let left = previous.entries.sorted { $0.rank < $1.rank }.map(\.candidateId).filter { !newIds.contains($0) }
        return .init(previousRevision: previous.revision, entered: entered, left: left, moved: moved)
    }

    static func entry(rank: Int, _ c: ShortlistCandidate, criteriaVersion: Int) -> Shortlist.Entry {
        let p = c.score.provenance
        return .init(
            rank: rank, candidateId: c.candidateId, score: c.score.total, topSkills: topSkills(c.score),
            missingRequired: missingRequired(c.score), yearsOfExperience: c.yearsOfExperience,
            model: .init(adapter: p.adapter, model: p.model, version: p.modelVersion,
                         promptTemplateVersion: p.promptTemplateVersion),
            criteriaVersion: p.criteriaVersion ?? criteriaVersion)
    }

    /// A candidate with its precomputed sort keys.
    struct Ranked {
        var candidate: ShortlistCandidate
        var total: Double
        var coverage: Double
        init(_ c: ShortlistCandidate) {
            candidate = c
            // A non-finite value (a broken adapter) sorts last instead of breaking the ordering.
            let t = ShortlistBuilder.round6(c.score.total)
            let v = ShortlistBuilder.round6(ShortlistBuilder.coverage(c.score))
            total = t.isFinite ? t : -.infinity
            coverage = v.isFinite ? v : -.infinity
        }
        static func before(_ a: Ranked, _ b: Ranked) -> Bool {
            if a.total != b.total { return a.total > b.total }
            if a.coverage != b.coverage { return a.coverage > b.coverage }
            return a.candidate.candidateId.utf8.lexicographicallyPrecedes(b.candidate.candidateId.utf8)
        }
    }
}
