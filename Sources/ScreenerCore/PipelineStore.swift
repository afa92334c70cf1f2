import Foundation

/// The store seam for the pipeline after intake: jobs and criteria versions, candidates and their
/// applications, documents, parses, scores, shortlist revisions, outcomes and the post-back outbox.
///
/// Every write is idempotent on a natural key, so a work item retried after a crash repeats no side
/// effect: upserts on ATS ids, scores unique per (application, criteria version, adapter, input
/// hash), a shortlist revision only when the list changed, and outbox rows keyed by `PostBack.id`.
public protocol PipelineStore: ScreenerStore, AuditStore {
    // MARK: Jobs
    /// Stores `criteria` as the job's next version, creating the job if needed. Returns the version.
    /// Putting criteria equal to the newest version stores nothing and returns that version.
    func putCriteria(_ criteria: JobCriteria, jobId: String, source: CriteriaSource, now: Date) async throws -> Int
    /// Creates or updates a job that arrived from an ATS (title and description only).
    func upsertATSJob(integration: String, externalId: String, title: String?, description: String?, now: Date) async throws -> JobRecord
    func job(id: String) async throws -> JobRecord?
    func jobs() async throws -> [JobRecord]
    /// A criteria version, or the newest when `version` is nil.
    func criteria(jobId: String, version: Int?) async throws -> CriteriaVersion?

    // MARK: Candidates and applications
    /// Creates or updates the candidate with ATS id `externalId` (identity sealed at rest) and its
    /// application to `jobId`. Returns the application.
    func upsertApplication(
        integration: String, candidate: CandidateEvent.Candidate, application: CandidateEvent.Application?,
        jobId: String, eventId: String, now: Date
    ) async throws -> ApplicationRecord
    func application(id: String) async throws -> ApplicationRecord?
    /// Finds an application by the ATS's application id (stage changes carry only that).
    func application(integration: String, externalId: String) async throws -> ApplicationRecord?
    func applications(candidateId: String) async throws -> [ApplicationRecord]
    func candidate(id: String) async throws -> CandidateRecord?
    /// Sets the application's pipeline status (and error, for `failed`).
    func setStatus(applicationId: String, _ status: ApplicationStatus, error: String?, now: Date) async throws
    /// ATS answers for knockouts (sealed at rest).
    func answers(applicationId: String) async throws -> [String: String]

    // MARK: Documents and parses
    /// Stores the fetched resume bytes (sealed). Idempotent per (application, SHA-256).
    func storeDocument(applicationId: String, _ document: FetchedDocument, now: Date) async throws
    func document(applicationId: String) async throws -> FetchedDocument?
    /// Stores the parsed resume and its redacted profile (both sealed).
    func storeParse(applicationId: String, parsed: ParsedResume, redacted: RedactedProfile, now: Date) async throws
    func parse(applicationId: String) async throws -> (parsed: ParsedResume, redacted: RedactedProfile)?

    // MARK: Scores
    /// Stores a score; a score with the same (application, criteria version, adapter, input hash)
    /// is kept once.
    func storeScore(_ record: ScoreRecord) async throws
    /// The newest score of each application of the job under `criteriaVersion`.
    func scores(jobId: String, criteriaVersion: Int) async throws -> [ScoreRecord]
    func scores(applicationId: String) async throws -> [ScoreRecord]
    /// Parsed applications with no score under their job's newest criteria version (new criteria
    /// were put, or the job had none when they arrived): `(applicationId, jobId)`.
    func unscoredApplications(limit: Int) async throws -> [(applicationId: String, jobId: String)]
    /// Model tokens and cost of the stored scores, by job id (jobs whose scores cost nothing are left out).
    func modelUsageByJob() async throws -> [String: ModelUsage]

    // MARK: Shortlists and the outbox
    func latestShortlist(jobId: String) async throws -> Shortlist?
    func shortlist(jobId: String, revision: Int) async throws -> Shortlist?
    /// Saves a new shortlist revision and enqueues its post-backs in one transaction. Post-backs
    /// whose id is already in the outbox are not enqueued again (the idempotency ledger). With
    /// `deferPendingUntil`, the job's candidate notes still pending are not sent before that time
    /// (the debounce: a burst of applications settles before notes go out). Pending notes of
    /// candidates no longer on the list are superseded.
    func saveShortlist(_ shortlist: Shortlist, postBacks: [OutboxItem], deferPendingUntil: Date?, now: Date) async throws
    /// Holds the job's pending candidate notes until `until` (the debounce restarts whenever an
    /// application of the job is scored, even if the shortlist did not change).
    func deferPendingNotes(jobId: String, until: Date, now: Date) async throws
    /// Enqueues post-backs outside a shortlist revision (e.g. Assessment Partner results).
    func enqueue(_ postBacks: [OutboxItem]) async throws
    /// Claims up to `limit` due post-backs under a lease (marks them `in_flight`).
    func claimPostBacks(limit: Int, lease: TimeInterval, now: Date) async throws -> [OutboxItem]
    /// Records a delivered post-back.
    func markDelivered(postBackId: String, remoteId: String?, now: Date) async throws
    /// Records a failed attempt: retried at `retryAt`, or dead-lettered when `retryAt` is nil.
    func markFailed(postBackId: String, reason: String, uncertain: Bool, retryAt: Date?, now: Date) async throws
    func postBacks(state: OutboxItem.State?, jobId: String?, candidateId: String?, limit: Int) async throws -> [OutboxItem]
    func postBack(id: String) async throws -> OutboxItem?
    /// Records that a post-back will never be sent (its candidate left the shortlist first).
    func markSuperseded(postBackId: String, now: Date) async throws
    /// Puts a dead or pending post-back back on the queue, due now, keeping its uncertainty flag.
    func retryPostBack(id: String, now: Date) async throws

    // MARK: Erasure
    /// The candidate id for an ATS candidate id (the same on every call).
    func candidateID(integration: String, externalId: String) -> String
    /// Remembers that raw event `eventId` carries data of the candidate, so erasure finds it.
    func linkEvent(_ eventId: String, toCandidate candidateId: String) async throws
    /// Removes every copy of the candidate's personal data (GDPR Art. 17): identity, answers,
    /// documents, parses, the raw webhook bodies and mapped events that carried it (replaced by an
    /// erasure stub), evidence quotes in scores, and the note text and ATS ids in the post-back
    /// ledger (undelivered post-backs are superseded). Kept: score totals, knockouts, outcomes and
    /// the pseudonymous candidate id, which the bias audits need. Idempotent.
    func eraseCandidate(id: String, now: Date) async throws -> ErasureReport

    // MARK: Retention
    /// Purges data older than the policy allows (see `RetentionPolicy`).
    func purgeExpired(_ policy: RetentionPolicy, now: Date) async throws -> RetentionReport

    // MARK: Outcomes and reports
    func recordOutcome(_ outcome: OutcomeRecord) async throws
    func outcomes(applicationId: String) async throws -> [OutcomeRecord]
    func jobStatus() async throws -> [JobStatusCounts]
}
