import Foundation
import ScreenerCore

/// Maps an HR Open Standards 4.x JSON Candidate onto ``ParsedResume`` field by field.
///
/// Read: `person.name` (`formattedName` or `given` + `family`), `person.communication`
/// (`email[].address`, `phone[].formattedNumber`/`dialNumber`, `address[]`, `web[].url`),
/// `profiles[].employment[]` (`organization.name`, `positionHistories[].title`/`title`, `start`,
/// `end`, `current`, `description`), `profiles[].education[]` (`institution.name`,
/// `educationDegrees[].name`/`degree.name`, `start`, `end`), `profiles[].qualifications[]`
/// (`competencyName`), `profiles[].certifications[]`, `profiles[].languages[]`. A top-level
/// `candidate` wrapper is unwrapped.
enum HROpenMapper {
    static func map(_ data: Data, meta: ParsedResume.Meta) throws -> ParsedResume {
        guard var root = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw ScreenerError.parseFailed("HR Open document is not a JSON object")
        }
        if let c = root["candidate"] as? [String: Any] { root = c }
        typealias S = StructuredValues
        var r = ParsedResume(text: "", meta: meta)
        var text = TextBuilder()
        let person = S.dict(root["person"]) ?? [:]
        if let n = S.dict(person["name"]) {
            r.basics.name = S.string(n["formattedName"]) ?? [S.string(n["given"]), S.string(n["family"])].compactMap { $0 }.joined(separator: " ")
        }
        let comm = S.dict(person["communication"]) ?? S.dict(root["communication"]) ?? [:]
        r.basics.emails = S.array(comm["email"]).compactMap { S.first($0, "address", "value") }
        r.basics.phones = S.array(comm["phone"]).compactMap { S.first($0, "formattedNumber", "dialNumber", "value") }
        r.basics.email = r.basics.emails.first
        r.basics.phone = r.basics.phones.first
        if let a = S.array(comm["address"]).first {
            r.basics.location = .init(address: (a["line"] as? String) ?? S.first(a, "formattedAddress"), postalCode: S.first(a, "postalCode"), city: S.first(a, "city"),
                                      countryCode: S.first(a, "countryCode", "country"), region: S.first(a, "countrySubDivisions.value", "region"))
        }
        for w in S.array(comm["web"]) {
            guard let url = S.first(w, "url", "address") else { continue }
            let lower = url.lowercased()
            let network = lower.contains("linkedin") ? "LinkedIn" : lower.contains("github") ? "GitHub" : (S.first(w, "name", "typeCode") ?? "Portfolio")
            r.basics.profiles.append(.init(network: network, url: url))
        }
        text.add(r.basics.name)
        text.add(r.basics.emails.first, r.basics.phones.first)
        let profiles = S.array(root["profiles"]).isEmpty ? [root] : S.array(root["profiles"])
        for p in profiles {
            if let summary = S.first(p, "summary", "description") { r.basics.summary = r.basics.summary ?? summary; text.section("Summary", summary) }
            let employment = S.array(p["employment"])
            if !employment.isEmpty { text.heading("Experience") }
            for e in employment {
                let positions = S.array(e["positionHistories"])
                let entries = positions.isEmpty ? [e] : positions
                for pos in entries {
                    var w = ParsedResume.Work(
                        name: S.first(e, "organization.name", "employer.name", "organizationName", "name"),
                        position: S.first(pos, "title", "positionTitle", "jobTitle") ?? S.first(e, "title"),
                        location: S.first(pos, "location.city", "location.formattedName") ?? S.first(e, "location.city"),
                        startDate: S.date(S.first(pos, "start", "startDate") ?? S.first(e, "start", "startDate")),
                        endDate: S.date(S.first(pos, "end", "endDate") ?? S.first(e, "end", "endDate")),
                        summary: S.first(pos, "description") ?? S.first(e, "description"))
                    w.isCurrent = S.bool(pos["current"]) || S.bool(e["current"]) || (w.startDate != nil && w.endDate == nil)
                    let start = text.offset
                    text.add([w.position, w.name].compactMap { $0 }.joined(separator: ", "), w.summary)
                    w.range = TextRange(start: start, end: text.offset)
                    r.work.append(w)
                }
            }
            let education = S.array(p["education"])
            if !education.isEmpty { text.heading("Education") }
            for ed in education {
                let degree = S.first(ed, "educationDegrees.name", "degree.name", "degrees.name", "educationLevelCodes.name")
                let typeCode = S.first(ed, "educationDegrees.degreeTypeCode", "degree.typeCode", "educationLevelCodes.value")
                var e = ParsedResume.Education(
                    institution: S.first(ed, "institution.name", "organization.name", "institution"),
                    area: S.first(ed, "educationDegrees.specializations.name", "programs.name", "major", "fieldOfStudy"),
                    studyType: degree,
                    level: (degree ?? typeCode).flatMap(DegreeClassifier.level(for:)),
                    startDate: S.date(S.first(ed, "start", "startDate")), endDate: S.date(S.first(ed, "end", "endDate", "educationDegrees.date")))
                let start = text.offset
                text.add([e.studyType, e.area, e.institution].compactMap { $0 }.joined(separator: ", "))
                e.range = TextRange(start: start, end: text.offset)
                r.education.append(e)
            }
            let quals = S.array(p["qualifications"]) + S.array(p["competencies"]) + S.array(p["skills"])
            if !quals.isEmpty { text.heading("Skills") }
            for q in quals {
                guard let name = S.first(q, "competencyName", "name", "value") else { continue }
                text.add(name)
                r.skills.append(.init(name: name))
            }
            for c in S.array(p["certifications"]) + S.array(p["licenses"]) {
                guard let name = S.first(c, "name", "certificationName") else { continue }
                r.certificates.append(.init(name: name, issuer: S.first(c, "issuingAuthority.name", "issuer"), date: S.date(S.first(c, "effectiveTimePeriod.validFrom", "firstIssuedDate", "date"))))
            }
            for l in S.array(p["languages"]) + S.array(person["languages"]) {
                guard let name = S.first(l, "languageCode", "name", "language") else { continue }
                let fluency = S.first(l, "proficiencyLevel", "fluency", "level")
                r.languages.append(.init(language: name, fluency: fluency, cefr: fluency.flatMap(LanguageExtractor.cefr(from:))))
            }
        }
        r.text = text.text
        return r
    }
}
