import Foundation

/// Relative weights of the built-in model's components, configurable per job
/// (`JobCriteria.weights`). Weights need not sum to 1: the total is
///
///     total = 100 · Σ_c w_c · s_c / Σ_c w_c      over applicable components c,
///
/// where `s_c ∈ [0, 1]` is a component's sub-score and a component is applicable when the criteria
/// ask for it (no required skills → no `requiredSkills` component). Lexical relevance is always
/// applicable when the criteria have any text.
public struct ScoreWeights: Codable, Sendable, Equatable, Hashable {
    /// Coverage of required skills (synonyms count fully, related skills partly).
    public var requiredSkills: Double
    /// Weighted coverage of preferred skills.
    public var preferredSkills: Double
    /// Years and recency of the skills asked for (`minYears`, `monthsUsed`, `lastUsed`).
    public var skillDepth: Double
    /// Total experience against `minExperienceYears`.
    public var experience: Double
    public var education: Double
    public var certifications: Double
    public var languages: Double
    /// BM25 of the criteria text against the resume sections.
    public var lexical: Double

    public init(
        requiredSkills: Double = 0.14, preferredSkills: Double = 0.05, skillDepth: Double = 0.04,
        experience: Double = 0.09, education: Double = 0.06, certifications: Double = 0.04,
        languages: Double = 0.04, lexical: Double = 0.54
    ) {
        self.requiredSkills = requiredSkills
        self.preferredSkills = preferredSkills
        self.skillDepth = skillDepth
        self.experience = experience
        self.education = education
        self.certifications = certifications
        self.languages = languages
        self.lexical = lexical
    }

    /// The documented defaults (they sum to 1): required 0.14, preferred 0.05, depth 0.04,
    /// experience 0.09, education 0.06, certifications 0.04, languages 0.04, lexical 0.54.
    /// Lexical relevance over the whole job ad carries most weight: on the public sets
    /// (`scripts/quality`) it is the strongest single component, while coverage of derived skills
    /// alone ranks worse; skills still decide between candidates of similar text relevance.
    public static let `default` = ScoreWeights()

    enum CodingKeys: String, CodingKey {
        case requiredSkills, preferredSkills, skillDepth, experience, education, certifications, languages, lexical
    }

    /// Missing keys take their default, so a job may override one weight only.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = ScoreWeights()
        requiredSkills = try c.decodeIfPresent(Double.self, forKey: .requiredSkills) ?? d.requiredSkills
        preferredSkills = try c.decodeIfPresent(Double.self, forKey: .preferredSkills) ?? d.preferredSkills
        skillDepth = try c.decodeIfPresent(Double.self, forKey: .skillDepth) ?? d.skillDepth
        experience = try c.decodeIfPresent(Double.self, forKey: .experience) ?? d.experience
        education = try c.decodeIfPresent(Double.self, forKey: .education) ?? d.education
        certifications = try c.decodeIfPresent(Double.self, forKey: .certifications) ?? d.certifications
        languages = try c.decodeIfPresent(Double.self, forKey: .languages) ?? d.languages
        lexical = try c.decodeIfPresent(Double.self, forKey: .lexical) ?? d.lexical
    }
}
