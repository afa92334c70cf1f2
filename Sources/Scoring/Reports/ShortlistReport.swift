import Foundation
import ScreenerCore

/// The recruiters' shortlist report (`screener shortlist --job J [--top N] [--explain]`).
///
/// Candidates are shown by a display label from `labels` (for example the ATS candidate id), never by
/// name: names are personal data and are not part of a `Shortlist`. A candidate without a label is
/// shown by its `candidateId`. With `explain`, each entry's `Score` from `scores` adds its components
/// (with points) and its criteria (matched / partial / missing, with evidence quotes from the redacted
/// text).
///
/// Formats: `table`, `md` and `html` render the same document (header, changes since the previous
/// revision, the ranked table, the knocked-out section, explanations); `csv` has one record per
/// shortlisted candidate then one per knocked-out candidate (`status` tells which; explanations are not
/// in the CSV); `json` is `{"shortlist": Shortlist, "labels": {id: label}, "scores": {id: Score}}`
/// (`scores` only with `explain`), with the shortlist cut to `top` when set.
public struct ShortlistReport: Sendable {
    public var shortlist: Shortlist
    public var labels: [String: String]
    public var scores: [String: Score]
    public var explain: Bool
    /// Show only the first `top` entries (`--top N`); nil shows all.
    public var top: Int?
    /// Longest evidence quote shown, in characters (longer ones end with `…`).
    public var maxQuote: Int

    public init(
        shortlist: Shortlist, labels: [String: String] = [:], scores: [String: Score] = [:],
        explain: Bool = false, top: Int? = nil, maxQuote: Int = 80
    ) {
        self.shortlist = shortlist
        self.labels = labels
        self.scores = scores
        self.explain = explain
        self.top = top
        self.maxQuote = maxQuote
    }

    public static let columns = [
        "Rank", "Candidate", "Score", "Top matched skills", "Missing required", "Years of experience",
        "Knockouts", "Model", "Criteria version",
    ]
    public static let csvColumns = [
        "job_id", "revision", "status", "rank", "candidate", "score", "top_matched_skills", "missing_required",
        "years_of_experience", "knockouts", "model", "criteria_version",
    ]

    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .table: document().renderText()
        case .md: document().renderMarkdown()
        case .html: document().renderHTML()
        case .csv: csv()
        case .json: try json()
        }
    }

    var shownEntries: [Shortlist.Entry] {
        guard let top else { return shortlist.entries }
        return Array(shortlist.entries.prefix(max(0, top)))
    }

    func label(_ id: String) -> String { labels[id].flatMap { $0.isEmpty ? nil : $0 } ?? id }

    static func score(_ x: Double) -> String { ReportJSON.number(x, decimals: 2) }
    static func years(_ x: Double?) -> String { x.map { ReportJSON.number($0, decimals: 1) } ?? "" }
    static func model(_ m: ScoringModelDescriptor) -> String {
        "\(m.adapter)/\(m.model) \(m.version)" + (m.promptTemplateVersion.map { " (prompt \($0))" } ?? "")
    }

    /// Knockout results of a shortlisted entry: `field: outcome` from its score when known, else `none`.
    func knockouts(_ id: String) -> String {
        guard let s = scores[id], !s.knockouts.isEmpty else { return "none" }
        return s.knockouts.map { "\($0.field): \($0.outcome.rawValue)" }.joined(separator: "; ")
    }

    /// `entered: a, b; left: c; moved: d 3→1`, `no changes`, or `first revision`.
    public func changesSummary() -> String {
        guard let d = shortlist.diff else { return "first revision" }
        if d.isEmpty { return "no changes" }
        var parts: [String] = []
        if !d.entered.isEmpty { parts.append("entered: " + d.entered.map(label).joined(separator: ", ")) }
        if !d.left.isEmpty { parts.append("left: " + d.left.map(label).joined(separator: ", ")) }
        if !d.moved.isEmpty { parts.append("moved: " + d.moved.map { "\(label($0.candidateId)) \($0.from)→\($0.to)" }.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }

    public func document() -> ReportDocument {
        let s = shortlist
        var doc = ReportDocument(title: "Shortlist for job \(s.jobId), revision \(s.revision)")
        let changesKey = s.diff.map { "Changes since revision \($0.previousRevision)" } ?? "Changes"
        doc.fields([
            .init("Job", s.jobId),
            .init("Revision", String(s.revision)),
            .init("Generated at", ReportJSON.isoDate(s.generatedAt)),
            .init("Criteria version", String(s.criteriaVersion)),
            .init("Size / minimum score", "\(s.size) / \(Self.score(s.minScore))"),
            .init("Shortlisted", top.map { _ in "\(s.entries.count) (showing \(shownEntries.count))" } ?? String(s.entries.count)),
            .init("Knocked out", String(s.knockedOut.count)),
            .init("Not shortlisted", String(s.notShortlistedCount)),
            .init(changesKey, changesSummary()),
        ])
        doc.paragraph("Advisory ranking for human review: it never rejects a candidate on its own.")

        doc.heading("Ranking")
        doc.table(ReportTable(columns: Self.columns, rows: shownEntries.map { e in
            [
                String(e.rank), label(e.candidateId), Self.score(e.score), e.topSkills.joined(separator: ", "),
                e.missingRequired.joined(separator: ", "), Self.years(e.yearsOfExperience), knockouts(e.candidateId),
                Self.model(e.model), String(e.criteriaVersion),
            ]
        }, numeric: [0, 2, 5, 8], emptyText: "no candidate on the shortlist"))

        if let d = s.diff, !d.isEmpty {
            doc.heading("Changes since revision \(d.previousRevision)")
            var rows: [[String]] = []
            rows += d.entered.map { ["entered", label($0), "", newRank($0)] }
            rows += d.left.map { ["left", label($0), "", ""] }
            rows += d.moved.map { ["moved", label($0.candidateId), String($0.from), String($0.to)] }
            doc.table(ReportTable(columns: ["Change", "Candidate", "From rank", "To rank"], rows: rows, numeric: [2, 3]))
        }

        doc.heading("Knocked out")
        doc.table(ReportTable(columns: ["Candidate", "Score", "Reasons"], rows: s.knockedOut.map {
            [label($0.candidateId), Self.score($0.score), $0.reasons.joined(separator: "; ")]
        }, numeric: [1], emptyText: "no candidate knocked out"))

        if explain {
            doc.heading("Explanations")
            for e in shownEntries {
                doc.heading("#\(e.rank) \(label(e.candidateId)): \(Self.score(e.score))", level: 3)
                guard let score = scores[e.candidateId] else {
                    doc.paragraph("No score breakdown available.")
                    continue
                }
                ScoreSections.append(score, to: &doc, maxQuote: maxQuote)
            }
        }
        return doc
    }

    func newRank(_ id: String) -> String { shortlist.entries.first { $0.candidateId == id }.map { String($0.rank) } ?? "" }

    public func csv() -> String {
        let s = shortlist
        var rows: [[String]] = shownEntries.map { e in
            [
                s.jobId, String(s.revision), "shortlisted", String(e.rank), label(e.candidateId), Self.score(e.score),
                e.topSkills.joined(separator: "; "), e.missingRequired.joined(separator: "; "),
                Self.years(e.yearsOfExperience), knockouts(e.candidateId), Self.model(e.model), String(e.criteriaVersion),
            ]
        }
        rows += s.knockedOut.map { k in
            [s.jobId, String(s.revision), "knocked_out", "", label(k.candidateId), Self.score(k.score), "", "", "",
             k.reasons.joined(separator: "; "), "", ""]
        }
        return ReportTable(columns: Self.csvColumns, rows: rows).renderCSV()
    }

    struct JSONBody: Encodable {
        var shortlist: Shortlist
        var labels: [String: String]
        var scores: [String: Score]?
    }

    public func json() throws -> String {
        var s = shortlist
        s.entries = shownEntries
        var ids = Set(s.entries.map(\.candidateId))
        ids.formUnion(s.knockedOut.map(\.candidateId))
        if let d = s.diff { ids.formUnion(d.entered + d.left + d.moved.map(\.candidateId)) }
        let shownLabels = labels.filter { ids.contains($0.key) }
        let shownScores = explain ? scores.filter { id, _ in s.entries.contains { $0.candidateId == id } } : nil
        return try ReportJSON.string(JSONBody(shortlist: s, labels: shownLabels, scores: shownScores))
    }
}
