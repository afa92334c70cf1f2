import Foundation

/// A resume turned into structure. Field names follow JSON Resume (`basics`, `work`, `education`,
/// `skills`, `languages`, `certificates`); Screener's additions live under `screener`-prefixed names
/// (`sections`, `flags`, `warnings`, `text`) so that a JSON Resume reader can ignore them.
///
/// Offsets are UTF-16-independent: they count Unicode scalars (`String.unicodeScalars`) into `text`.
public struct ParsedResume: Codable, Sendable, Equatable {
    /// The visible text that structuring read, in reading order. Hidden text is never here.
    public var text: String
    public var basics: Basics
    public var work: [Work]
    public var education: [Education]
    public var skills: [Skill]
    public var languages: [Language]
    public var certificates: [Certificate]
    public var sections: [Section]
    public var flags: [Flag]
    public var warnings: [String]
    /// Merged months of work experience (overlaps counted once, "Present" up to `parsedAt`).
    public var totalExperienceMonths: Int
    public var meta: Meta

    public init(
        text: String,
        basics: Basics = .init(),
        work: [Work] = [],
        education: [Education] = [],
        skills: [Skill] = [],
        languages: [Language] = [],
        certificates: [Certificate] = [],
        sections: [Section] = [],
        flags: [Flag] = [],
        warnings: [String] = [],
        totalExperienceMonths: Int = 0,
        meta: Meta
    ) {
        self.text = text
        self.basics = basics
        self.work = work
        self.education = education
        self.skills = skills
        self.languages = languages
        self.certificates = certificates
        self.sections = sections
        self.flags = flags
        self.warnings = warnings
        self.totalExperienceMonths = totalExperienceMonths
        self.meta = meta
    }

    public struct Basics: Codable, Sendable, Equatable {
        public var name: String?
        public var label: String?
        public var email: String?
        public var emails: [String]
        public var phone: String?
        public var phones: [String]
        public var url: String?
        public var summary: String?
        public var location: Location?
        public var profiles: [Profile]

        public init(
            name: String? = nil, label: String? = nil, email: String? = nil, emails: [String] = [],
            phone: String? = nil, phones: [String] = [], url: String? = nil, summary: String? = nil,
            location: Location? = nil, profiles: [Profile] = []
        ) {
            self.name = name
            self.label = label
            self.email = email
            self.emails = emails
            self.phone = phone
            self.phones = phones
            self.url = url
            self.summary = summary
            self.location = location
            self.profiles = profiles
        }
    }

    public struct Location: Codable, Sendable, Equatable {
        public var address: String?
        public var postalCode: String?
        public var city: String?
        public var countryCode: String?
        public var region: String?
        public init(address: String? = nil, postalCode: String? = nil, city: String? = nil, countryCode: String? = nil, region: String? = nil) {
            self.address = address
            self.postalCode = postalCode
            self.city = city
            self.countryCode = countryCode
            self.region = region
        }
    }

    public struct Profile: Codable, Sendable, Equatable {
        /// `LinkedIn`, `GitHub`, `Portfolio`, …
        public var network: String
        public var username: String?
        public var url: String
        public init(network: String, username: String? = nil, url: String) {
            self.network = network
            self.username = username
            self.url = url
        }
    }

    /// A partial date as written: year, or year and month. ISO 8601 form `YYYY` or `YYYY-MM`.
    public struct PartialDate: Codable, Sendable, Equatable, Comparable, Hashable {
        public var year: Int
        public var month: Int?
        public init(year: Int, month: Int? = nil) {
            self.year = year
            self.month = month
        }
        /// Months since year 0, taking a missing month as January.
        public var monthIndex: Int { year * 12 + ((month ?? 1) - 1) }
        public static func < (a: Self, b: Self) -> Bool { a.monthIndex < b.monthIndex }
        public var iso: String { month.map { String(format: "%04d-%02d", year, $0) } ?? String(format: "%04d", year) }

        public init(from decoder: Decoder) throws {
            let s = try decoder.singleValueContainer().decode(String.self)
            let parts = s.split(separator: "-")
            guard let y = parts.first.flatMap({ Int($0) }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad partial date"))
            }
            self.year = y
            self.month = parts.count > 1 ? Int(parts[1]) : nil
        }
        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            try c.encode(iso)
        }
    }

    public struct Work: Codable, Sendable, Equatable {
        public var name: String?
        public var position: String?
        public var location: String?
        public var startDate: PartialDate?
        public var endDate: PartialDate?
        /// True when the entry says "Present", "Current", "Now" and so on.
        public var isCurrent: Bool
        public var summary: String?
        public var highlights: [String]
        /// Scalar offsets of this entry in `ParsedResume.text`.
        public var range: TextRange?
        public init(
            name: String? = nil, position: String? = nil, location: String? = nil,
            startDate: PartialDate? = nil, endDate: PartialDate? = nil, isCurrent: Bool = false,
            summary: String? = nil, highlights: [String] = [], range: TextRange? = nil
        ) {
            self.name = name
            self.position = position
            self.location = location
            self.startDate = startDate
            self.endDate = endDate
            self.isCurrent = isCurrent
            self.summary = summary
            self.highlights = highlights
            self.range = range
        }
    }

    public enum EducationLevel: String, Codable, Sendable, CaseIterable, Comparable {
        case none, secondary, associate, bachelor, master, doctorate
        public var rank: Int { Self.allCases.firstIndex(of: self)! }
        public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
    }

    public struct Education: Codable, Sendable, Equatable {
        public var institution: String?
        public var area: String?
        public var studyType: String?
        public var level: EducationLevel?
        public var startDate: PartialDate?
        public var endDate: PartialDate?
        public var score: String?
        public var range: TextRange?
        public init(
            institution: String? = nil, area: String? = nil, studyType: String? = nil,
            level: EducationLevel? = nil, startDate: PartialDate? = nil, endDate: PartialDate? = nil,
            score: String? = nil, range: TextRange? = nil
        ) {
            self.institution = institution
            self.area = area
            self.studyType = studyType
            self.level = level
            self.startDate = startDate
            self.endDate = endDate
            self.score = score
            self.range = range
        }
    }

    public struct Skill: Codable, Sendable, Equatable {
        /// Canonical taxonomy name, or the phrase as written when it is outside the taxonomy.
        public var name: String
        /// Taxonomy id, nil when outside the taxonomy.
        public var id: String?
        public var category: String?
        public var keywords: [String]
        public var evidence: [Evidence]
        public var lastUsed: PartialDate?
        public var monthsUsed: Int?
        public init(
            name: String, id: String? = nil, category: String? = nil, keywords: [String] = [],
            evidence: [Evidence] = [], lastUsed: PartialDate? = nil, monthsUsed: Int? = nil
        ) {
            self.name = name
            self.id = id
            self.category = category
            self.keywords = keywords
            self.evidence = evidence
            self.lastUsed = lastUsed
            self.monthsUsed = monthsUsed
        }
    }

    public struct Evidence: Codable, Sendable, Equatable {
        public var range: TextRange
        /// The section kind the mention stands in (`skills`, `experience`, …).
        public var section: String?
        public init(range: TextRange, section: String? = nil) {
            self.range = range
            self.section = section
        }
    }

    public struct Language: Codable, Sendable, Equatable {
        public var language: String
        public var fluency: String?
        /// CEFR level A1…C2 where stated or implied by the fluency word.
        public var cefr: String?
        public init(language: String, fluency: String? = nil, cefr: String? = nil) {
            self.language = language
            self.fluency = fluency
            self.cefr = cefr
        }
    }

    public struct Certificate: Codable, Sendable, Equatable {
        public var name: String
        public var issuer: String?
        public var date: PartialDate?
        public init(name: String, issuer: String? = nil, date: PartialDate? = nil) {
            self.name = name
            self.issuer = issuer
            self.date = date
        }
    }

    public struct Section: Codable, Sendable, Equatable {
        /// summary, experience, education, skills, projects, certifications, languages, awards,
        /// volunteer, interests, references, contact, other.
        public var kind: String
        public var heading: String?
        public var range: TextRange
        public init(kind: String, heading: String? = nil, range: TextRange) {
            self.kind = kind
            self.heading = heading
            self.range = range
        }
    }

    public struct Flag: Codable, Sendable, Equatable {
        /// `hidden_text` or `prompt_injection`.
        public var kind: String
        public var detail: String
        /// Offsets into `text`, nil for hidden text (which is not part of `text`).
        public var range: TextRange?
        /// The flagged text itself, kept for review but never scored.
        public var excerpt: String?
        public init(kind: String, detail: String, range: TextRange? = nil, excerpt: String? = nil) {
            self.kind = kind
            self.detail = detail
            self.range = range
            self.excerpt = excerpt
        }
    }

    public struct Meta: Codable, Sendable, Equatable {
        /// pdf, docx, odt, html, txt, rtf, json-resume, hropen-json, hrxml.
        public var format: String
        public var parserVersion: String
        public var pages: Int?
        public var ocr: Bool
        public var parsedAt: Date
        /// SHA-256 hex of the input bytes.
        public var inputSHA256: String?
        public init(format: String, parserVersion: String, pages: Int? = nil, ocr: Bool = false, parsedAt: Date, inputSHA256: String? = nil) {
            self.format = format
            self.parserVersion = parserVersion
            self.pages = pages
            self.ocr = ocr
            self.parsedAt = parsedAt
            self.inputSHA256 = inputSHA256
        }
    }
}

/// A half-open range of Unicode scalar offsets `[start, end)`.
public struct TextRange: Codable, Sendable, Equatable, Hashable {
    public var start: Int
    public var end: Int
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
