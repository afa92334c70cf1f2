import Foundation

/// What a job asks for: the input of every `ScoringModel`.
///
/// Field names follow JSON Resume's job schema where they overlap (`title`, `description`,
/// `location`, `skills` → `requiredSkills`/`preferredSkills`). Criteria arrive as JSON; YAML is
/// converted to JSON by the caller. `schemas/job-criteria.schema.json` is the contract.
///
/// Every change to a job's criteria creates a new `version`; each `Score` records the version it used.
public struct JobCriteria: Codable, Sendable, Equatable {
    public var id: String
    public var title: String?
    public var description: String?
    /// Criteria version (1, 2, …). Assigned by the store on `jobs put`; nil for an unsaved draft.
    public var version: Int?
    public var requiredSkills: [SkillRequirement]
    public var preferredSkills: [SkillRequirement]
    public var minExperienceYears: Double?
    public var education: EducationRequirement?
    public var languages: [LanguageRequirement]
    public var certifications: [String]
    public var location: Location?
    public var knockouts: [Knockout]
    public var shortlist: Shortlist?
    /// Per-job component weights; nil means `ScoreWeights.default`.
    public var weights: ScoreWeights?
    /// The scoring adapter for this job: a name from the service's `scoringModels`; nil means the
    /// service's default (`scoring`, the built-in model when unset).
    public var model: String?
    /// True when `CriteriaDeriver` drafted these criteria from a job ad.
    public var derived: Bool
    /// True until a person has reviewed a derived draft.
    public var needsReview: Bool

    public init(
        id: String, title: String? = nil, description: String? = nil, version: Int? = nil,
        requiredSkills: [SkillRequirement] = [], preferredSkills: [SkillRequirement] = [],
        minExperienceYears: Double? = nil, education: EducationRequirement? = nil,
        languages: [LanguageRequirement] = [], certifications: [String] = [], location: Location? = nil,
        knockouts: [Knockout] = [], shortlist: Shortlist? = nil, weights: ScoreWeights? = nil,
        model: String? = nil, derived: Bool = false, needsReview: Bool = false
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.version = version
        self.requiredSkills = requiredSkills
        self.preferredSkills = preferredSkills
        self.minExperienceYears = minExperienceYears
        self.education = education
        self.languages = languages
        self.certifications = certifications
        self.location = location
        self.knockouts = knockouts
        self.shortlist = shortlist
        self.weights = weights
        self.model = model
        self.derived = derived
        self.needsReview = needsReview
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, version, requiredSkills, preferredSkills, minExperienceYears, education
        case languages, certifications, location, knockouts, shortlist, weights, model, derived, needsReview
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // The id may be left out where the caller names the job (`PUT /v1/jobs/{id}/criteria`, `jobs put --job`).
        id = try c.decodeIfPresent(String.self, forKey: .id) ?? ""
        title = try c.decodeIfPresent(String.self, forKey: .title)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        version = try c.decodeIfPresent(Int.self, forKey: .version)
        requiredSkills = try c.decodeIfPresent([SkillRequirement].self, forKey: .requiredSkills) ?? []
        preferredSkills = try c.decodeIfPresent([SkillRequirement].self, forKey: .preferredSkills) ?? []
        minExperienceYears = try c.decodeIfPresent(Double.self, forKey: .minExperienceYears)
        education = try c.decodeIfPresent(EducationRequirement.self, forKey: .education)
        languages = try c.decodeIfPresent([LanguageRequirement].self, forKey: .languages) ?? []
        certifications = try c.decodeIfPresent([String].self, forKey: .certifications) ?? []
        location = try c.decodeIfPresent(Location.self, forKey: .location)
        knockouts = try c.decodeIfPresent([Knockout].self, forKey: .knockouts) ?? []
        shortlist = try c.decodeIfPresent(Shortlist.self, forKey: .shortlist)
        weights = try c.decodeIfPresent(ScoreWeights.self, forKey: .weights)
        model = try c.decodeIfPresent(String.self, forKey: .model)
        derived = try c.decodeIfPresent(Bool.self, forKey: .derived) ?? false
        needsReview = try c.decodeIfPresent(Bool.self, forKey: .needsReview) ?? false
    }

    /// A required or preferred skill. In JSON either a bare string (`"PostgreSQL"`) or an object
    /// `{name, minYears, weight}`; it always encodes as the object form.
    public struct SkillRequirement: Codable, Sendable, Equatable, Hashable {
        public var name: String
        /// Minimum years of use, from the work history (`monthsUsed / 12`).
        public var minYears: Double?
        /// Relative weight among the skills of the same list (default 1).
        public var weight: Double?

        public init(name: String, minYears: Double? = nil, weight: Double? = nil) {
            self.name = name
            self.minYears = minYears
            self.weight = weight
        }

        enum CodingKeys: String, CodingKey { case name, minYears, weight }

        public init(from decoder: Decoder) throws {
            if let s = try? decoder.singleValueContainer().decode(String.self) {
                self.init(name: s)
                return
            }
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                name: try c.decode(String.self, forKey: .name),
                minYears: try c.decodeIfPresent(Double.self, forKey: .minYears),
                weight: try c.decodeIfPresent(Double.self, forKey: .weight)
            )
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encodeIfPresent(minYears, forKey: .minYears)
            try c.encodeIfPresent(weight, forKey: .weight)
        }
    }

    public struct EducationRequirement: Codable, Sendable, Equatable {
        public var minimum: ParsedResume.EducationLevel
        /// Accepted fields of study (free text, matched case-insensitively); empty means any.
        public var fields: [String]
        public init(minimum: ParsedResume.EducationLevel, fields: [String] = []) {
            self.minimum = minimum
            self.fields = fields
        }
        enum CodingKeys: String, CodingKey { case minimum, fields }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            minimum = try c.decode(ParsedResume.EducationLevel.self, forKey: .minimum)
            fields = try c.decodeIfPresent([String].self, forKey: .fields) ?? []
        }
    }

    public struct LanguageRequirement: Codable, Sendable, Equatable {
        public var language: String
        /// CEFR level A1…C2; nil means any level.
        public var level: String?
        public init(language: String, level: String? = nil) {
            self.language = language
            self.level = level
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var remote: Bool?
        public var city: String?
        public var countryCode: String?
        public init(remote: Bool? = nil, city: String? = nil, countryCode: String? = nil) {
            self.remote = remote
            self.city = city
            self.countryCode = countryCode
        }
    }

    /// A hard rule on an ATS custom-field answer (never on demographics or resume text).
    /// Passes when the answer equals `equals` or is one of `oneOf` (case-insensitive, trimmed).
    public struct Knockout: Codable, Sendable, Equatable {
        public var field: String
        public var equals: String?
        public var oneOf: [String]?
        public init(field: String, equals: String? = nil, oneOf: [String]? = nil) {
            self.field = field
            self.equals = equals
            self.oneOf = oneOf
        }
    }

    public struct Shortlist: Codable, Sendable, Equatable {
        public var size: Int?
        public var minScore: Double?
        public init(size: Int? = nil, minScore: Double? = nil) {
            self.size = size
            self.minScore = minScore
        }
    }
}
