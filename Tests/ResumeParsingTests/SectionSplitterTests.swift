import Foundation
@testable import ResumeParsing
import Testing

@Suite("Section headings")
struct SectionSplitterTests {
    @Test("heading variants, case, numbering and decoration", arguments: [
        ("EXPERIENCE", "experience"), ("Professional Experience", "experience"), ("Work History", "experience"),
        ("Employment History:", "experience"), ("2. Work Experience", "experience"), ("IV. EDUCATION", "education"),
        ("Education & Training", "education"), ("Technical Skills", "skills"), ("Skills & Abilities", "skills"),
        ("Career Objective", "summary"), ("PROFESSIONAL SUMMARY", "summary"), ("Licenses and Certifications", "certifications"),
        ("Awards & Honors", "awards"), ("Volunteer Experience", "volunteer"), ("E X P E R I E N C E", "experience"),
        ("== Projects ==", "projects"), ("Languages", "languages"), ("Berufserfahrung", "experience"), ("Formación", "education"),
        ("Compétences", "skills"), ("Interests", "interests"), ("References", "references"),
    ])
    func variants(line: String, kind: String) {
        #expect(SectionSplitter().heading(line)?.kind == kind)
    }

    @Test("heading and content on one line")
    func sameLine() throws {
        let h = try #require(SectionSplitter().heading("Skills: Swift, Go, SQL"))
        #expect(h.kind == "skills")
        #expect(h.heading == "Skills")
        #expect(String(String.UnicodeScalarView("Skills: Swift, Go, SQL".unicodeScalars.dropFirst(h.contentOffset))).hasPrefix(" Swift"))
        #expect(SectionSplitter().heading("EDUCATION   B.Sc. Physics, Example University")?.kind == "education")
    }

    @Test("sentences and job lines are not headings", arguments: [
        "Experience with Kubernetes and Terraform", "Managed the skills matrix for 40 engineers.", "Senior Software Engineer",
        "Northwind Payments Inc., Austin, TX", "• Skills", "education was my passion",
    ])
    func notHeadings(line: String) {
        #expect(SectionSplitter().heading(line) == nil)
    }
}
