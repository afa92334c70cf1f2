import Foundation
import ScreenerCore

/// The recruiters' candidate report (`screener candidate show ID`): the parsed profile, the
/// redactions (kind and offsets), each job's score breakdown with evidence and provenance, any
/// hidden-text or prompt-injection flags, and the deliveries.
///
/// Contact details (name, emails, phones, URL, street address, profile links) and the raw resume
/// text are personal data: they are left out unless `includeContact` is set. The removed text of a
/// redaction is never shown, only its kind and offsets.
///
/// Formats: `table`, `md`, `html` render one document; `csv` has one record per fact with the
/// columns `section, job, item, status, value, detail`; `json` is the `CandidateReportData` (with
/// contact details and `resume.text` emptied unless `includeContact`), sorted keys, ISO 8601 dates.
public struct CandidateReport: Sendable {
    public var data: CandidateReportData
    public var includeContact: Bool
    public var maxQuote: Int

    public init(_ data: CandidateReportData, includeContact: Bool = false, maxQuote: Int = 80) {
        self.data = data
        self.includeContact = includeContact
        self.maxQuote = maxQuote
    }

    public static let csvColumns = ["section", "job", "item", "status", "value", "detail"]

    public func render(_ format: ReportFormat) throws -> String {
        switch format {
        case .table: document().renderText()
        case .md: document().renderMarkdown()
        case .html: document().renderHTML()
        case .csv: csv()
        case .json: try ReportJSON.string(shownData)
        }
    }

    /// The data as reported: without contact details and resume text unless `includeContact`.
    public var shownData: CandidateReportData {
        guard !includeContact else { return data }
        var d = data
        let b = d.resume.basics
        d.resume.basics = .init(label: b.label, location: b.location.map { ParsedResume.Location(city: $0.city, countryCode: $0.countryCode, region: $0.region) })
        d.resume.text = ""
        return d
    }

    static func date(_ d: ParsedResume.PartialDate?) -> String { d?.iso ?? "" }
    static func range(_ r: TextRange?) -> String { r.map { "\($0.start)–\($0.end)" } ?? "" }
    static func years(months: Int) -> String { ReportJSON.number(Double(months) / 12, decimals: 1) }

    public func document() -> ReportDocument {
        let d = shownData
        let r = d.resume
        var doc = ReportDocument(title: "Candidate \(d.candidateId)")
        var head: [ReportDocument.Field] = [.init("Candidate", d.candidateId)]
        head += d.labels.sorted { $0.key < $1.key }.map { ReportDocument.Field("Label " + $0.key, $0.value) }
        head += [
            .init("Format", r.meta.format + (r.meta.ocr ? " (OCR)" : "")),
            .init("Parser version", r.meta.parserVersion),
            .init("Parsed at", ReportJSON.isoDate(r.meta.parsedAt)),
            .init("Total experience (years)", Self.years(months: r.totalExperienceMonths)),
            .init("Flags", r.flags.isEmpty ? "none" : r.flags.map(\.kind).joined(separator: ", ")),
        ]
        if let p = r.meta.pages { head.append(.init("Pages", String(p))) }
        if let h = r.meta.inputSHA256 { head.append(.init("Input SHA-256", h)) }
        doc.fields(head)

        doc.heading("Profile")
        var basics: [ReportDocument.Field] = []
        if includeContact {
            let b = r.basics
            if let n = b.name { basics.append(.init("Name", n)) }
            let emails = ([b.email].compactMap { $0 } + b.emails).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if !emails.isEmpty { basics.append(.init("Email", emails.joined(separator: ", "))) }
            let phones = ([b.phone].compactMap { $0 } + b.phones).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if !phones.isEmpty { basics.append(.init("Phone", phones.joined(separator: ", "))) }
            if let u = b.url { basics.append(.init("URL", u)) }
            for p in b.profiles { basics.append(.init(p.network, p.url)) }
        } else {
            basics.append(.init("Contact details", "hidden (personal data)"))
        }
        if let l = r.basics.label { basics.append(.init("Headline", l)) }
        if let loc = r.basics.location {
            let parts = [includeContact ? loc.address : nil, loc.city, loc.region, loc.countryCode].compactMap { $0 }
            if !parts.isEmpty { basics.append(.init("Location", parts.joined(separator: ", "))) }
        }
        doc.fields(basics)
        doc.table(ReportTable(title: "Work", columns: ["Position", "Organization", "Start", "End", "Location"], rows: r.work.map {
            [$0.position ?? "", $0.name ?? "", Self.date($0.startDate), $0.isCurrent ? "present" : Self.date($0.endDate), $0.location ?? ""]
        }))
        doc.table(ReportTable(title: "Education", columns: ["Institution", "Area", "Study type", "Level", "End"], rows: r.education.map {
            [$0.institution ?? "", $0.area ?? "", $0.studyType ?? "", $0.level?.rawValue ?? "", Self.date($0.endDate)]
        }))
        doc.table(ReportTable(title: "Skills", columns: ["Skill", "Category", "Months used", "Last used", "Mentions"], rows: r.skills.map {
            [$0.name, $0.category ?? "", $0.monthsUsed.map(String.init) ?? "", Self.date($0.lastUsed), String($0.evidence.count)]
        }, numeric: [2, 4]))
        if !r.languages.isEmpty {
            doc.table(ReportTable(title: "Languages", columns: ["Language", "Fluency", "CEFR"],
                                  rows: r.languages.map { [$0.language, $0.fluency ?? "", $0.cefr ?? ""] }))
        }
        if !r.certificates.isEmpty {
            doc.table(ReportTable(title: "Certificates", columns: ["Name", "Issuer", "Date"],
                                  rows: r.certificates.map { [$0.name, $0.issuer ?? "", Self.date($0.date)] }))
        }
        if !r.warnings.isEmpty {
            doc.heading("Parse warnings", level: 3)
            doc.list(r.warnings)
        }

        doc.heading("Flags")
        doc.table(ReportTable(columns: ["Kind", "Detail", "Offsets", "Excerpt"], rows: r.flags.map {
            [$0.kind, $0.detail, Self.range($0.range), $0.excerpt.map { ScoreSections.quote($0, max: maxQuote) } ?? ""]
        }, emptyText: "no hidden text or prompt injection found"))

        doc.heading("Redactions")
        if let v = d.redactionPolicyVersion { doc.fields([.init("Policy version", v)]) }
        doc.table(ReportTable(columns: ["Kind", "Original offsets", "Redacted offsets"], rows: d.redactions.map {
            [$0.kind, Self.range($0.original), Self.range($0.replacement)]
        }, emptyText: "no redactions recorded"))

        doc.heading("Scores")
        if d.scores.isEmpty { doc.paragraph("Not scored for any job yet.") }
        for js in d.scores {
            let s = js.score
            var title = "Job \(js.jobId)" + (js.jobTitle.map { " (\($0))" } ?? "") + ": " + ReportJSON.number(s.total, decimals: 2)
            if s.knockedOut { title += ", knocked out" }
            doc.heading(title, level: 3)
            var f: [ReportDocument.Field] = [
                .init("Shortlist", js.rank.map { "rank \($0)" + (js.shortlistRevision.map { " in revision \($0)" } ?? "") } ?? "not shortlisted"),
            ]
            if let at = js.scoredAt { f.append(.init("Scored at", ReportJSON.isoDate(at))) }
            doc.fields(f + ScoreSections.provenanceFields(s.provenance))
            ScoreSections.append(s, to: &doc, maxQuote: maxQuote)
        }

        doc.heading("Deliveries")
        doc.table(ReportTable(columns: ["Post-back", "Job", "Kind", "Status", "Attempts", "Last error", "Delivered at"], rows: d.deliveries.map {
            [$0.postBackId, $0.jobId ?? "", $0.kind, $0.status, String($0.attempts), $0.lastError ?? "", $0.deliveredAt.map(ReportJSON.isoDate) ?? ""]
        }, numeric: [4], emptyText: "no post-backs"))
        return doc
    }

    /// One record per fact: profile items, flags, redactions, score components, criteria,
    /// knockouts and deliveries.
    public func csv() -> String {
        let d = shownData
        let r = d.resume
        var rows: [[String]] = []
        rows.append(["profile", "", "total_experience_years", "", Self.years(months: r.totalExperienceMonths), ""])
        for w in r.work {
            rows.append(["work", "", w.position ?? "", w.isCurrent ? "current" : "", w.name ?? "",
                         "\(Self.date(w.startDate))–\(w.isCurrent ? "present" : Self.date(w.endDate))"])
        }
        for e in r.education {
            rows.append(["education", "", e.area ?? e.studyType ?? "", e.level?.rawValue ?? "", e.institution ?? "", Self.date(e.endDate)])
        }
        for s in r.skills {
            rows.append(["skill", "", s.name, "", s.monthsUsed.map(String.init) ?? "", s.category ?? ""])
        }
        for f in r.flags { rows.append(["flag", "", f.kind, "", Self.range(f.range), f.detail]) }
        for x in d.redactions { rows.append(["redaction", "", x.kind, "", Self.range(x.original), Self.range(x.replacement)]) }
        for js in d.scores {
            let s = js.score
            rows.append(["score", js.jobId, "total", s.knockedOut ? "knocked_out" : (js.rank.map { "rank \($0)" } ?? ""),
                         ReportJSON.number(s.total, decimals: 2),
                         "\(s.provenance.adapter)/\(s.provenance.model) \(s.provenance.modelVersion)"])
            for c in s.components {
                rows.append(["component", js.jobId, c.name, "", ReportJSON.number(c.points, decimals: 2),
                             "weight \(ReportJSON.number(c.weight, decimals: 2)), score \(ReportJSON.number(c.score, decimals: 2))"])
            }
            for c in s.criteria {
                rows.append(["criterion", js.jobId, "\(c.kind): \(c.name)", c.status.rawValue, ReportJSON.number(c.credit, decimals: 2),
                             [c.detail ?? "", ScoreSections.evidence(c, maxQuote: maxQuote)].filter { !$0.isEmpty }.joined(separator: " | ")])
            }
            for k in s.knockouts { rows.append(["knockout", js.jobId, k.field, k.outcome.rawValue, "", ""]) }
        }
        for x in d.deliveries {
            rows.append(["delivery", x.jobId ?? "", x.postBackId, x.status, String(x.attempts),
                         [x.kind, x.lastError ?? "", x.deliveredAt.map(ReportJSON.isoDate) ?? ""].filter { !$0.isEmpty }.joined(separator: " | ")])
        }
        return ReportTable(columns: Self.csvColumns, rows: rows).renderCSV()
    }
}
