import Foundation
import ScreenerCore

/// The recruiters' pipeline overview (`screener jobs status`): per job, how many candidates were
/// received, parsed, scored, failed, shortlisted and delivered, with a totals row
/// (`total_k = Σ_jobs row_k`).
///
/// Formats: `table`, `md`, `html` render one table plus totals; `csv` has one record per job
/// (no totals); `json` is `{"generatedAt"?, "jobs": [Row], "totals": Counts}`.
public struct JobsStatusReport: Sendable {
    public struct Row: Codable, Sendable, Equatable {
        public var jobId: String
        public var title: String?
        public var criteriaVersion: Int?
        public var needsReview: Bool
        public var counts: Counts
        public init(jobId: String, title: String? = nil, criteriaVersion: Int? = nil, needsReview: Bool = false, counts: Counts) {
            self.jobId = jobId
            self.title = title
            self.criteriaVersion = criteriaVersion
            self.needsReview = needsReview
            self.counts = counts
        }
    }

    public struct Counts: Codable, Sendable, Equatable {
        public var received: Int
        public var parsed: Int
        public var scored: Int
        public var failed: Int
        public var shortlisted: Int
        public var delivered: Int
        public init(received: Int = 0, parsed: Int = 0, scored: Int = 0, failed: Int = 0, shortlisted: Int = 0, delivered: Int = 0) {
            self.received = received
            self.parsed = parsed
            self.scored = scored
            self.failed = failed
            self.shortlisted = shortlisted
            self.delivered = delivered
        }
        var values: [Int] { [received, parsed, scored, failed, shortlisted, delivered] }
        static func + (a: Counts, b: Counts) -> Counts {
            .init(received: a.received + b.received, parsed: a.parsed + b.parsed, scored: a.scored + b.scored,
                  failed: a.failed + b.failed, shortlisted: a.shortlisted + b.shortlisted, delivered: a.delivered + b.delivered)
        }
    }

    /// Rows in the order given (the caller sorts, usually by job id).
    public var rows: [Row]
    public var generatedAt: Date?

    public init(rows: [Row], generatedAt: Date? = nil) {
        self.rows = rows
        self.generatedAt = generatedAt
    }

    public var totals: Counts { rows.reduce(Counts()) { $0 + $1.counts } }

    public static let columns = [
        "Job", "Title", "Criteria version", "Needs review", "Received", "Parsed", "Scored", "Failed", "Shortlisted", "Delivered",
    ]
    public static let csvColumns = [
        "job_id", "title", "criteria_version", "needs_review", "received", "parsed", "scored", "failed", "shortlisted", "delivered",
    ]

    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .table: document().renderText()
        case .md: document().renderMarkdown()
        case .html: document().renderHTML()
        case .csv: csv()
        case .json: try ReportJSON.string(JSONBody(generatedAt: generatedAt, jobs: rows, totals: totals))
        }
    }

    func cells(_ r: Row) -> [String] {
        [r.jobId, r.title ?? "", r.criteriaVersion.map(String.init) ?? "", r.needsReview ? "yes" : "no"] + r.counts.values.map(String.init)
    }

    public func document() -> ReportDocument {
        var doc = ReportDocument(title: "Jobs status")
        var f: [ReportDocument.Field] = [.init("Jobs", String(rows.count))]
        if let g = generatedAt { f.append(.init("Generated at", ReportJSON.isoDate(g))) }
        let review = rows.filter(\.needsReview).count
        if review > 0 { f.append(.init("Criteria needing review", String(review))) }
        doc.fields(f)
        var body = rows.map(cells)
        if !rows.isEmpty { body.append(["Total", "", "", ""] + totals.values.map(String.init)) }
        doc.table(ReportTable(columns: Self.columns, rows: body, numeric: [2, 4, 5, 6, 7, 8, 9], emptyText: "no jobs"))
        return doc
    }

    public func csv() -> String {
        ReportTable(columns: Self.csvColumns, rows: rows.map { r in
            var c = cells(r)
            c[3] = r.needsReview ? "true" : "false"
            return c
        }).renderCSV()
    }

    struct JSONBody: Encodable {
        var generatedAt: Date?
        var jobs: [Row]
        var totals: Counts
    }
}
