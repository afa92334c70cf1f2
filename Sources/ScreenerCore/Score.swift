import Foundation

/// The result of scoring one redacted profile against one job's criteria.
///
/// `total ∈ [0, 100]` is `100 · Σ w_c s_c / Σ w_c` over the applicable `components` (see
/// `ScoreWeights`). Knockouts do not change `total`; a profile with any knockout that did not pass is
/// `knockedOut` and ranks below every profile that is not. Evidence offsets point into
/// `RedactedProfile.text`, never into the original resume.
public struct Score: Codable, Sendable, Equatable {
    public var total: Double
    public var components: [Component]
    public var criteria: [CriterionResult]
    public var knockouts: [KnockoutResult]
    public var knockedOut: Bool
    public var warnings: [String]
    public var provenance: ScoreProvenance

    public init(
        total: Double, components: [Component], criteria: [CriterionResult] = [],
        knockouts: [KnockoutResult] = [], warnings: [String] = [], provenance: ScoreProvenance
    ) {
        self.total = total
        self.components = components
        self.criteria = criteria
        self.knockouts = knockouts
        self.knockedOut = knockouts.contains { $0.outcome != .passed }
        self.warnings = warnings
        self.provenance = provenance
    }

    /// One weighted sub-score. `points = 100 · weight · score / Σ weights`, so the points add up to
    /// `total`.
    public struct Component: Codable, Sendable, Equatable {
        /// `requiredSkills`, `preferredSkills`, `skillDepth`, `experience`, `education`,
        /// `certifications`, `languages`, `lexical`, or an adapter's own name.
        public var name: String
        public var weight: Double
        /// Sub-score in [0, 1].
        public var score: Double
        public var points: Double
        public init(name: String, weight: Double, score: Double, points: Double) {
            self.name = name
            self.weight = weight
            self.score = score
            self.points = points
        }
    }

    public enum Status: String, Codable, Sendable, Equatable {
        case matched, partial, missing
    }

    /// One criterion of the job and how the profile meets it (for explanations).
    public struct CriterionResult: Codable, Sendable, Equatable {
        /// `requiredSkill`, `preferredSkill`, `experience`, `education`, `certification`, `language`,
        /// `keywords`.
        public var kind: String
        public var name: String
        public var status: Status
        /// Credit in [0, 1].
        public var credit: Double
        /// A short, non-identifying note ("related: MySQL", "4.0 of 5 years").
        public var detail: String?
        public var evidence: [Evidence]
        public init(kind: String, name: String, status: Status, credit: Double, detail: String? = nil, evidence: [Evidence] = []) {
            self.kind = kind
            self.name = name
            self.status = status
            self.credit = credit
            self.detail = detail
            self.evidence = evidence
        }
    }

    /// A quote from the redacted text with its Unicode-scalar offsets.
    public struct Evidence: Codable, Sendable, Equatable {
        public var quote: String
        public var range: TextRange
        public var section: String?
        public init(quote: String, range: TextRange, section: String? = nil) {
            self.quote = quote
            self.range = range
            self.section = section
        }
    }

    public struct KnockoutResult: Codable, Sendable, Equatable {
        public enum Outcome: String, Codable, Sendable { case passed, failed, unanswered }
        public var field: String
        public var outcome: Outcome
        public init(field: String, outcome: Outcome) {
            self.field = field
            self.outcome = outcome
        }
    }

    /// This score with the knockout results replaced (and `knockedOut` recomputed).
    public func withKnockouts(_ results: [KnockoutResult]) -> Score {
        var s = self
        s.knockouts = results
        s.knockedOut = results.contains { $0.outcome != .passed }
        return s
    }
}
