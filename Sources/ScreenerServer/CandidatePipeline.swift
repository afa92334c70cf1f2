import ATSIntegration
import Foundation
import Logging
import ScreenerCore
import Scoring

/// The steps after an event is mapped: jobs from the ATS, and for an application: fetch the resume,
/// parse it, redact and score it against the job's newest criteria, persist each result, recompute
/// the job's shortlist and queue its post-backs.
///
/// Every step is idempotent, so a work item retried after a crash repeats no side effect: the
/// document, parse and score are looked up before they are redone, scores are unique per (application,
/// criteria version, adapter, input hash), a shortlist revision is saved only when the list changed,
/// and post-back ids are derived from what they say (the outbox ignores a known id).
public struct CandidatePipeline: Sendable {
    public let store: any PipelineStore
    public let fetcher: any ResumeFetcher
    public let parser: any DocumentParsing
    public let redactor: Redactor
    /// The scoring adapter for a job's criteria (the job's configured adapter, `builtin` by default).
    public let model: @Sendable (JobCriteria) -> any ScoringModel
    public let planner: PostBackPlanner
    public let deriver: CriteriaDeriver
    public let clock: any ScreenerClock
    public let logger: Logger
    /// Greenhouse Assessment Partner mode (`send_test` requests), when an integration has it.
    public let assessments: AssessmentPartner?
    /// Erasure: forgets what the adapters cached for these inputs (the LLM response cache).
    public var forgetCachedScores: @Sendable (Set<String>) async -> Void = { _ in }
    /// Serialises shortlist recomputes per job within this process (workers and the rescore
    /// service share it), so two revisions never race for the same number.
    let locks = KeyedLock()

    public init(
        store: any PipelineStore, fetcher: any ResumeFetcher, parser: any DocumentParsing, redactor: Redactor = Redactor(),
        model: @escaping @Sendable (JobCriteria) -> any ScoringModel, planner: PostBackPlanner, deriver: CriteriaDeriver,
        clock: any ScreenerClock, logger: Logger, assessments: AssessmentPartner? = nil
    ) {
        self.assessments = assessments
        self.store = store
        self.fetcher = fetcher
        self.parser = parser
        self.redactor = redactor
        self.model = model
        self.planner = planner
        self.deriver = deriver
        self.clock = clock
        self.logger = logger
    }

    /// Handles one mapped event. Throws `PipelineFailure` when the event can never succeed as it
    /// is (quarantine it); any other error is transient (retry).
    public func handle(_ event: CandidateEvent, raw: RawEvent) async throws {
        // Every event that names a candidate is linked to them, so erasure finds its raw body.
        if let external = event.candidate?.externalId, !external.isEmpty {
            try await store.linkEvent(raw.id, toCandidate: store.candidateID(integration: raw.integration, externalId: external))
        }
        if raw.eventType == GreenhouseAssessment.sendTestEventType {
            try await handleAssessment(event, raw: raw)
            return
        }
        switch event.kind {
        case .jobCreated, .jobUpdated:
            try await handleJob(event, integration: raw.integration)
        case .application:
            try await handleApplication(event, raw: raw)
        case .stageChange:
            try await handleStageChange(event, integration: raw.integration)
        case .candidateDeleted, .candidateAnonymized:
            guard let external = event.candidate?.externalId, !external.isEmpty else {
                throw PipelineFailure("the deletion event carries no candidate id")
            }
            let id = store.candidateID(integration: raw.integration, externalId: external)
            let report = try await erase(candidateId: id)
            logger.notice("candidate erased on the ATS's request", metadata: [
                "screener.candidate.id": "\(id)", "screener.erasure.raw_events": "\(report.rawEvents)",
                "screener.erasure.documents": "\(report.documents)",
            ])
        case .ping, .other:
            break
        }
    }

    /// Erases a candidate in the store, then drops the adapters' cached scores of their inputs.
    public func erase(candidateId: String) async throws -> ErasureReport {
        var inputs = Set<String>()
        for application in try await store.applications(candidateId: candidateId) {
            for score in try await store.scores(applicationId: application.id) {
                inputs.insert(score.score.provenance.inputSHA256)
            }
        }
        let report = try await store.eraseCandidate(id: candidateId, now: clock.now())
        await forgetCachedScores(inputs)
        return report
    }

    func handleJob(_ event: CandidateEvent, integration: String) async throws {
        guard let external = event.job?.externalId, !external.isEmpty else {
            throw PipelineFailure("the job event carries no job id")
        }
        let job = try await store.upsertATSJob(
            integration: integration, externalId: external, title: event.job?.title, description: event.job?.description, now: clock.now())
        try await deriveCriteriaIfMissing(job)
    }

    /// A job with a description and no criteria gets a derived draft, marked for review.
    func deriveCriteriaIfMissing(_ job: JobRecord) async throws {
        guard job.criteriaVersion == nil, let description = job.description, !description.isEmpty else { return }
        var draft = deriver.derive(jobAd: description, id: job.id)
        draft.title = draft.title ?? job.title
        draft.derived = true
        draft.needsReview = true
        _ = try await store.putCriteria(draft, jobId: job.id, source: .derived, now: clock.now())
        logger.info("criteria derived from the job description; needs review", metadata: ["screener.job.id": "\(job.id)"])
    }

    func handleApplication(_ event: CandidateEvent, raw: RawEvent) async throws {
        guard let candidate = event.candidate else { throw PipelineFailure("the application event carries no candidate") }
        guard let jobExternal = event.job?.externalId, !jobExternal.isEmpty else {
            throw PipelineFailure("the application event carries no job id")
        }
        let job = try await store.upsertATSJob(
            integration: raw.integration, externalId: jobExternal, title: event.job?.title, description: event.job?.description,
            now: clock.now())
        try await deriveCriteriaIfMissing(job)
        let application = try await store.upsertApplication(
            integration: raw.integration, candidate: candidate, application: event.application, jobId: job.id, eventId: raw.id,
            now: clock.now())
        // Voluntary self-identification goes to its own sealed table for the bias audits; it is
        // never part of the profile that redaction and scoring see.
        if let demographics = event.demographics {
            try await store.saveDemographics(candidateId: application.candidateId, demographics, source: .ats, now: clock.now())
        }
        do {
            try await process(application: application, event: event, raw: raw)
        } catch let failure as PipelineFailure {
            try await store.setStatus(applicationId: application.id, .failed, error: failure.reason, now: clock.now())
            throw failure
        }
    }

    /// A Greenhouse `send_test`: the candidate applies to the job `partner_test_id` (our job id, not
    /// an ATS job), goes through the same steps as a webhook application, and the assessment is
    /// completed (result stored, callback PATCH queued) once the score exists. An assessment already
    /// complete or erased repeats nothing.
    func handleAssessment(_ event: CandidateEvent, raw: RawEvent) async throws {
        guard let partner = assessments else {
            // Transient: the integration may be put back in assessment mode; after the last attempt
            // the request is quarantined with this reason.
            throw ScreenerError(.invalidConfiguration, "integration '\(raw.integration)' is not in assessment mode")
        }
        guard let assessment = try await partner.store.assessment(eventId: raw.id) else {
            throw PipelineFailure("no assessment is recorded for this event")
        }
        guard assessment.status == .pending else { return }
        guard let candidate = event.candidate else { throw PipelineFailure("the send_test request carries no candidate") }
        guard let job = try await store.job(id: assessment.jobId) else {
            throw PipelineFailure("the assessment's job \(assessment.jobId) no longer exists")
        }
        let application = try await store.upsertApplication(
            integration: raw.integration, candidate: candidate, application: event.application, jobId: job.id, eventId: raw.id,
            now: clock.now())
        do {
            try await process(application: application, event: event, raw: raw)
        } catch let failure as PipelineFailure {
            try await store.setStatus(applicationId: application.id, .failed, error: failure.reason, now: clock.now())
            throw failure
        }
        try await partner.complete(assessment, application: application, pipelineStore: store, now: clock.now())
        logger.debug("assessment scored", metadata: ["screener.assessment.id": "\(assessment.id)", "screener.application.id": "\(application.id)"])
    }

    /// Fetch → parse → score → shortlist for one application, skipping steps already done.
    func process(application: ApplicationRecord, event: CandidateEvent, raw: RawEvent) async throws {
        var log = logger
        log[metadataKey: "screener.application.id"] = "\(application.id)"
        if try await store.parse(applicationId: application.id) == nil {
            let document: FetchedDocument
            if let stored = try await store.document(applicationId: application.id) {
                document = stored
            } else {
                document = try await fetch(event: event, raw: raw)
                try await store.storeDocument(applicationId: application.id, document, now: clock.now())
            }
            let parsed: ParsedResume
            do {
                parsed = try await parser.parse(document)
            } catch let error as ScreenerError where Self.permanentParseCodes.contains(error.code) {
                throw PipelineFailure("\(error.code.rawValue): \(error.message)")
            }
            try await store.storeParse(applicationId: application.id, parsed: parsed, redacted: redactor.redact(parsed), now: clock.now())
            log.debug("resume parsed")
        }
        try await scoreAndShortlist(applicationId: application.id, jobId: application.jobId)
    }

    func fetch(event: CandidateEvent, raw: RawEvent) async throws -> FetchedDocument {
        let request = ResumeRequest(
            integration: raw.integration, profile: raw.profile, resume: event.resume, hints: event.fetch,
            candidateExternalId: event.candidate?.externalId, applicationExternalId: event.application?.externalId)
        do {
            return try await fetcher.fetch(request)
        } catch let error as ScreenerError where Self.permanentFetchCodes.contains(error.code) {
            throw PipelineFailure("\(error.code.rawValue): \(error.message)")
        }
    }

    /// Scores the application under the job's newest criteria (once per criteria version and
    /// input), then recomputes the shortlist. A job without criteria waits: its applications are
    /// scored when criteria are put.
    public func scoreAndShortlist(applicationId: String, jobId: String) async throws {
        try await score(applicationId: applicationId, jobId: jobId)
        try await recomputeShortlist(jobId: jobId)
    }

    /// Scores the application under the job's newest criteria unless that score exists.
    public func score(applicationId: String, jobId: String) async throws {
        guard let criteria = try await store.criteria(jobId: jobId, version: nil) else { return }
        guard let application = try await store.application(id: applicationId),
              let (_, redacted) = try await store.parse(applicationId: applicationId)
        else { return }
        let existing = try await store.scores(applicationId: applicationId)
        if !existing.contains(where: { $0.criteriaVersion == criteria.version }) {
            let answers = try await store.answers(applicationId: applicationId)
            let score = try await model(criteria.criteria).score(redacted, criteria: criteria.criteria, answers: answers)
            try await store.storeScore(ScoreRecord(
                applicationId: applicationId, candidateId: application.candidateId, jobId: jobId, criteriaVersion: criteria.version,
                score: score, yearsOfExperience: Double(redacted.totalExperienceMonths) / 12, createdAt: clock.now()))
        }
    }

    /// Scores applications left unscored by new criteria, then recomputes each touched shortlist
    /// once. Returns how many applications it scored.
    @discardableResult
    public func rescoreStale(limit: Int = 256) async throws -> Int {
        let stale = try await store.unscoredApplications(limit: limit)
        var jobs: [String] = []
        for (applicationId, jobId) in stale {
            try await score(applicationId: applicationId, jobId: jobId)
            if jobs.last != jobId { jobs.append(jobId) }
        }
        for jobId in jobs { try await recomputeShortlist(jobId: jobId) }
        return stale.count
    }

    /// Rebuilds the job's shortlist from the newest scores; saves a revision (and its post-backs)
    /// only when the list or the criteria version changed.
    public func recomputeShortlist(jobId: String) async throws {
        try await locks.withLock(jobId) { try await recomputeShortlistLocked(jobId: jobId) }
    }

    func recomputeShortlistLocked(jobId: String) async throws {
        guard let criteria = try await store.criteria(jobId: jobId, version: nil), let job = try await store.job(id: jobId) else { return }
        let scores = try await store.scores(jobId: jobId, criteriaVersion: criteria.version)
        let previous = try await store.latestShortlist(jobId: jobId)
        let next = ShortlistBuilder.build(
            jobId: jobId, criteriaVersion: criteria.version, criteria: criteria.criteria,
            candidates: scores.map { ShortlistCandidate(candidateId: $0.candidateId, score: $0.score, yearsOfExperience: $0.yearsOfExperience) },
            previous: previous, now: clock.now())
        if let previous, previous.criteriaVersion == next.criteriaVersion, previous.entries == next.entries,
           previous.knockedOut == next.knockedOut {
            if planner.debounce > 0 {
                try await store.deferPendingNotes(jobId: jobId, until: clock.now().addingTimeInterval(planner.debounce), now: clock.now())
            }
            return
        }
        let postBacks = try await planner.plan(shortlist: next, previous: previous, job: job, store: store, now: clock.now())
        try await store.saveShortlist(
            next, postBacks: postBacks, deferPendingUntil: planner.debounce > 0 ? clock.now().addingTimeInterval(planner.debounce) : nil,
            now: clock.now())
        logger.info("shortlist revised", metadata: [
            "screener.job.id": "\(jobId)", "screener.shortlist.revision": "\(next.revision)",
            "screener.shortlist.size": "\(next.entries.count)",
        ])
    }

    func handleStageChange(_ event: CandidateEvent, integration: String) async throws {
        guard let external = event.application?.externalId, let stage = event.application?.stage,
              let application = try await store.application(integration: integration, externalId: external)
        else { return }
        try await store.recordOutcome(OutcomeRecord(applicationId: application.id, source: .ats, decision: stage, note: nil, at: clock.now()))
    }

    static let permanentFetchCodes: Set<ScreenerError.Code> = [.fetchRefused, .notFound, .malformedPayload, .payloadTooLarge, .invalidConfiguration]
    static let permanentParseCodes: Set<ScreenerError.Code> = [
        .unsupportedFormat, .encrypted, .needsOCR, .emptyDocument, .parseFailed, .payloadTooLarge, .malformedPayload,
    ]
}

/// A failure that retrying cannot fix: the event is quarantined with `reason` (no PII in it).
public struct PipelineFailure: Error, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
