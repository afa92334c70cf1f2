import Foundation
import ScreenerCore

/// Maps an HR-XML 3.x `Candidate` document onto ``ParsedResume`` field by field.
///
/// Read (by local name, any namespace): `CandidatePerson/PersonName` (`FormattedName` or
/// `GivenName` + `FamilyName`), `Communication` (`ChannelCode` Email/Telephone/Mobile/Web with
/// `URI`/`DialNumber`/`FormattedNumber`, `Address` with `CityName`, `CountrySubDivisionCode`,
/// `CountryCode`, `PostalCode`), `EmployerHistory` (`OrganizationName`, `PositionHistory`:
/// `PositionTitle`, `EmploymentPeriod` `StartDate`/`EndDate` (`FormattedDateTime`) and
/// `CurrentIndicator`, `Description`), `EducationOrganizationAttendance` (`OrganizationName`,
/// `EducationDegree/DegreeName`, `DegreeTypeCode`, `OccupationalProgramName`/`ProgramName`,
/// `AttendancePeriod`), `PersonCompetency/CompetencyName`, `Certification` (`CertificationName`,
/// `IssuingAuthority/Name`, `FirstIssuedDate`) and `Language` (`LanguageCode`, `ReadingProficiencyCode`…).
/// The caller parses with ``XNode/parseXML`` (no DOCTYPE, no entities, no network).
enum HRXMLMapper {
    static func map(_ root: XNode, meta: ParsedResume.Meta) throws -> ParsedResume {
        guard root.name == "Candidate" else { throw ScreenerError.parseFailed("XML root is not an HR-XML Candidate") }
        var r = ParsedResume(text: "", meta: meta)
        var text = TextBuilder()
        func val(_ n: XNode?, _ names: String...) -> String? {
            guard let n else { return nil }
            for name in names {
                if let d = n.descendants(name).first {
                    let t = d.allText.trimmingCharacters(fast: .whitespacesAndNewlines)
                    if !t.isEmpty { return t }
                }
            }
            return nil
        }
        func date(_ n: XNode?) -> ParsedResume.PartialDate? {
            guard let n else { return nil }
            return StructuredValues.date(val(n, "FormattedDateTime", "YearMonth", "Year", "Date") ?? n.allText.trimmingCharacters(fast: .whitespacesAndNewlines))
        }
        let person = root.descendants("CandidatePerson").first ?? root.descendants("PersonName").first.map { _ in root }
        if let pn = person?.descendants("PersonName").first {
            r.basics.name = val(pn, "FormattedName") ?? [val(pn, "GivenName"), val(pn, "FamilyName")].compactMap { $0 }.joined(separator: " ")
        }
        for c in person?.descendants("Communication") ?? [] {
            let channel = (val(c, "ChannelCode") ?? "").lowercased()
            if let addr = c.child("Address") ?? c.descendants("Address").first {
                r.basics.location = .init(address: val(addr, "AddressLine"), postalCode: val(addr, "PostalCode"), city: val(addr, "CityName"),
                                          countryCode: val(addr, "CountryCode"), region: val(addr, "CountrySubDivisionCode"))
            } else if channel.contains("email") || (val(c, "URI")?.contains("@") ?? false) {
                if let e = val(c, "URI", "Address") { r.basics.emails.append(e) }
            } else if channel.contains("phone") || channel.contains("mobile") || channel.contains("telephone") || c.descendants("DialNumber").first != nil || c.descendants("FormattedNumber").first != nil {
                if let p = val(c, "FormattedNumber", "DialNumber") { r.basics.phones.append(p) }
            } else if let u = val(c, "URI") {
                let lower = u.lowercased()
                r.basics.profiles.append(.init(network: lower.contains("linkedin") ? "LinkedIn" : lower.contains("github") ? "GitHub" : "Portfolio", url: u))
            }
        }
        r.basics.email = r.basics.emails.first
        r.basics.phone = r.basics.phones.first
        text.add(r.basics.name, r.basics.email, r.basics.phone)
        let employers = root.descendants("EmployerHistory")
        if !employers.isEmpty { text.heading("Experience") }
        for eh in employers {
            let org = eh.children.first { $0.name == "OrganizationName" }?.allText.trimmingCharacters(fast: .whitespacesAndNewlines)
            let positions = eh.descendants("PositionHistory")
            for pos in positions.isEmpty ? [eh] : positions {
                let period = pos.descendants("EmploymentPeriod").first
                var w = ParsedResume.Work(name: org ?? val(eh, "OrganizationName"), position: val(pos, "PositionTitle"),
                                          location: val(pos, "CityName"),
                                          startDate: date(period?.descendants("StartDate").first), endDate: date(period?.descendants("EndDate").first),
                                          summary: val(pos, "Description"))
                w.isCurrent = (val(pos, "CurrentIndicator")?.lowercased() == "true") || (w.startDate != nil && w.endDate == nil)
                let start = text.offset
                text.add([w.position, w.name].compactMap { $0 }.joined(separator: ", "), w.summary)
                w.range = TextRange(start: start, end: text.offset)
                r.work.append(w)
            }
        }
        let schools = root.descendants("EducationOrganizationAttendance")
        if !schools.isEmpty { text.heading("Education") }
        for s in schools {
            let degree = val(s, "DegreeName")
            let typeCode = val(s, "DegreeTypeCode")
            let period = s.descendants("AttendancePeriod").first
            var e = ParsedResume.Education(institution: val(s, "OrganizationName", "SchoolName"), area: val(s, "OccupationalProgramName", "ProgramName", "DegreeMajor"),
                                           studyType: degree ?? typeCode, level: (degree ?? typeCode).flatMap(DegreeClassifier.level(for:)),
                                           startDate: date(period?.descendants("StartDate").first), endDate: date(period?.descendants("EndDate").first ?? s.descendants("DegreeDate").first))
            let start = text.offset
            text.add([e.studyType, e.area, e.institution].compactMap { $0 }.joined(separator: ", "))
            e.range = TextRange(start: start, end: text.offset)
            r.education.append(e)
        }
        let comps = root.descendants("PersonCompetency")
        if !comps.isEmpty { text.heading("Skills") }
        for c in comps {
            guard let name = val(c, "CompetencyName") else { continue }
            text.add(name)
            r.skills.append(.init(name: name))
        }
        for c in root.descendants("Certification") {
            guard let name = val(c, "CertificationName", "Name") else { continue }
            r.certificates.append(.init(name: name, issuer: c.descendants("IssuingAuthority").first.flatMap { val($0, "Name") } ?? val(c, "IssuingAuthorityName"),
                                        date: date(c.descendants("FirstIssuedDate").first ?? c.descendants("EffectiveDate").first)))
        }
        for l in root.descendants("Language") where l.children.contains(where: { !$0.isText }) {
            guard let code = val(l, "LanguageCode") else { continue }
            let fluency = val(l, "SpeakingProficiencyCode", "ReadingProficiencyCode", "WritingProficiencyCode", "ProficiencyLevel")
            r.languages.append(.init(language: code, fluency: fluency, cefr: fluency.flatMap(LanguageExtractor.cefr(from:))))
        }
        r.text = text.text
        return r
    }
}
