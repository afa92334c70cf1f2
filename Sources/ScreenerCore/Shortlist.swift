import Foundation

/// One revision of a job's shortlist: the ranked top candidates by the criteria's `shortlist.size`
/// and `minScore`, the knocked-out candidates with their reasons, and what changed since the
/// previous revision. The shortlist advises a person; it never rejects anyone in the ATS.
///
/// Ranking (deterministic): candidates not knocked out, with `score ≥ minScore`, ordered by
/// `score` descending, then required-skill coverage descending, then `candidateId` ascending.
/// Scores are compared after rounding to 6 decimals so that floating-point noise never decides.
public struct Shortlist: Codable, Sendable, Equatable {
    public var jobId: String
    public var revision: Int
    public var criteriaVersion: Int
    public var generatedAt: Date
    /// `shortlist.size` and `minScore` in effect.
    public var size: Int
    public var minScore: Double
    public var entries: [Entry]
    public var knockedOut: [Excluded]
    /// Candidates scored but not on the list (below `minScore` or past `size`).
    public var notShortlistedCount: Int
    /// Changes against the previous revision (`nil` for the first).
    public var diff: Diff?

    public init(
        jobId: String, revision: Int, criteriaVersion: Int, generatedAt: Date, size: Int, minScore: Double,
        entries: [Entry], knockedOut: [Excluded], notShortlistedCount: Int, diff: Diff?
    ) {
        self.jobId = jobId
        self.revision = revision
        self.criteriaVersion = criteriaVersion
        self.generatedAt = generatedAt
        self.size = size
        self.minScore = minScore
        self.entries = entries
        self.knockedOut = knockedOut
        self.notShortlistedCount = notShortlistedCount
        self.diff = diff
    }

    public struct Entry: Codable, Sendable, Equatable {
        public var rank: Int
        public var candidateId: String
        public var score: Double
        /// Matched skills with the most credit, best first (at most 5).
        public var topSkills: [String]
        /// Required skills the profile does not show.
        public var missingRequired: [String]
        public var yearsOfExperience: Double?
        public var model: ScoringModelDescriptor
        public var criteriaVersion: Int
        public init(
            rank: Int, candidateId: String, score: Double, topSkills: [String], missingRequired: [String],
            yearsOfExperience: Double?, model: ScoringModelDescriptor, criteriaVersion: Int
        ) {
            self.rank = rank
            self.candidateId = candidateId
            self.score = score
            self.topSkills = topSkills
            self.missingRequired = missingRequired
            self.yearsOfExperience = yearsOfExperience
            self.model = model
            self.criteriaVersion = criteriaVersion
        }
    }

    /// A knocked-out candidate and why (the knockout fields that failed or were unanswered).
    public struct Excluded: Codable, Sendable, Equatable {
        public var candidateId: String
        public var score: Double
        public var reasons: [String]
        public init(candidateId: String, score: Double, reasons: [String]) {
            self.candidateId = candidateId
            self.score = score
            self.reasons = reasons
        }
    }

    public struct Diff: Codable, Sendable, Equatable {
        public var previousRevision: Int
        public var entered: [String]
        public var left: [String]
        public var moved: [Move]
        public init(previousRevision: Int, entered: [String], left: [String], moved: [Move]) {
            self.previousRevision = previousRevision
            self.entered = entered
            self.left = left
            self.moved = moved
        }
        public var isEmpty: Bool { entered.isEmpty && left.isEmpty && moved.isEmpty }
    }

    public struct Move: Codable, Sendable, Equatable {
        public var candidateId: String
        public var from: Int
        public var to: Int
        public init(candidateId: String, from: Int, to: Int) {
            self.candidateId = candidateId
            self.from = from
            self.to = to
        }
    }
}

/// A scored candidate as the shortlist builder sees it.
public struct ShortlistCandidate: Sendable, Equatable {
    public var candidateId: String
    public var score: Score
    public var yearsOfExperience: Double?
    public init(candidateId: String, score: Score, yearsOfExperience: Double?) {
        self.candidateId = candidateId
        self.score = score
        self.yearsOfExperience = yearsOfExperience
    }
}
