import Foundation

/// One Greenhouse Assessment Partner request (`send_test`): a candidate sent to one of our "tests",
/// that is, scored against one job's criteria. Its id is the `partner_interview_id` Greenhouse keeps.
///
/// The request body (names, email, phone, resume URL, Greenhouse profile URL) is stored once, sealed,
/// as the raw event the workers process; this record holds ids, the state and the result, plus the
/// sealed callback URL that the result is PATCHed to.
public struct AssessmentRecord: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Recorded; the candidate is being fetched, parsed and scored (retries included).
        case pending
        /// Scored: `result` is set and the callback PATCH is queued.
        case complete
        /// The candidate's personal data was erased.
        case erased
    }

    /// The `partner_interview_id`: `ga_` + 20 hex digits of SHA-256(integration, dedupe key).
    public var id: String
    public var integration: String
    /// Our job id (Greenhouse's `partner_test_id`).
    public var jobId: String
    public var candidateId: String
    /// Set once the worker has recorded the application.
    public var applicationId: String?
    /// The raw event (sealed request body) and work item that carry the candidate through the pipeline.
    public var eventId: String
    public var status: Status
    /// The work item's state: a `quarantined` one means the candidate could not be processed
    /// (resume unreachable or unreadable) until `screener events replay` puts it back.
    public var processing: RawEvent.Status
    /// Why the last attempt failed, if it did (no PII: error codes and reasons only).
    public var lastError: String?
    public var result: AssessmentResult?
    /// Where Greenhouse wants the completion PATCH (opened from its sealed column; nil after erasure).
    public var callbackURL: String?
    public var createdAt: Date
    public var completedAt: Date?

    public init(
        id: String, integration: String, jobId: String, candidateId: String, applicationId: String?, eventId: String,
        status: Status, processing: RawEvent.Status, lastError: String?, result: AssessmentResult?, callbackURL: String?,
        createdAt: Date, completedAt: Date?
    ) {
        self.id = id
        self.integration = integration
        self.jobId = jobId
        self.candidateId = candidateId
        self.applicationId = applicationId
        self.eventId = eventId
        self.status = status
        self.processing = processing
        self.lastError = lastError
        self.result = result
        self.callbackURL = callbackURL
        self.createdAt = createdAt
        self.completedAt = completedAt
    }
}

/// What an assessment reports back: the score and a short, non-identifying explanation (skill
/// names and numbers only, never quotes from the resume).
public struct AssessmentResult: Sendable, Codable, Equatable {
    /// `Score.total`, in [0, 100].
    public var score: Double
    public var knockedOut: Bool
    /// Knockout fields that failed or were unanswered.
    public var knockoutReasons: [String]
    /// Rank on the job's shortlist when the result was taken (nil when not on it).
    public var rank: Int?
    public var shortlistSize: Int?
    public var criteriaVersion: Int
    public var matchedSkills: [String]
    public var missingRequired: [String]
    public var yearsOfExperience: Double?
    /// `adapter model version`.
    public var model: String
    /// One paragraph for the recruiter.
    public var summary: String

    public init(
        score: Double, knockedOut: Bool, knockoutReasons: [String], rank: Int?, shortlistSize: Int?, criteriaVersion: Int,
        matchedSkills: [String], missingRequired: [String], yearsOfExperience: Double?, model: String, summary: String
    ) {
        self.score = score
        self.knockedOut = knockedOut
        self.knockoutReasons = knockoutReasons
        self.rank = rank
        self.shortlistSize = shortlistSize
        self.criteriaVersion = criteriaVersion
        self.matchedSkills = matchedSkills
        self.missingRequired = missingRequired
        self.yearsOfExperience = yearsOfExperience
        self.model = model
        self.summary = summary
    }
}

/// A `send_test` about to be recorded.
public struct NewAssessmentRequest: Sendable {
    public var integration: String
    /// The natural key of the request (a digest of Greenhouse's per-test callback URL): a repeated
    /// `send_test` with the same key returns the first assessment.
    public var dedupeKey: String
    public var jobId: String
    /// The candidate id the worker will record the application under (so erasure finds the
    /// request before the worker has run).
    public var candidateId: String
    /// The `send_test` body as received: sealed as the raw event's body.
    public var body: Data
    /// The raw event's type, which tells the workers how to map it.
    public var eventType: String
    public var callbackURL: String?
    public var receivedAt: Date
    public var maxAttempts: Int

    public init(integration: String, dedupeKey: String, jobId: String, candidateId: String, body: Data, eventType: String, callbackURL: String?, receivedAt: Date, maxAttempts: Int) {
        self.integration = integration
        self.dedupeKey = dedupeKey
        self.jobId = jobId
        self.candidateId = candidateId
        self.body = body
        self.eventType = eventType
        self.callbackURL = callbackURL
        self.receivedAt = receivedAt
        self.maxAttempts = maxAttempts
    }
}

/// Greenhouse Assessment Partner requests. `SQLiteStore` conforms.
public protocol AssessmentStore: Sendable {
    /// Records a `send_test` in one transaction: the assessment, its raw event (the sealed body)
    /// with a work item for the workers, and the event's link to the candidate (for erasure).
    /// Idempotent on `(integration, dedupeKey)`: a repeat stores nothing and returns the first
    /// assessment with `created == false`.
    func recordAssessment(_ request: NewAssessmentRequest) async throws -> (assessment: AssessmentRecord, created: Bool)
    func assessment(id: String) async throws -> AssessmentRecord?
    /// The assessment whose raw event is `eventId` (what a worker holds).
    func assessment(eventId: String) async throws -> AssessmentRecord?
    /// Stores the result and queues `postBack` (the callback PATCH) in one transaction. The first
    /// result wins: completing again changes nothing and queues nothing (the outbox also ignores a
    /// known post-back id). Returns the stored assessment.
    @discardableResult
    func completeAssessment(id: String, applicationId: String, result: AssessmentResult, postBack: OutboxItem?, now: Date) async throws -> AssessmentRecord
}
