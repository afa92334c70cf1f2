import Foundation
import ScreenerCore

/// Everything `screener candidate show ID` reports about one candidate, as the caller reads it from
/// the store: the parsed profile, the redactions made before scoring (kind and offsets only — never
/// the removed text), each job's score with its provenance, and the post-backs about the candidate.
/// Parse flags (`hidden_text`, `prompt_injection`) come from `resume.flags`.
public struct CandidateReportData: Codable, Sendable, Equatable {
    public var candidateId: String
    /// Display labels, e.g. `["ats": "greenhouse:4411", "integration": "acme-gh"]`.
    public var labels: [String: String]
    public var resume: ParsedResume
    public var redactions: [RedactedProfile.Redaction]
    /// `RedactedProfile.policyVersion` of the profile the scores were computed on.
    public var redactionPolicyVersion: String?
    public var scores: [JobScore]
    public var deliveries: [Delivery]

    public init(
        candidateId: String, labels: [String: String] = [:], resume: ParsedResume,
        redactions: [RedactedProfile.Redaction] = [], redactionPolicyVersion: String? = nil,
        scores: [JobScore] = [], deliveries: [Delivery] = []
    ) {
        self.candidateId = candidateId
        self.labels = labels
        self.resume = resume
        self.redactions = redactions
        self.redactionPolicyVersion = redactionPolicyVersion
        self.scores = scores
        self.deliveries = deliveries
    }

    /// The parse flags (`hidden_text`, `prompt_injection`) of the resume.
    public var flags: [ParsedResume.Flag] { resume.flags }

    /// One job's score of this candidate (provenance is inside `score`).
    public struct JobScore: Codable, Sendable, Equatable {
        public var jobId: String
        public var jobTitle: String?
        public var score: Score
        /// Rank on the job's latest shortlist revision, nil when not shortlisted.
        public var rank: Int?
        public var shortlistRevision: Int?
        public var scoredAt: Date?
        public init(jobId: String, jobTitle: String? = nil, score: Score, rank: Int? = nil, shortlistRevision: Int? = nil, scoredAt: Date? = nil) {
            self.jobId = jobId
            self.jobTitle = jobTitle
            self.score = score
            self.rank = rank
            self.shortlistRevision = shortlistRevision
            self.scoredAt = scoredAt
        }
    }

    /// One post-back (outbox item) about the candidate.
    public struct Delivery: Codable, Sendable, Equatable {
        /// `PostBack.id` (the idempotency key).
        public var postBackId: String
        /// `PostBack.Kind` raw value: `candidate_note`, `shortlist.updated`, `assessment_result`.
        public var kind: String
        /// `pending`, `delivered`, `retrying`, `dead` (as the store names them).
        public var status: String
        public var attempts: Int
        /// Non-identifying error of the last failed attempt (an HTTP status, a ScreenerError code).
        public var lastError: String?
        public var deliveredAt: Date?
        public var jobId: String?
        public init(postBackId: String, kind: String, status: String, attempts: Int, lastError: String? = nil, deliveredAt: Date? = nil, jobId: String? = nil) {
            self.postBackId = postBackId
            self.kind = kind
            self.status = status
            self.attempts = attempts
            self.lastError = lastError
            self.deliveredAt = deliveredAt
            self.jobId = jobId
        }
    }
}
