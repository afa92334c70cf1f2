import Foundation
import ResumeParsing
import ScreenerCore
import Testing

@Suite("Structured inputs mapped field by field")
struct StructuredInputTests {
    let parser = TestPaths.parser()
    typealias D = ParsedResume.PartialDate

    @Test("JSON Resume")
    func jsonResume() throws {
        let r = try parser.parse(data: TestPaths.fixture("resume.jsonresume.json"), fileName: nil)
        #expect(r.meta.format == "json-resume")
        #expect(r.basics.name == "Kim Jsonresume")
        #expect(r.basics.label == "iOS Developer")
        #expect(r.basics.location?.city == "Portland")
        #expect(r.basics.profiles.first?.network == "GitHub")
        try #require(r.work.count == 2)
        #expect(r.work[0].isCurrent)
        #expect(r.work[0].startDate == D(year: 2020, month: 2))
        #expect(r.work[0].highlights == ["Shipped 12 releases"])
        #expect(r.work[1].endDate == D(year: 2019, month: 9))
        #expect(r.education.first?.level == .bachelor)
        #expect(r.languages.contains { $0.language == "English" && $0.cefr == "C2" })
        #expect(r.languages.contains { $0.language == "Korean" && $0.cefr == "B2" })
        #expect(r.certificates.first?.issuer == "Apple")
        // Declared skills are linked to the taxonomy where known, kept as written otherwise
        let swiftID = SkillTaxonomy.bundled().lookup("Swift")?.id
        #expect(r.skills.contains { $0.id == swiftID && $0.id != nil })
        #expect(r.skills.contains { $0.name == "Underwater Basket Weaving" && $0.id == nil })
        // Present up to Nov 2026: Feb 2020–Nov 2026 = 82, plus Jun–Sep 2019 = 4
        #expect(r.totalExperienceMonths == 82 + 4)
    }

    @Test("the shared JSON Resume sample maps without loss of core fields")
    func sharedSample() throws {
        guard let data = TestPaths.sharedData else { print("SKIP: ../shared/data is absent"); return }
        let raw = try Data(contentsOf: data.appendingPathComponent("jsonresume/sample.resume.json"))
        let obj = try #require(try JSONSerialization.jsonObject(with: raw) as? [String: Any])
        let r = try parser.parse(data: raw, fileName: nil)
        let basics = obj["basics"] as? [String: Any]
        #expect(r.basics.name == basics?["name"] as? String)
        #expect(r.work.count == (obj["work"] as? [Any])?.count ?? 0 + ((obj["volunteer"] as? [Any])?.count ?? 0) || r.work.count >= ((obj["work"] as? [Any])?.count ?? 0))
        #expect(r.education.count == (obj["education"] as? [Any])?.count ?? 0)
    }

    @Test("HR Open 4.x JSON candidate")
    func hrOpen() throws {
        let r = try parser.parse(data: TestPaths.fixture("resume.hropen.json"), fileName: nil)
        #expect(r.meta.format == "hropen-json")
        #expect(r.basics.name == "Pat Hropen")
        #expect(r.basics.email == "pat.hropen@example.com")
        #expect(r.basics.phone == "+1 303 555 0144")
        #expect(r.basics.location?.region == "CO")
        #expect(r.basics.profiles.first?.network == "LinkedIn")
        try #require(r.work.count == 2)
        #expect(r.work[0].name == "Adatum Corporation")
        #expect(r.work[0].position == "Financial Analyst")
        #expect(r.work[0].isCurrent)
        #expect(r.work[1].endDate == D(year: 2017, month: 8))
        #expect(r.education.first?.level == .master)
        #expect(r.certificates.first?.issuer == "CFA Institute")
        #expect(r.skills.contains { $0.name.localizedCaseInsensitiveContains("Financial Model") })
        #expect(r.languages.first?.cefr == "B1")
    }

    @Test("HR-XML 3.x Candidate")
    func hrXML() throws {
        let r = try parser.parse(data: TestPaths.fixture("resume.hrxml.xml"), fileName: nil)
        #expect(r.meta.format == "hrxml")
        #expect(r.basics.name == "Drew Hrxml")
        #expect(r.basics.email == "drew.hrxml@example.com")
        #expect(r.basics.phone == "+1 202 555 0111")
        #expect(r.basics.location?.city == "Denver")
        try #require(r.work.count == 2)
        #expect(r.work[0].name == "Litware Inc.")
        #expect(r.work[0].position == "DevOps Engineer")
        #expect(r.work[0].isCurrent)
        #expect(r.work[1].startDate == D(year: 2014, month: 1))
        #expect(r.education.first?.level == .bachelor)
        #expect(r.education.first?.area == "Information Systems")
        #expect(r.certificates.first?.name == "Certified Kubernetes Administrator")
        #expect(r.certificates.first?.date == D(year: 2020, month: 2))
        #expect(r.skills.contains { $0.name == "Kubernetes" || $0.name == "Terraform" })
    }

    @Test("HR-XML with a DOCTYPE, external entity or entity expansion is refused before parsing")
    func doctypeRefused() throws {
        do {
            _ = try parser.parse(data: TestPaths.fixture("hrxml-doctype.xml"), fileName: nil)
            Issue.record("expected parse_failed")
        } catch let e as ScreenerError {
            #expect(e.code == .parseFailed)
            #expect(e.message.contains("DOCTYPE"))
        }
    }
}
