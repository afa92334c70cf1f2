import Foundation
import ScreenerCore
import Scoring

/// Reads the store into the recruiters' report values (`ShortlistReport`, `CandidateReport`,
/// `JobsStatusReport`), for the CLI and the HTTP API alike.
///
/// Candidates are labelled by their ATS id (`<integration>:<candidate id>`), never by name.
public struct ReportAssembler: Sendable {
    let store: any PipelineStore

    public init(store: any PipelineStore) { self.store = store }

    /// The newest shortlist of `jobId` (or revision `revision`), with labels and, for `explain`, the
    /// scores behind each entry.
    public func shortlist(jobId: String, revision: Int? = nil, explain: Bool, top: Int?) async throws -> ShortlistReport {
        guard try await store.job(id: jobId) != nil else { throw ScreenerError(.notFound, "no job with id \(jobId)") }
        let found: Shortlist?
        if let revision { found = try await store.shortlist(jobId: jobId, revision: revision) } else { found = try await store.latestShortlist(jobId: jobId) }
        guard let shortlist = found else { throw ScreenerError(.notFound, "job \(jobId) has no shortlist yet") }
        let ids = shortlist.entries.map(\.candidateId) + shortlist.knockedOut.map(\.candidateId)
        var labels: [String: String] = [:]
        for id in ids {
            if let c = try await store.candidate(id: id) { labels[id] = Self.label(c) }
        }
        var scores: [String: Score] = [:]
        if explain {
            for record in try await store.scores(jobId: jobId, criteriaVersion: shortlist.criteriaVersion) {
                scores[record.candidateId] = record.score
            }
        }
        return ShortlistReport(shortlist: shortlist, labels: labels, scores: scores, explain: explain, top: top)
    }

    /// Everything about one candidate: the parsed profile, redactions, scores with provenance, flags
    /// and deliveries.
    public func candidate(id: String) async throws -> CandidateReportData {
        guard let candidate = try await store.candidate(id: id), candidate.erasedAt == nil else {
            throw ScreenerError(.notFound, "no candidate with id \(id)")
        }
        let applications = try await store.applications(candidateId: id)
        var resume: ParsedResume?
        var redacted: RedactedProfile?
        var jobScores: [CandidateReportData.JobScore] = []
        for application in applications {
            if resume == nil, let p = try await store.parse(applicationId: application.id) {
                resume = p.parsed
                redacted = p.redacted
            }
            let job = try await store.job(id: application.jobId)
            let shortlist = try await store.latestShortlist(jobId: application.jobId)
            for record in try await store.scores(applicationId: application.id) {
                let current = shortlist?.criteriaVersion == record.criteriaVersion
                jobScores.append(.init(
                    jobId: application.jobId, jobTitle: job?.title, score: record.score,
                    rank: current ? shortlist?.entries.first { $0.candidateId == id }?.rank : nil,
                    shortlistRevision: current ? shortlist?.revision : nil, scoredAt: record.createdAt))
            }
        }
        let deliveries = try await store.postBacks(state: nil, jobId: nil, candidateId: id, limit: 1000).map { item in
            CandidateReportData.Delivery(
                postBackId: item.postBack.id, kind: item.postBack.kind.rawValue, status: item.state.rawValue, attempts: item.attempts,
                lastError: item.lastError, deliveredAt: item.deliveredAt, jobId: item.jobId)
        }
        guard let resume else { throw ScreenerError(.notFound, "candidate \(id) has no parsed resume yet") }
        return CandidateReportData(
            candidateId: id, labels: ["ats": Self.label(candidate)], resume: resume, redactions: redacted?.redactions ?? [],
            redactionPolicyVersion: redacted?.policyVersion, scores: jobScores, deliveries: deliveries)
    }

    public func jobsStatus() async throws -> JobsStatusReport {
        let rows = try await store.jobStatus().map { c in
            JobsStatusReport.Row(
                jobId: c.jobId, title: c.title, criteriaVersion: c.criteriaVersion, needsReview: c.needsReview,
                counts: .init(received: c.received, parsed: c.parsed, scored: c.scored, failed: c.failed, shortlisted: c.shortlisted, delivered: c.delivered))
        }
        return JobsStatusReport(rows: rows)
    }

    static func label(_ c: CandidateRecord) -> String {
        c.externalId.map { "\(c.integration):\($0)" } ?? c.id
    }
}
