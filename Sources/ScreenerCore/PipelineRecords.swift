import Foundation

/// A job (requisition) Screener screens for. Jobs from an ATS have the id
/// `<integration>:<ATS job id>`; jobs put from the CLI or HTTP use the criteria's `id`.
public struct JobRecord: Codable, Sendable, Equatable {
    public var id: String
    public var integration: String?
    public var externalId: String?
    public var title: String?
    public var description: String?
    /// The newest criteria version (nil until criteria are put or derived).
    public var criteriaVersion: Int?
    public var needsReview: Bool
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, integration: String?, externalId: String?, title: String?, description: String?, criteriaVersion: Int?, needsReview: Bool, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.integration = integration
        self.externalId = externalId
        self.title = title
        self.description = description
        self.criteriaVersion = criteriaVersion
        self.needsReview = needsReview
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The id of a job that arrived from an ATS.
    public static func atsJobID(integration: String, externalId: String) -> String { "\(integration):\(externalId)" }
}

/// Where a criteria version came from.
public enum CriteriaSource: String, Codable, Sendable {
    case cli, http, derived
}

/// One stored criteria version of a job.
public struct CriteriaVersion: Codable, Sendable, Equatable {
    public var jobId: String
    public var version: Int
    public var criteria: JobCriteria
    public var source: CriteriaSource
    public var createdAt: Date
    public init(jobId: String, version: Int, criteria: JobCriteria, source: CriteriaSource, createdAt: Date) {
        self.jobId = jobId
        self.version = version
        self.criteria = criteria
        self.source = source
        self.createdAt = createdAt
    }
}

/// Where an application stands in the pipeline.
public enum ApplicationStatus: String, Codable, Sendable, CaseIterable {
    case received, fetched, parsed, scored, failed
}

/// One candidate's application to one job, as the pipeline tracks it. Carries no PII: the
/// candidate's identity is sealed in its own row.
public struct ApplicationRecord: Codable, Sendable, Equatable {
    public var id: String
    public var candidateId: String
    public var jobId: String
    public var integration: String
    public var externalId: String?
    public var stage: String?
    public var status: ApplicationStatus
    public var lastError: String?
    public var appliedAt: Date?
    public var updatedAt: Date
    public init(id: String, candidateId: String, jobId: String, integration: String, externalId: String?, stage: String?, status: ApplicationStatus, lastError: String?, appliedAt: Date?, updatedAt: Date) {
        self.id = id
        self.candidateId = candidateId
        self.jobId = jobId
        self.integration = integration
        self.externalId = externalId
        self.stage = stage
        self.status = status
        self.lastError = lastError
        self.appliedAt = appliedAt
        self.updatedAt = updatedAt
    }
}

/// A candidate as stored: ATS ids in the clear, the identity (names, emails, phones) sealed.
public struct CandidateRecord: Sendable, Equatable {
    public var id: String
    public var integration: String
    public var externalId: String?
    public var identity: CandidateEvent.Candidate?
    public var createdAt: Date
    public var erasedAt: Date?
    public init(id: String, integration: String, externalId: String?, identity: CandidateEvent.Candidate?, createdAt: Date, erasedAt: Date?) {
        self.id = id
        self.integration = integration
        self.externalId = externalId
        self.identity = identity
        self.createdAt = createdAt
        self.erasedAt = erasedAt
    }
}

/// A stored score of an application, with the criteria version it used.
public struct ScoreRecord: Codable, Sendable, Equatable {
    public var applicationId: String
    public var candidateId: String
    public var jobId: String
    public var criteriaVersion: Int
    public var score: Score
    /// Total experience from the profile the score was computed on, for reports.
    public var yearsOfExperience: Double?
    public var createdAt: Date
    public init(applicationId: String, candidateId: String, jobId: String, criteriaVersion: Int, score: Score, yearsOfExperience: Double?, createdAt: Date) {
        self.applicationId = applicationId
        self.candidateId = candidateId
        self.jobId = jobId
        self.criteriaVersion = criteriaVersion
        self.score = score
        self.yearsOfExperience = yearsOfExperience
        self.createdAt = createdAt
    }
}

/// A post-back in the transactional outbox, with its delivery state.
public struct OutboxItem: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case pending, inFlight = "in_flight", delivered, dead
        /// A candidate note whose candidate left the shortlist before it was sent: never posted.
        case superseded
    }
    public var postBack: PostBack
    public var jobId: String?
    public var candidateId: String?
    public var state: State
    public var attempts: Int
    /// True when the last attempt may have landed (timeout, lost response): the next attempt must
    /// check before posting.
    public var uncertain: Bool
    public var availableAt: Date
    public var lastError: String?
    public var remoteId: String?
    public var createdAt: Date
    public var deliveredAt: Date?
    public init(postBack: PostBack, jobId: String?, candidateId: String?, state: State, attempts: Int, uncertain: Bool, availableAt: Date, lastError: String?, remoteId: String?, createdAt: Date, deliveredAt: Date?) {
        self.postBack = postBack
        self.jobId = jobId
        self.candidateId = candidateId
        self.state = state
        self.attempts = attempts
        self.uncertain = uncertain
        self.availableAt = availableAt
        self.lastError = lastError
        self.remoteId = remoteId
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}

/// A decision about an application, which the bias audits read: a recruiter's review or an ATS
/// stage change.
public struct OutcomeRecord: Codable, Sendable, Equatable {
    public enum Source: String, Codable, Sendable { case recruiter, ats }
    public var applicationId: String
    public var source: Source
    /// `advanced`, `rejected`, `hired`, or the ATS's stage name.
    public var decision: String
    public var note: String?
    public var at: Date
    public init(applicationId: String, source: Source, decision: String, note: String?, at: Date) {
        self.applicationId = applicationId
        self.source = source
        self.decision = decision
        self.note = note
        self.at = at
    }
}

/// Counts per job for `screener jobs status`.
public struct JobStatusCounts: Codable, Sendable, Equatable {
    public var jobId: String
    public var title: String?
    public var criteriaVersion: Int?
    public var needsReview: Bool
    public var received: Int
    public var parsed: Int
    public var scored: Int
    public var failed: Int
    public var shortlisted: Int
    public var delivered: Int
    public init(jobId: String, title: String?, criteriaVersion: Int?, needsReview: Bool, received: Int, parsed: Int, scored: Int, failed: Int, shortlisted: Int, delivered: Int) {
        self.jobId = jobId
        self.title = title
        self.criteriaVersion = criteriaVersion
        self.needsReview = needsReview
        self.received = received
        self.parsed = parsed
        self.scored = scored
        self.failed = failed
        self.shortlisted = shortlisted
        self.delivered = delivered
    }
}

/// What an erasure removed, in counts only (it is logged and shown; it holds no personal data).
public struct ErasureReport: Codable, Sendable, Equatable {
    public var candidateId: String
    public var applications: Int
    public var documents: Int
    public var parses: Int
    public var rawEvents: Int
    public var scoresMinimised: Int
    public var postBacksScrubbed: Int
    public var alreadyErased: Bool
    public init(candidateId: String, applications: Int, documents: Int, parses: Int, rawEvents: Int, scoresMinimised: Int, postBacksScrubbed: Int, alreadyErased: Bool) {
        self.candidateId = candidateId
        self.applications = applications
        self.documents = documents
        self.parses = parses
        self.rawEvents = rawEvents
        self.scoresMinimised = scoresMinimised
        self.postBacksScrubbed = postBacksScrubbed
        self.alreadyErased = alreadyErased
    }
}
