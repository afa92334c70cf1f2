import Foundation

/// The canonical event that every ATS profile maps into (`webhooks/<profile>/profile.yaml`).
///
/// Its JSON form is described by `schemas/candidate-event.schema.json`. Optional members that are
/// `nil` are omitted when encoded. Dates (`Application.appliedAt`) are encoded as ISO 8601 strings
/// whatever the encoder's date strategy, so the stored form matches the schema.
///
/// Demographics travel beside the candidate, never inside it: the store keeps them apart and no
/// scoring API accepts `Demographics`.
public struct CandidateEvent: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case application
        case stageChange = "stage_change"
        case candidateDeleted = "candidate_deleted"
        case candidateAnonymized = "candidate_anonymized"
        case jobCreated = "job_created"
        case jobUpdated = "job_updated"
        case ping
        case other
    }

    public var kind: Kind
    /// The ATS's own event name (e.g. `new_candidate_application`, `candidateStageChange`).
    public var eventType: String
    public var candidate: Candidate?
    public var application: Application?
    public var job: Job?
    public var resume: ResumeRef?
    /// Voluntary EEO self-identification, kept apart from everything scoring sees.
    public var demographics: Demographics?
    /// What a thin payload says must be fetched through the ATS API before work can proceed.
    public var fetch: [FetchHint]

    public init(
        kind: Kind,
        eventType: String,
        candidate: Candidate? = nil,
        application: Application? = nil,
        job: Job? = nil,
        resume: ResumeRef? = nil,
        demographics: Demographics? = nil,
        fetch: [FetchHint] = []
    ) {
        self.kind = kind
        self.eventType = eventType
        self.candidate = candidate
        self.application = application
        self.job = job
        self.resume = resume
        self.demographics = demographics
        self.fetch = fetch
    }

    /// The person, as the ATS identifies them.
    public struct Candidate: Codable, Sendable, Equatable {
        public var externalId: String?
        public var firstName: String?
        public var lastName: String?
        /// For ATSs that carry one name field only (Ashby, Workable's `name`).
        public var fullName: String?
        public var emails: [String]
        public var phones: [String]

        public init(
            externalId: String? = nil,
            firstName: String? = nil,
            lastName: String? = nil,
            fullName: String? = nil,
            emails: [String] = [],
            phones: [String] = []
        ) {
            self.externalId = externalId
            self.firstName = firstName
            self.lastName = lastName
            self.fullName = fullName
            self.emails = emails
            self.phones = phones
        }
    }

    /// One application of the candidate to one job.
    public struct Application: Codable, Sendable, Equatable {
        public var externalId: String?
        /// The ATS's stage name, or its stage id when the payload carries only the id (Lever).
        public var stage: String?
        public var appliedAt: Date?
        /// Knockout answers and custom fields, by the ATS's question key or text.
        public var answers: [String: String]

        public init(externalId: String? = nil, stage: String? = nil, appliedAt: Date? = nil, answers: [String: String] = [:]) {
            self.externalId = externalId
            self.stage = stage
            self.appliedAt = appliedAt
            self.answers = answers
        }

        enum CodingKeys: String, CodingKey { case externalId, stage, appliedAt, answers }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            externalId = try c.decodeIfPresent(String.self, forKey: .externalId)
            stage = try c.decodeIfPresent(String.self, forKey: .stage)
            answers = try c.decodeIfPresent([String: String].self, forKey: .answers) ?? [:]
            if let text = try c.decodeIfPresent(String.self, forKey: .appliedAt) {
                guard let date = CandidateEvent.DateText.parse(text) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .appliedAt, in: c, debugDescription: "appliedAt is not an ISO 8601 date-time")
                }
                appliedAt = date
            } else {
                appliedAt = nil
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encodeIfPresent(externalId, forKey: .externalId)
            try c.encodeIfPresent(stage, forKey: .stage)
            try c.encodeIfPresent(appliedAt.map(CandidateEvent.DateText.format), forKey: .appliedAt)
            try c.encode(answers, forKey: .answers)
        }
    }

    /// The job (requisition / posting) the event concerns.
    public struct Job: Codable, Sendable, Equatable {
        public var externalId: String?
        public var title: String?
        public var description: String?

        public init(externalId: String? = nil, title: String? = nil, description: String? = nil) {
            self.externalId = externalId
            self.title = title
            self.description = description
        }
    }

    /// Where the resume is: a URL to fetch (SSRF-guarded), inline base64 content, or nothing yet
    /// (`needsFetch`: ask the ATS API, following `CandidateEvent.fetch`).
    public struct ResumeRef: Codable, Sendable, Equatable {
        public var url: String?
        public var contentBase64: String?
        public var fileName: String?
        public var contentType: String?
        /// How long the ATS says `url` stays valid after delivery (Greenhouse: 7 days), if it says.
        public var urlValidForSeconds: Int?
        public var needsFetch: Bool

        public init(
            url: String? = nil,
            contentBase64: String? = nil,
            fileName: String? = nil,
            contentType: String? = nil,
            urlValidForSeconds: Int? = nil,
            needsFetch: Bool = false
        ) {
            self.url = url
            self.contentBase64 = contentBase64
            self.fileName = fileName
            self.contentType = contentType
            self.urlValidForSeconds = urlValidForSeconds
            self.needsFetch = needsFetch
        }
    }

    /// One ATS API read that a thin payload needs before the event can be processed.
    public struct FetchHint: Codable, Sendable, Equatable {
        /// What is fetched: `candidate`, `application`, `resume`, `job`, …
        public var resource: String
        /// The API path relative to the ATS's API base, placeholders filled (e.g. `/opportunities/abc`).
        public var path: String
        /// The identifiers used to fill the path, by placeholder name.
        public var ids: [String: String]

        public init(resource: String, path: String, ids: [String: String] = [:]) {
            self.resource = resource
            self.path = path
            self.ids = ids
        }
    }
}

extension CandidateEvent {
    /// ISO 8601 date-time text as used in `CandidateEvent`: `2024-05-01T12:30:00Z` on output; on input
    /// also fractional seconds.
    public enum DateText {
        public static func format(_ date: Date) -> String {
            Date.ISO8601FormatStyle().format(date)
        }

        public static func parse(_ text: String) -> Date? {
            if let d = try? Date.ISO8601FormatStyle().parse(text) { return d }
            if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return d }
            return nil
        }
    }
}
