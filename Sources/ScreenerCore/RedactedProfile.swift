import Foundation

/// What a scoring model may see: a `ParsedResume` with protected signals removed.
///
/// `text` is the resume text with each protected span replaced by a fixed neutral token (`[NAME]`,
/// `[EMAIL]`, `[YEAR]`, …) whose length does not depend on what it replaced. Structure keeps only
/// what scoring needs; absolute dates are turned into durations and months-ago relative to `asOf`
/// so that no birth year can be read back. All offsets are Unicode-scalar offsets into `text`.
public struct RedactedProfile: Codable, Sendable, Equatable {
    public var text: String
    public var sections: [ParsedResume.Section]
    public var work: [Work]
    public var education: [Education]
    public var skills: [Skill]
    public var languages: [ParsedResume.Language]
    public var certificates: [String]
    public var totalExperienceMonths: Int
    /// Every redaction made, in text order: kind and offsets before and after.
    public var redactions: [Redaction]
    /// Version of the redaction policy that produced this profile.
    public var policyVersion: String

    public init(
        text: String, sections: [ParsedResume.Section] = [], work: [Work] = [], education: [Education] = [],
        skills: [Skill] = [], languages: [ParsedResume.Language] = [], certificates: [String] = [],
        totalExperienceMonths: Int = 0, redactions: [Redaction] = [], policyVersion: String = "none"
    ) {
        self.text = text
        self.sections = sections
        self.work = work
        self.education = education
        self.skills = skills
        self.languages = languages
        self.certificates = certificates
        self.totalExperienceMonths = totalExperienceMonths
        self.redactions = redactions
        self.policyVersion = policyVersion
    }

    public struct Work: Codable, Sendable, Equatable {
        public var position: String?
        public var organization: String?
        public var durationMonths: Int?
        /// Months between the end of this entry and `asOf` (0 when current).
        public var monthsSinceEnd: Int?
        public var isCurrent: Bool
        public var range: TextRange?
        public init(position: String? = nil, organization: String? = nil, durationMonths: Int? = nil, monthsSinceEnd: Int? = nil, isCurrent: Bool = false, range: TextRange? = nil) {
            self.position = position
            self.organization = organization
            self.durationMonths = durationMonths
            self.monthsSinceEnd = monthsSinceEnd
            self.isCurrent = isCurrent
            self.range = range
        }
    }

    public struct Education: Codable, Sendable, Equatable {
        public var level: ParsedResume.EducationLevel?
        public var area: String?
        public var studyType: String?
        public var range: TextRange?
        public init(level: ParsedResume.EducationLevel? = nil, area: String? = nil, studyType: String? = nil, range: TextRange? = nil) {
            self.level = level
            self.area = area
            self.studyType = studyType
            self.range = range
        }
    }

    public struct Skill: Codable, Sendable, Equatable {
        public var name: String
        /// Taxonomy id, nil outside the taxonomy.
        public var id: String?
        public var category: String?
        public var monthsUsed: Int?
        /// Months between the last use and `asOf` (0 when used in a current role).
        public var monthsSinceLastUsed: Int?
        public var evidence: [ParsedResume.Evidence]
        public init(name: String, id: String? = nil, category: String? = nil, monthsUsed: Int? = nil, monthsSinceLastUsed: Int? = nil, evidence: [ParsedResume.Evidence] = []) {
            self.name = name
            self.id = id
            self.category = category
            self.monthsUsed = monthsUsed
            self.monthsSinceLastUsed = monthsSinceLastUsed
            self.evidence = evidence
        }
    }

    /// One removed span. `original` points into the `ParsedResume.text`, `replacement` into `text`.
    public struct Redaction: Codable, Sendable, Equatable {
        /// `name`, `email`, `phone`, `address`, `profile_link`, `photo`, `date_of_birth`, `age`,
        /// `gender`, `pronoun`, `title`, `marital_status`, `nationality`, `religion`, `year`.
        public var kind: String
        public var original: TextRange
        public var replacement: TextRange
        public init(kind: String, original: TextRange, replacement: TextRange) {
            self.kind = kind
            self.original = original
            self.replacement = replacement
        }
    }
}
