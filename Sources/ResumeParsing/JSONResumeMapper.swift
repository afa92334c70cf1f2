import Foundation
import ScreenerCore

/// Maps a JSON Resume document (jsonresume.org schema, `basics`, `work`, `education`, `skills`,
/// `languages`, `certificates`…) onto ``ParsedResume`` field by field. A work entry without an
/// `endDate` is current. The resume's text is a plain rendering of its fields, used for skill
/// evidence and prompt-injection checks.
enum JSONResumeMapper {
    static func map(_ data: Data, meta: ParsedResume.Meta) throws -> ParsedResume {
        guard let root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ScreenerError.parseFailed("JSON Resume is not a JSON object")
        }
        typealias S = StructuredValues
        var r = ParsedResume(text: "", meta: meta)
        var text = TextBuilder()
        if let b = S.dict(root["basics"]) {
            r.basics.name = S.string(b["name"])
            r.basics.label = S.string(b["label"])
            r.basics.email = S.string(b["email"])
            r.basics.emails = r.basics.email.map { [$0] } ?? []
            r.basics.phone = S.string(b["phone"])
            r.basics.phones = r.basics.phone.map { [$0] } ?? []
            r.basics.url = S.string(b["url"]) ?? S.string(b["website"])
            r.basics.summary = S.string(b["summary"])
            if let l = S.dict(b["location"]) {
                r.basics.location = .init(address: S.string(l["address"]), postalCode: S.string(l["postalCode"]), city: S.string(l["city"]),
                                          countryCode: S.string(l["countryCode"]), region: S.string(l["region"]))
            }
            for p in S.array(b["profiles"]) {
                guard let url = S.string(p["url"]) ?? S.string(p["username"]) else { continue }
                r.basics.profiles.append(.init(network: S.string(p["network"]) ?? "Other", username: S.string(p["username"]), url: url))
            }
            text.add(r.basics.name, r.basics.label, r.basics.email, r.basics.phone)
            text.section("Summary", r.basics.summary)
        }
        if !S.array(root["work"]).isEmpty { text.heading("Experience") }
        for w in S.array(root["work"]) + S.array(root["volunteer"]) {
            var e = ParsedResume.Work(
                name: S.first(w, "name", "company", "organization"), position: S.first(w, "position"), location: S.first(w, "location"),
                startDate: S.date(S.string(w["startDate"])), endDate: S.date(S.string(w["endDate"])),
                summary: S.string(w["summary"]), highlights: (w["highlights"] as? [Any])?.compactMap(S.string) ?? [])
            e.isCurrent = e.startDate != nil && S.string(w["endDate"]) == nil
            let start = text.offset
            text.add([e.position, e.name].compactMap { $0 }.joined(separator: ", "), e.summary)
            for h in e.highlights { text.add("• " + h) }
            e.range = TextRange(start: start, end: text.offset)
            r.work.append(e)
        }
        if !S.array(root["education"]).isEmpty { text.heading("Education") }
        for ed in S.array(root["education"]) {
            let studyType = S.string(ed["studyType"])
            var e = ParsedResume.Education(institution: S.string(ed["institution"]), area: S.string(ed["area"]), studyType: studyType,
                                           level: studyType.flatMap(DegreeClassifier.level(for:)),
                                           startDate: S.date(S.string(ed["startDate"])), endDate: S.date(S.string(ed["endDate"])), score: S.string(ed["score"]))
            let start = text.offset
            text.add([e.studyType, e.area, e.institution].compactMap { $0 }.joined(separator: ", "))
            e.range = TextRange(start: start, end: text.offset)
            r.education.append(e)
        }
        let skills = S.array(root["skills"])
        if !skills.isEmpty { text.heading("Skills") }
        for s in skills {
            guard let name = S.string(s["name"]) else { continue }
            let keywords = (s["keywords"] as? [Any])?.compactMap(S.string) ?? []
            text.add(([name] + keywords).joined(separator: ", "))
            r.skills.append(.init(name: name, keywords: keywords))
        }
        for l in S.array(root["languages"]) {
            guard let name = S.string(l["language"]) else { continue }
            let fluency = S.string(l["fluency"])
            r.languages.append(.init(language: name, fluency: fluency, cefr: LanguageExtractor.cefr(from: fluency ?? "")))
        }
        for c in S.array(root["certificates"]) {
            guard let name = S.string(c["name"]) else { continue }
            r.certificates.append(.init(name: name, issuer: S.string(c["issuer"]), date: S.date(S.string(c["date"]))))
        }
        for p in S.array(root["projects"]) { text.add(S.string(p["name"]), S.string(p["description"])) }
        r.text = text.text
        return r
    }
}

/// Builds the plain rendering of a structured resume and tracks scalar offsets.
struct TextBuilder {
    private(set) var text = ""
    private(set) var offset = 0

    mutating func add(_ parts: String?...) {
        for p in parts {
            guard let p, !p.isEmpty else { continue }
            let line = p.replacingOccurrences(of: "\n", with: " ")
            text += line + "\n"
            offset += line.unicodeScalars.count + 1
        }
    }
    mutating func heading(_ h: String) { add("", h) }
    mutating func section(_ h: String, _ body: String?) {
        guard let body, !body.isEmpty else { return }
        add(h, body)
    }
}
