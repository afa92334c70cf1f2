import BiasAudit
import Foundation
import Scoring
import ScreenerCore

/// `screener audit counterfactual --job J`: re-scores altered copies of the job's stored resumes
/// (names swapped across race × sex groups, pronouns swapped, graduation years shifted, an
/// employment gap inserted) through the production path, redaction then the scoring adapter, and
/// reports how far scores, ranks and name-group selection moved. Attached to the job's store audit
/// when it has one, and recorded as an audit run of kind `counterfactual`.
public struct CounterfactualRunner: Sendable {
    public let store: any PipelineStore
    public let model: any ScoringModel
    public let redactor: Redactor
    public let names: NameBank
    public let clock: any ScreenerClock

    public init(store: any PipelineStore, model: any ScoringModel, redactor: Redactor = Redactor(), names: NameBank, clock: any ScreenerClock) {
        self.store = store
        self.model = model
        self.redactor = redactor
        self.names = names
        self.clock = clock
    }

    public struct Request: Sendable, Equatable, Encodable {
        public var jobId: String
        /// At most this many resumes, spread evenly over the job's scored applications (deterministic).
        public var sample: Int
        /// A score change larger than this, in points of the 0–100 total, is flagged.
        public var threshold: Double
        public init(jobId: String, sample: Int = 50, threshold: Double = 2) {
            self.jobId = jobId
            self.sample = sample
            self.threshold = threshold
        }
    }

    public func run(_ request: Request, actor: String) async throws -> (report: AuditReport, run: AuditRun) {
        guard request.sample >= 1 else { throw ScreenerError(.invalidInput, "the sample must hold at least one resume") }
        guard request.threshold >= 0, request.threshold.isFinite else { throw ScreenerError(.invalidInput, "the threshold must be a non-negative number") }
        guard let job = try await store.job(id: request.jobId) else { throw ScreenerError(.notFound, "no job with id \(request.jobId)") }
        guard let criteria = try await store.criteria(jobId: request.jobId, version: nil) else {
            throw ScreenerError(.invalidInput, "job \(request.jobId) has no criteria to score against")
        }
        let records = try await store.auditRecords(jobId: request.jobId)
        var resumes: [ParsedResume] = []
        for record in Self.spread(records.sorted { $0.applicationId < $1.applicationId }, count: request.sample) {
            if let parsed = try await store.parse(applicationId: record.applicationId)?.parsed { resumes.append(parsed) }
        }
        guard !resumes.isEmpty else {
            throw ScreenerError(.invalidInput, "job \(request.jobId) has no stored resumes to vary (erased, purged by retention, or none scored yet)")
        }
        let asOf = clock.now()
        let counterfactual = try await CounterfactualAudit.run(
            resumes: resumes, names: names,
            options: .init(scoreChangeThreshold: request.threshold)
        ) { resume in
            try await model.score(redactor.redact(resume, asOf: asOf), criteria: criteria.criteria).total
        }
        let now = clock.now()
        let tool = model.descriptor.toolConfiguration
        var report: AuditReport
        do {
            report = try AuditRates.run(input: StoreAudit.input(records, outcome: .shortlisted), options: .init(
                title: "Counterfactual audit: \(job.title ?? job.id)", auditDate: CalendarDay(now),
                dataSource: "Screener store, job \(job.id): \(resumes.count) stored resumes varied and re-scored by \(tool) after redaction; "
                    + "rate tables from the job's \(records.count) scored applications"))
        } catch {
            throw ScreenerError(.invalidInput, "job \(request.jobId) has no scored applications to audit", cause: error)
        }
        report.counterfactual = counterfactual
        let run = try await AuditRunner.record(
            report, kind: "counterfactual", parameters: request, tools: [tool], individuals: resumes.count, actor: actor, at: now, in: store)
        return (report, run)
    }

    /// `count` items spread evenly over `items` (all of them when there are fewer).
    static func spread<T>(_ items: [T], count: Int) -> [T] {
        guard items.count > count else { return items }
        return (0..<count).map { items[$0 * items.count / count] }
    }
}
