import BiasAudit
import Foundation
import Scoring
import ScreenerCore

/// Runs bias audits over the store for the CLI (`screener audit --job J`) and the API
/// (`GET /v1/audits`), and records each run (who, when, parameters, result hash).
public struct AuditRunner: Sendable {
    /// What to audit.
    public struct Request: Sendable, Equatable, Encodable {
        /// One job, or every job when nil (then per-job tables are added and tables are pooled).
        public var jobId: String?
        /// Applications dated within `from…to` (inclusive; UTC application dates).
        public var from: CalendarDay?
        public var to: CalendarDay?
        public var outcome: StoreAudit.Outcome
        /// Leave categories under this percentage of the data out of impact ratios (LL144 allows 2).
        public var excludeBelowPercent: Int?
        public var title: String?

        public init(jobId: String?, from: CalendarDay? = nil, to: CalendarDay? = nil, outcome: StoreAudit.Outcome = .shortlisted, excludeBelowPercent: Int? = nil, title: String? = nil) {
            self.jobId = jobId
            self.from = from
            self.to = to
            self.outcome = outcome
            self.excludeBelowPercent = excludeBelowPercent
            self.title = title
        }

        func validate() throws {
            if let p = excludeBelowPercent, !(1...99).contains(p) {
                throw ScreenerError(.invalidInput, "the exclusion threshold must be a percentage from 1 to 99")
            }
            if let from, let to, to < from { throw ScreenerError(.invalidInput, "the date range ends (\(to)) before it starts (\(from))") }
        }
    }

    public let store: any PipelineStore
    public let clock: any ScreenerClock

    public init(store: any PipelineStore, clock: any ScreenerClock) {
        self.store = store
        self.clock = clock
    }

    /// Computes the report, records the run, and returns both.
    public func run(_ request: Request, actor: String) async throws -> (report: AuditReport, run: AuditRun) {
        try request.validate()
        var title = request.title ?? "Bias audit"
        if let id = request.jobId {
            guard let job = try await store.job(id: id) else { throw ScreenerError(.notFound, "no job with id \(id)") }
            if request.title == nil { title = "Bias audit: \(job.title ?? id)" }
        }
        let records = try await store.auditRecords(jobId: request.jobId)
        let input = StoreAudit.input(records, outcome: request.outcome).filtered(from: request.from, to: request.to)
        guard !input.records.isEmpty else {
            throw ScreenerError(.invalidInput, "no scored applications to audit for \(request.jobId.map { "job \($0)" } ?? "any job")\(Self.rangeText(request))\(request.outcome == .downstream ? " with a downstream decision" : "")")
        }
        let audited = Set(input.records.map(\.id))
        let tools = StoreAudit.toolConfigurations(records.filter { audited.contains($0.applicationId) })
        let now = clock.now()
        let report = try AuditRates.run(input: input, options: .init(
            title: title, auditDate: CalendarDay(now), dataSource: Self.dataSource(request, tools: tools),
            excludeBelowShare: request.excludeBelowPercent.map { Rational($0, 100) }))
        let run = try await Self.record(report, kind: "store", parameters: request, tools: tools, individuals: input.records.count, actor: actor, at: now, in: store)
        return (report, run)
    }

    /// Records a run: a fresh id, the parameters as canonical JSON, and the SHA-256 of the report's JSON.
    static func record<P: Encodable>(
        _ report: AuditReport, kind: String, parameters: P, tools: [String], individuals: Int, actor: String, at: Date, in store: any AuditStore
    ) async throws -> AuditRun {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let run = AuditRun(
            id: "aud_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20),
            at: at, actor: actor, kind: kind, parameters: String(decoding: try encoder.encode(parameters), as: UTF8.self),
            toolConfigurations: tools, individuals: individuals, resultSHA256: SHA256Hex.hex(of: Data(try report.render(.json).utf8)))
        try await store.recordAuditRun(run)
        return run
    }

    /// The one-year warning for the tool configurations behind a shortlist's entries, if any is due.
    public func auditWarning(for shortlist: Shortlist) async throws -> String? {
        for tool in Set(shortlist.entries.map(\.model.toolConfiguration)).sorted() {
            if let warning = try await auditWarning(toolConfiguration: tool) { return warning }
        }
        return nil
    }

    /// LL144 §20-871: the warning to show while scores are served, when the newest store audit
    /// covering `toolConfiguration` is more than a year old (or there is none); nil otherwise.
    public func auditWarning(toolConfiguration: String) async throws -> String? {
        let last = try await store.lastAuditRun(kind: "store", toolConfiguration: toolConfiguration)
        let warning = AuditSchedule.warning(lastAudit: last.map { CalendarDay($0) }, today: CalendarDay(clock.now()))
        return warning.map { "\($0) (tool configuration \(toolConfiguration))" }
    }

    static func rangeText(_ r: Request) -> String {
        switch (r.from, r.to) {
        case let (f?, t?): " from \(f) to \(t)"
        case let (f?, nil): " from \(f)"
        case let (nil, t?): " up to \(t)"
        case (nil, nil): ""
        }
    }

    static func dataSource(_ r: Request, tools: [String]) -> String {
        let what = switch r.outcome {
        case .shortlisted: "the tool's own decisions (on the newest shortlist or not) and its scores"
        case .downstream: "downstream decisions recorded from the ATS and recruiters (advanced or hired vs rejected)"
        }
        return "Screener store, \(r.jobId.map { "job \($0)" } ?? "all jobs")\(rangeText(r)): \(what), under each job's newest criteria version; "
            + "voluntary EEO-1 self-identification from ATS payloads and imports; tool configuration(s): \(tools.joined(separator: ", "))"
    }
}
