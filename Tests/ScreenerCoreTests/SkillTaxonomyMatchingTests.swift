import Foundation
import Testing
@testable import ScreenerCore

@Suite("Skills taxonomy matching")
struct SkillTaxonomyMatchingTests {
    let taxonomy = SkillTaxonomy.bundled()

    func ids(_ text: String) -> [String] { taxonomy.matches(in: text).map(\.id) }

    @Test("ambiguous names match where they are skills", arguments: [
        ("Languages: C, C++ and Python.", "c"),
        ("Statistical modelling in R and SAS.", "r"),
        ("Backend services written in Go and Rust.", "go"),
        ("Built dashboards in Excel and Tableau.", "microsoft-excel"),
        ("Excel (pivot tables, VLOOKUP) and Word.", "microsoft-excel"),
        ("Developed REST services in Java 17.", "java"),
        ("Microservices with Spring and Hibernate.", "spring-framework"),
        ("Stack: Spring, Kafka, PostgreSQL.", "spring-framework"),
        ("Mobile apps in Swift and Kotlin.", "swift"),
        ("Automated servers with Chef and Ansible.", "chef"),
        ("PYTHON, JAVA, SQL", "java"),
        ("Languages: Java C Python", "c"),
    ])
    func ambiguousPositive(text: String, id: String) {
        // Given a sentence that uses the name as a skill
        // When matched
        // Then the skill is found
        #expect(ids(text).contains(id), "\(ids(text))")
    }

    @Test("ambiguous names do not match ordinary words, letters or places", arguments: [
        ("Reported to the CEO and CFO.", "c"),
        ("Led the R&D team.", "r"),
        ("Worked with Google Cloud.", "go"),
        ("Ready to go the extra mile; go-getter.", "go"),
        ("Go to person for onboarding.", "go"),
        ("Managed go-live for the ERP.", "go"),
        ("I excel at planning and excel in teams.", "microsoft-excel"),
        ("Excel at building relationships.", "microsoft-excel"),
        ("Volunteered in Java island villages.", "java"),
        ("Grew up in Central Java, Indonesia.", "java"),
        ("Barista: served Java coffee daily.", "java"),
        ("Graduated Spring 2019 with honours.", "spring-framework"),
        ("Dean's list, Spring semester.", "spring-framework"),
        ("Fall and Spring semesters as TA.", "spring-framework"),
        ("Interned during spring break.", "spring-framework"),
        ("Reporting to C-level executives.", "c"),
        ("Supervisor: John C. Smith.", "c"),
        ("Karthihayini C Systems Engineer - Infosys", "c"),
        ("Profile: https://www.indeed.com/r/Java-Developer/123", "java"),
        ("Contact: Java.Dev@example.com", "java"),
        ("Vitamin C research assistant.", "c"),
        ("Grade: C+ in calculus.", "c"),
        ("Promoted to sous chef; worked as Chef at Marriott.", "chef"),
        ("Swift response to customer issues.", "swift"),
    ])
    func ambiguousNegative(text: String, id: String) {
        // Given a sentence where the word is not the skill
        // When matched
        // Then the skill is not reported
        #expect(!ids(text).contains(id), "\(ids(text))")
    }

    @Test("punctuation-bearing names are matched whole", arguments: [
        ("C++", "cpp"), ("C#", "csharp"), (".NET", "dotnet"), ("Node.js", "node-js"), ("CI/CD", "ci-cd"),
        ("A/B testing", "a-b-testing"), ("TCP/IP", "tcp-ip"), ("ASP.NET", "aspdotnet"), ("P&L", "profit-and-loss-management"),
        ("Objective-C", "objective-c"), ("T-SQL", "t-sql"), ("PL/SQL", "pl-sql"), ("OB/GYN", "obstetrics-and-gynecology"),
    ])
    func punctuationNames(name: String, id: String) {
        // Given the name inside a sentence
        let text = "Skills: \(name), teamwork."
        // When matched
        let found = taxonomy.matches(in: text)
        // Then exactly that skill covers exactly the name
        let hit = found.first { $0.id == id }
        #expect(hit?.matchedText == name, "\(found.map(\.id))")
        #expect(found.filter { $0.range == hit?.range }.count == 1)
    }

    @Test("C# and C++ do not also report C; C/C++ reports both")
    func cFamily() {
        #expect(ids("C# and C++") == ["csharp", "cpp"])
        #expect(ids("C/C++") == ["c", "cpp"])
    }

    @Test("the longest match wins", arguments: [
        ("Expert in Microsoft Excel.", "microsoft-excel", "Microsoft Excel"),
        ("Built APIs with Spring Boot.", "spring-boot", "Spring Boot"),
        ("Deployed on Amazon Web Services.", "amazon-web-services", "Amazon Web Services"),
        ("Wrote unit tests in Spring Boot Test.", "spring-boot", "Spring Boot"),
        ("Owned the SQL Server estate.", "microsoft-sql-server", "SQL Server"),
    ])
    func longestMatch(text: String, id: String, matched: String) {
        // When matched
        let found = taxonomy.matches(in: text)
        // Then the longer form wins and the shorter one inside it is not reported
        #expect(found.map(\.id).contains(id))
        #expect(found.first { $0.id == id }?.matchedText == matched)
        #expect(!found.contains { $0.id == "spring-framework" || $0.id == "sql" })
    }

    @Test("offsets are unicode-scalar offsets into the text")
    func scalarOffsets() {
        // Given accented and composed characters before the mention (é as one scalar, e + combining acute
        // as two, an emoji as one scalar but two UTF-16 units)
        let text = "Zoë Müller-Étienne 👩🏽‍💻 — Re\u{301}sume\u{301}: Kubernetes"
        // When matched
        let m = taxonomy.matches(in: text).first { $0.id == "kubernetes" }
        // Then the range counts unicode scalars
        let scalars = Array(text.unicodeScalars)
        let expectedStart = scalars.count - "Kubernetes".unicodeScalars.count
        #expect(m?.range == TextRange(start: expectedStart, end: scalars.count))
        #expect(m.map { String(String.UnicodeScalarView(scalars[$0.range.start..<$0.range.end])) } == "Kubernetes")
        #expect(m?.matchedText == "Kubernetes")
    }

    @Test("case rules: short forms need exact case, ordinary forms ignore case")
    func caseRules() {
        #expect(ids("go").isEmpty)
        #expect(ids("r and c").isEmpty)
        #expect(ids("experience with POSTGRESQL and kubernetes") == ["postgresql", "kubernetes"])
        #expect(ids("SWIFT messaging and Swift apps") == ["swift-messaging", "swift"])
        #expect(ids("Conference in San Francisco; configured SAN storage and sql jobs") == ["storage-area-networks", "sql"])
    }

    @Test("matches come in order of appearance with the matched text")
    func ordering() {
        // Given a short resume line
        let found = taxonomy.matches(in: "Python, Docker, Kubernetes (k8s) and Terraform on AWS.")
        // Then the mentions come in text order
        #expect(found.map(\.id) == ["python", "docker", "kubernetes", "kubernetes", "terraform", "amazon-web-services"])
        #expect(found.map(\.range.start) == found.map(\.range.start).sorted())
        #expect(found[3].matchedText == "k8s")
    }

    @Test("non-IT professions are found", arguments: [
        ("Registered Nurse with BLS and ACLS; IV therapy and wound care.", ["registered-nurse", "bls-certification", "acls", "iv-therapy", "wound-care"]),
        ("CPA skilled in GAAP, accounts payable and month-end close using QuickBooks.", ["cpa", "gaap", "accounts-payable", "month-end-close", "quickbooks"]),
        ("Line cook: knife skills, ServSafe, menu development.", ["line-cook", "knife-skills", "food-safety", "menu-development"]),
        ("A&P mechanic, avionics, FAA regulations.", ["a-and-p-license", "avionics", "faa-regulations"]),
    ])
    func otherProfessions(text: String, expected: [String]) {
        let found = Set(ids(text))
        for id in expected { #expect(found.contains(id), "\(id) missing from \(found.sorted())") }
    }

    @Test("a deliberately shared alias reports every owner that accepts it")
    func sharedAlias() {
        // Given L&D, marked shared by Labor and Delivery and Learning and Development
        let found = taxonomy.matches(in: "Led L&D initiatives.")
        // Then both are reported for the same range
        #expect(Set(found.map(\.id)) == ["labor-and-delivery", "learning-and-development"])
        #expect(Set(found.map(\.range)).count == 1)
    }
}
