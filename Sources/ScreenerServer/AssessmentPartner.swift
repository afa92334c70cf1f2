import ATSIntegration
import Foundation
import ScreenerCore

/// Greenhouse Assessment Partner mode, shared by the partner routes and the workers: the store,
/// each integration's settings, and how a score becomes a partner result and a callback PATCH.
///
/// Flow: `send_test` records the request (assessment + sealed raw event + work item, one
/// transaction) → a worker maps it (`GreenhouseAssessment.SendTestRequest.candidateEvent`), runs
/// fetch → parse → redact → score → shortlist for the job `partner_test_id` → `complete` stores the
/// result and queues the PATCH in the outbox (one transaction) → the delivery service PATCHes the
/// callback URL with retries, `Retry-After` and dead letters → Greenhouse calls `test_status`.
public struct AssessmentPartner: Sendable {
    public let store: any AssessmentStore
    /// Integrations in assessment mode, by name.
    public let settings: [String: GreenhouseAssessmentSettings]
    /// Attempts a `send_test` work item gets before it is quarantined.
    public let maxAttempts: Int

    public init(store: any AssessmentStore, settings: [String: GreenhouseAssessmentSettings], maxAttempts: Int = 8) {
        self.store = store
        self.settings = settings
        self.maxAttempts = maxAttempts
    }

    /// The `partner_profile_url` of `assessment` (nil when its integration left assessment mode).
    public func profileURL(_ assessment: AssessmentRecord) -> String? {
        settings[assessment.integration]?.partnerProfileURL(candidateId: assessment.candidateId, assessmentId: assessment.id)
    }

    /// The outbox id of an assessment's completion PATCH: `pb_` + SHA-256(integration, assessment id,
    /// "assessment_result")[0..<20], the same on every attempt and every worker.
    public static func postBackID(_ assessment: AssessmentRecord) -> String {
        PostBackPlanner.postBackID(assessment.integration, assessment.id, "assessment_result")
    }

    /// Completes `assessment` once its application has a score under the job's newest criteria: stores
    /// the result and, when the integration has an `apiKey` and the request a callback URL, queues the
    /// PATCH, in one transaction. Without a score yet (no criteria) it does nothing: the assessment
    /// stays `pending`. Idempotent (the first result wins).
    public func complete(_ assessment: AssessmentRecord, application: ApplicationRecord, pipelineStore: any PipelineStore, now: Date) async throws {
        guard assessment.status == .pending,
              let criteria = try await pipelineStore.criteria(jobId: assessment.jobId, version: nil),
              let record = try await pipelineStore.scores(applicationId: application.id).last(where: { $0.criteriaVersion == criteria.version })
        else { return }
        let shortlist = try await pipelineStore.latestShortlist(jobId: assessment.jobId)
        let result = Self.result(record, criteria: criteria.criteria, shortlist: shortlist)
        var item: OutboxItem?
        if let settings = settings[assessment.integration], settings.apiKey != nil, let url = assessment.callbackURL {
            var done = assessment
            done.status = .complete
            done.result = result
            let status = GreenhouseAssessment.TestStatus.of(
                done, profileURL: settings.partnerProfileURL(candidateId: assessment.candidateId, assessmentId: assessment.id))
            let postBack = PostBack(
                id: Self.postBackID(assessment), integration: assessment.integration, profile: "greenhouse", kind: .assessmentResult,
                jobExternalId: assessment.jobId, applicationExternalId: application.externalId, score: result.score, note: result.summary,
                payload: try JSONEncoder.sorted.encode(status), callbackURL: url)
            item = OutboxItem(
                postBack: postBack, jobId: assessment.jobId, candidateId: assessment.candidateId, state: .pending, attempts: 0, uncertain: false,
                availableAt: now, lastError: nil, remoteId: nil, createdAt: now, deliveredAt: nil)
        }
        try await store.completeAssessment(id: assessment.id, applicationId: application.id, result: result, postBack: item, now: now)
    }

    /// The partner result of a score: total, knockouts, shortlist rank, matched and missing skills,
    /// experience, model, and a one-paragraph summary. Skill names and numbers only.
    public static func result(_ record: ScoreRecord, criteria: JobCriteria, shortlist: Shortlist?) -> AssessmentResult {
        let score = record.score
        let skills = score.criteria.filter { $0.kind == "requiredSkill" || $0.kind == "preferredSkill" }
        let matched = skills.filter { $0.status != .missing }.sorted { $0.credit > $1.credit }.map(\.name)
        let required = score.criteria.filter { $0.kind == "requiredSkill" }
        let missing = required.filter { $0.status == .missing }.map(\.name)
        let knockouts = score.knockouts.filter { $0.outcome != .passed }.map { "\($0.field) (\($0.outcome.rawValue))" }
        let entry = shortlist.flatMap { s in s.criteriaVersion == record.criteriaVersion ? s.entries.first { $0.candidateId == record.candidateId } : nil }
        let p = score.provenance
        var summary = "Score \(String(format: "%.1f", score.total))/100 against criteria v\(record.criteriaVersion)"
        if let title = criteria.title, !title.isEmpty { summary += " (\(title))" }
        summary += "."
        if !required.isEmpty { summary += " Required skills shown: \(required.count - missing.count) of \(required.count)." }
        if let entry, let shortlist {
            summary += " Shortlist rank \(entry.rank) of \(shortlist.entries.count)."
        } else if score.knockedOut {
            summary += " Knocked out: \(knockouts.joined(separator: ", "))."
        } else {
            summary += " Not on the current shortlist."
        }
        return AssessmentResult(
            score: score.total, knockedOut: score.knockedOut, knockoutReasons: knockouts, rank: entry?.rank,
            shortlistSize: entry == nil ? nil : shortlist?.entries.count, criteriaVersion: record.criteriaVersion,
            matchedSkills: Array(matched.prefix(8)), missingRequired: missing, yearsOfExperience: record.yearsOfExperience,
            model: "\(p.adapter) \(p.model) \(p.modelVersion)", summary: summary)
    }
}
