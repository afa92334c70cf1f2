import Foundation
import ScreenerCore

/// The default scoring adapter (`builtin`): offline, deterministic, no network.
///
/// Sub-scores, each in [0, 1], blended by `ScoreWeights` (per job) into `total ∈ [0, 100]`:
///
/// - **requiredSkills** `= Σ_i w_i c_i / Σ_i w_i` with credit `c_i = 1` when the profile lists the
///   skill (by taxonomy id, canonical name or alias), `0.75` when the skill's name occurs in the
///   text as a phrase (adjacent words; `textMentionCredit`), `0.5` for a related taxonomy skill
///   (`relatedCredit`), else 0.
/// - **preferredSkills**: the same over the preferred skills with their weights.
/// - **skillDepth** `= Σ_i w_i c_i · y_i · r_i / Σ_i w_i` over required and (half-weighted) preferred
///   skills, with years credit `y_i = min(1, years_i / minYears_i)` (target 3 years when no
///   `minYears`; 0.5 when the months are unknown) and recency
///   `r_i = 1` if last used ≤ 12 months ago, else `max(0.3, e^{−(m−12)/48})` (0.8 when unknown).
/// - **experience** with `y` years against minimum `m`: `0.8·y/m` below, and
///   `0.8 + 0.2·(1 − e^{−(y−m)/max(1,m)})` at or above (diminishing returns, never a penalty);
///   0.5 when the profile has no work history at all (unknown, not zero).
/// - **education**: 1 at or above the minimum level, 0.5 one level below, else 0 (×0.8 when
///   `fields` are given and none matches); unknown level counts as one below.
/// - **certifications**: share of listed certifications found (by name or all words in the text).
/// - **languages**: per language 1 at or above the CEFR level, `0.7 · have/need` below, 0 absent;
///   0.5 when the profile lists no languages at all.
/// - **lexical**: BM25 (`k1 = 1.2`, `b = 0.75`) of the criteria text against the section-weighted
///   resume, with the job titles held as an extra field (`PreparedProfile.titleWeight`), as a share `ρ` of its saturation value, mapped `1 − e^{−ρ/τ}` with `τ = lexicalScale`.
public struct BuiltinModel: ScoringModel {
    public static let adapterID = "builtin"
    public static let version = "1.2.0"

    public let taxonomy: SkillTaxonomy
    public let corpus: BM25Corpus
    public var k1: Double = 1.2
    public var b: Double = 0.75
    public var relatedCredit: Double = 0.5
    public var textMentionCredit: Double = 0.75
    public var lexicalScale: Double = 0.15

    public init(taxonomy: SkillTaxonomy = .bundled(), corpus: BM25Corpus = .default) {
        self.taxonomy = taxonomy
        self.corpus = corpus
    }

    public var descriptor: ScoringModelDescriptor {
        .init(adapter: Self.adapterID, model: "screener-builtin", version: Self.version)
    }

    /// Resolve criteria once per job.
    public func prepare(_ criteria: JobCriteria) -> PreparedCriteria {
        PreparedCriteria(criteria, taxonomy: taxonomy, corpus: corpus, k1: k1)
    }

    /// Flatten a redacted profile once per profile.
    public func prepare(_ profile: RedactedProfile) -> PreparedProfile { PreparedProfile(profile) }

    /// The fast path: sub-scores and total, no explanation, no allocation.
    public func components(_ p: PreparedProfile, _ c: PreparedCriteria) -> ComponentScores {
        evaluate(p, c)
    }

    public func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
        score(prepare(profile), prepare(criteria))
    }

    /// The full score with explanation and evidence.
    public func score(_ p: PreparedProfile, _ c: PreparedCriteria) -> Score {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let cs = evaluate(p, c)
        let results = explain(p, c, cs)
        let w = c.weights
        let den = cs.named(w).filter { !$0.1.isNaN && $0.2 > 0 }.map(\.2).reduce(0, +)
        let comps = cs.named(w).filter { !$0.1.isNaN }.map {
            Score.Component(name: $0.0, weight: $0.2, score: $0.1, points: den > 0 ? 100 * $0.2 * $0.1 / den : 0)
        }
        var warnings: [String] = []
        if c.criteria.needsReview { warnings.append("criteria are a derived draft that needs review") }
        if p.profile.skills.isEmpty { warnings.append("profile lists no skills; skill components rely on text mentions") }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        return Score(
            total: cs.total, components: comps, criteria: results, warnings: warnings,
            provenance: ScoreProvenance(
                adapter: Self.adapterID, model: "screener-builtin", modelVersion: Self.version,
                criteriaId: c.criteria.id, criteriaVersion: c.criteria.version, inputSHA256: p.inputSHA256,
                latencyMs: ms, redactionPolicyVersion: p.profile.policyVersion))
    }
}
