import Foundation
import ResumeParsing
import ScreenerCore
import Testing

@Suite("Structuring a resume")
struct StructuringTests {
    let parser = TestPaths.parser()
    typealias D = ParsedResume.PartialDate

    @Test("single-column PDF: contact, work, experience months, education, skills, certificates, languages")
    func singleColumn() throws {
        // Given the single-column PDF
        let r = try parser.parse(data: TestPaths.fixture("single-column.pdf"), fileName: nil)
        // Then contact details are found and the phone is E.164 (US location inferred)
        #expect(r.basics.name == "Jordan Avery Example")
        #expect(r.basics.label == "Senior Software Engineer")
        #expect(r.basics.email == "jordan.example@example.com")
        #expect(r.basics.phone == "+15125550142")
        #expect(r.basics.location?.city == "Austin")
        #expect(r.basics.location?.region == "TX")
        #expect(r.basics.profiles.contains { $0.network == "LinkedIn" && $0.username == "jordan-example" })
        #expect(r.basics.profiles.contains { $0.network == "GitHub" && $0.username == "jordanexample" })
        // And three work entries with employer, title, location and dates
        try #require(r.work.count == 3)
        #expect(r.work[0].name == "Northwind Payments Inc.")
        #expect(r.work[0].position == "Senior Software Engineer")
        #expect(r.work[0].location == "Austin, TX")
        #expect(r.work[0].startDate == D(year: 2019, month: 1))
        #expect(r.work[0].isCurrent)
        #expect(r.work[1].name == "Contoso Labs LLC")
        #expect(r.work[1].startDate == D(year: 2015, month: 3))
        #expect(r.work[1].endDate == D(year: 2018, month: 12))
        #expect(r.work[2].position == "Engineering Intern")
        #expect(r.work[2].startDate == D(year: 2014, month: 6))
        // And total experience = Jan 2019–Nov 2026 (95) + Mar 2015–Dec 2018 (46) + Jun 2014 (1)
        #expect(r.totalExperienceMonths == 95 + 46 + 1)
        // And education is normalised to bachelor
        try #require(r.education.count == 1)
        #expect(r.education[0].level == .bachelor)
        #expect(r.education[0].institution == "University of Texas at Austin")
        #expect(r.education[0].area == "Computer Science")
        #expect(r.education[0].endDate == D(year: 2014))
        // And the sections are found with offsets that point at their headings
        let kinds = r.sections.map(\.kind)
        #expect(kinds == ["contact", "summary", "experience", "education", "skills", "certifications", "languages"])
        for s in r.sections where s.heading != nil {
            #expect(r.textSlice(s.range).hasPrefix(s.heading!))
        }
        // And certificates and languages with CEFR
        #expect(r.certificates.first?.name == "AWS Certified Solutions Architect")
        #expect(r.certificates.first?.issuer == "Amazon Web Services")
        #expect(r.certificates.first?.date == D(year: 2021))
        #expect(r.languages.contains(.init(language: "English", fluency: "native", cefr: "C2")))
        #expect(r.languages.contains { $0.language == "Spanish" && $0.cefr == "B2" })
        #expect(r.flags.isEmpty)
    }

    @Test("skills carry evidence offsets, their section, last used and months used")
    func skillEvidence() throws {
        let r = try parser.parse(data: TestPaths.fixture("single-column.pdf"), fileName: nil)
        let taxonomy = SkillTaxonomy.bundled()
        let pgID = try #require(taxonomy.lookup("PostgreSQL")?.id)
        let pg = try #require(r.skills.first { $0.id == pgID })
        // Every evidence range points at the mention in the text
        for e in pg.evidence { #expect(r.textSlice(e.range).lowercased().contains("postgres")) }
        #expect(Set(pg.evidence.compactMap(\.section)) == ["experience", "skills"])
        // PostgreSQL appears in the current job only: last used now, 95 months
        #expect(pg.lastUsed == D(year: 2026, month: 11))
        #expect(pg.monthsUsed == 95)
        let mysqlID = try #require(taxonomy.lookup("MySQL")?.id)
        let mysql = try #require(r.skills.first { $0.id == mysqlID })
        #expect(mysql.lastUsed == D(year: 2018, month: 12))
        #expect(mysql.monthsUsed == 46)
    }

    @Test("hidden text is flagged and never reaches text or skills")
    func hiddenFlags() throws {
        let r = try parser.parse(data: TestPaths.fixture("hidden-text.pdf"), fileName: nil)
        #expect(!r.text.contains("Kubernetes"))
        #expect(!r.skills.contains { $0.name == "Kubernetes" })
        #expect(r.flags.filter { $0.kind == "hidden_text" }.count == 2)
        #expect(r.flags.contains { $0.kind == "prompt_injection" && $0.range == nil && $0.detail.contains("hidden") })
        #expect(r.warnings.contains("hidden_text:2"))
        #expect(r.basics.phone == "+14155550199")
    }

    @Test("DOCX table rows become work entries; text-box certifications are read")
    func docxStructure() throws {
        let r = try parser.parse(data: TestPaths.fixture("tables-textbox-header.docx"), fileName: nil)
        #expect(r.basics.name == "Taylor Quinn Sample")
        #expect(r.basics.phone == "+16175550123")
        try #require(r.work.count == 2)
        #expect(r.work[0].position == "Charge Nurse")
        #expect(r.work[0].name == "St. Example Medical Center")
        #expect(r.work[0].isCurrent)
        #expect(r.work[1].endDate == D(year: 2019, month: 5))
        #expect(r.certificates.map(\.name) == ["BLS", "ACLS"])
        #expect(r.education.first?.level == .bachelor)
    }

    @Test("UK text resume: headings with 'Work History', E.164 for a UK number, languages line")
    func ukText() throws {
        let r = try parser.parse(data: TestPaths.fixture("utf16.txt"), fileName: nil)
        #expect(r.basics.phone == "+442079460321")
        #expect(r.work.count == 2)
        #expect(r.work.first?.name == "Example Audit Partners LLP")
        #expect(r.work.first?.position == "Senior Accountant")
        #expect(r.work.first?.endDate == D(year: 2023, month: 6))
        #expect(r.languages.contains { $0.language == "Polish" && $0.cefr == "B1" })
        #expect(r.education.first?.level == .bachelor)
    }

    @Test("Spanish and Portuguese universities are institutions")
    func universidad() throws {
        // Given a plain-text resume whose education names a Universidad and a Universidade
        let text = """
        Education
        Universidad de Buenos Aires
        Master of Science in Economics, 2015 - 2017
        Universidade de São Paulo
        Bachelor of Science in Economics, 2010 - 2014
        """
        // When parsed, Then each entry's institution is the university's line
        let r = try parser.parse(data: Data(text.utf8), fileName: nil)
        #expect(r.education.map(\.institution) == ["Universidad de Buenos Aires", "Universidade de São Paulo"])
    }

    @Test("German ODT: German headings and month names, 'bis heute' is current")
    func germanODT() throws {
        let r = try parser.parse(data: TestPaths.fixture("resume.odt"), fileName: nil)
        try #require(r.work.count == 1)
        #expect(r.work[0].startDate == D(year: 2017, month: 3))
        #expect(r.work[0].isCurrent)
        #expect(r.work[0].name == "Beispiel GmbH")
        #expect(r.education.first?.level == .master)
        #expect(r.flags.contains { $0.kind == "hidden_text" })
    }

    @Test("prompt injection in visible text is flagged with offsets")
    func injection() throws {
        let r = try parser.parse(data: TestPaths.fixture("prompt-injection.txt"), fileName: nil)
        let hits = r.flags.filter { $0.kind == "prompt_injection" }
        #expect(hits.count >= 3)
        for h in hits {
            let range = try #require(h.range)
            #expect(r.textSlice(range) == h.excerpt)
        }
        #expect(hits.contains { r.textSlice($0.range!).lowercased().contains("ignore previous instructions") })
        #expect(hits.contains { r.textSlice($0.range!).contains("ChatGPT") })
    }

    @Test("missing contact details produce warnings")
    func warnings() throws {
        let r = try parser.parse(data: Data("Experience\nWelder, Acme Fabrication LLC, 2010 - 2012\n".utf8), fileName: nil)
        #expect(r.warnings.contains("missing_email"))
        #expect(r.warnings.contains("missing_phone"))
        #expect(r.warnings.contains("missing_name"))
        #expect(r.work.count == 1)
        #expect(r.totalExperienceMonths == 36)
    }

    @Test("overlapping jobs are merged when counting experience")
    func overlaps() throws {
        let text = "Experience\nEngineer, Alpha Inc., Jan 2018 - Dec 2019\nConsultant, Beta LLC, Jun 2019 - Jun 2020\n"
        let r = try parser.parse(data: Data(text.utf8), fileName: nil)
        #expect(r.work.count == 2)
        #expect(r.totalExperienceMonths == 30)   // Jan 2018 – Jun 2020
    }
}
