import Foundation

/// The store seam for bias audits: demographics kept apart from profiles, the per-application facts
/// an audit tabulates, and the record of every audit run.
///
/// Demographics are special-category data (GDPR Art. 9): sealed at rest, read only through this
/// protocol (which the scoring path never receives), and deleted when the candidate is erased.
public protocol AuditStore: Sendable {
    /// Stores (or replaces) a candidate's voluntary self-identification.
    func saveDemographics(candidateId: String, _ demographics: Demographics, source: DemographicsSource, now: Date) async throws
    func demographics(candidateId: String) async throws -> Demographics?
    /// Resolves the identifiers of an import file (our candidate id, or `integration:ATS candidate
    /// id`) and stores each row's demographics. Rows that match no candidate are reported, not stored.
    func importDemographics(_ rows: [DemographicsImportRow], now: Date) async throws -> DemographicsImportResult
    /// One record per scored application (of `jobId`, or of every job when nil), under each job's
    /// newest criteria version, with the tool's decision, the downstream ATS decision and the
    /// candidate's demographics.
    func auditRecords(jobId: String?) async throws -> [AuditRecord]
    func recordAuditRun(_ run: AuditRun) async throws
    /// The newest runs first.
    func auditRuns(limit: Int) async throws -> [AuditRun]
    /// When the newest run of `kind` covering `toolConfiguration` happened, if any (the LL144
    /// one-year check on every shortlist read, so it must not read the whole history).
    func lastAuditRun(kind: String, toolConfiguration: String) async throws -> Date?
}

extension AuditStore {
    public func lastAuditRun(kind: String, toolConfiguration: String) async throws -> Date? {
        try await auditRuns(limit: Int.max).first { $0.kind == kind && $0.toolConfigurations.contains(toolConfiguration) }?.at
    }
}

/// Where a candidate's demographics came from.
public enum DemographicsSource: String, Codable, Sendable {
    /// Mapped from an ATS webhook by the integration's profile.
    case ats
    /// `screener audit import-demographics FILE.csv`.
    case `import`
}

/// One row of a demographics import: `id` is our candidate id (`cand_…`) or `integration:external id`.
public struct DemographicsImportRow: Sendable, Equatable {
    public var id: String
    public var demographics: Demographics
    public init(id: String, demographics: Demographics) {
        self.id = id
        self.demographics = demographics
    }
}

/// What an import stored. `unmatched` lists the 1-based data-row numbers (never the ids, which may
/// identify a person) whose id matched no candidate.
public struct DemographicsImportResult: Codable, Sendable, Equatable {
    public var stored: Int
    public var unmatchedRows: [Int]
    public init(stored: Int, unmatchedRows: [Int]) {
        self.stored = stored
        self.unmatchedRows = unmatchedRows
    }
}

/// The facts about one application that an audit tabulates. Pseudonymous: ids, never names.
public struct AuditRecord: Codable, Sendable, Equatable {
    public var applicationId: String
    public var candidateId: String
    public var jobId: String
    /// When the candidate applied (or, failing that, when Screener received the application).
    public var appliedAt: Date
    public var demographics: Demographics?
    public var score: Double
    public var knockedOut: Bool
    /// On the job's newest shortlist revision: the tool's own selection decision.
    public var shortlisted: Bool
    /// The newest recruiter or ATS decision (`advanced`, `rejected`, `hired`, or a stage name).
    public var downstreamDecision: String?
    /// The scoring tool configuration that produced the score (see `ScoringModelDescriptor.toolConfiguration`).
    public var toolConfiguration: String

    public init(applicationId: String, candidateId: String, jobId: String, appliedAt: Date, demographics: Demographics?, score: Double, knockedOut: Bool, shortlisted: Bool, downstreamDecision: String?, toolConfiguration: String) {
        self.applicationId = applicationId
        self.candidateId = candidateId
        self.jobId = jobId
        self.appliedAt = appliedAt
        self.demographics = demographics
        self.score = score
        self.knockedOut = knockedOut
        self.shortlisted = shortlisted
        self.downstreamDecision = downstreamDecision
        self.toolConfiguration = toolConfiguration
    }
}

/// A record of one audit run (LL144 governance): who ran it, when, with which parameters, over which
/// tool configurations, and the SHA-256 of the JSON result, so a published summary can be matched
/// to the run that produced it.
public struct AuditRun: Codable, Sendable, Equatable {
    public var id: String
    public var at: Date
    /// The token name for an HTTP request, `cli:<user>` for the CLI.
    public var actor: String
    /// `store` (tables from the store), `rates` (an auditor's CSV) or `counterfactual`.
    public var kind: String
    /// The run's parameters as canonical JSON (job, date range, outcome, thresholds).
    public var parameters: String
    /// The tool configurations the audited scores came from.
    public var toolConfigurations: [String]
    public var individuals: Int
    public var resultSHA256: String

    public init(id: String, at: Date, actor: String, kind: String, parameters: String, toolConfigurations: [String], individuals: Int, resultSHA256: String) {
        self.id = id
        self.at = at
        self.actor = actor
        self.kind = kind
        self.parameters = parameters
        self.toolConfigurations = toolConfigurations
        self.individuals = individuals
        self.resultSHA256 = resultSHA256
    }
}

/// The key a bias audit covers: adapter, model, version and prompt template, e.g.
/// `builtin:screener-builtin@3` or `openai:gpt-4o-mini@2024-07-18+rubric-2`. A change to any of them
/// is a new tool configuration, which needs its own audit.
public func toolConfigurationKey(adapter: String, model: String, version: String, promptTemplateVersion: String?) -> String {
    "\(adapter):\(model)@\(version)" + (promptTemplateVersion.map { "+\($0)" } ?? "")
}

extension ScoringModelDescriptor {
    /// See `toolConfigurationKey`.
    public var toolConfiguration: String {
        toolConfigurationKey(adapter: adapter, model: model, version: version, promptTemplateVersion: promptTemplateVersion)
    }
}

extension ScoreProvenance {
    /// The tool configuration that produced the score (see `toolConfigurationKey`).
    public var toolConfiguration: String {
        toolConfigurationKey(adapter: adapter, model: model, version: modelVersion, promptTemplateVersion: promptTemplateVersion)
    }
}
