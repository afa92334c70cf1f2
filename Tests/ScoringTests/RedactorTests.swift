import Foundation
import Testing
import ScreenerCore
@testable import Scoring

@Suite("Redactor")
struct RedactorTests {
    let redactor = Redactor()

    @Test func defaultPolicyParsesAndCoversEveryKind() throws {
        let p = try RedactionPolicy(json: Data(RedactionPolicy.defaultJSON.utf8))
        for kind in ["name", "email", "phone", "address", "postcode", "profile_link", "photo", "date_of_birth", "age",
                     "gender", "pronoun", "title", "marital_status", "nationality", "religion", "year"] {
            #expect(p.priority.contains(kind), "priority lacks \(kind)")
            #expect(p.tokens[kind] != nil, "no token for \(kind)")
        }
    }

    @Test func invalidPolicyThrowsScreenerError() {
        #expect(throws: ScreenerError.self) { try RedactionPolicy(json: Data("{}".utf8)) }
        let bad = #"{"version":"x","tokens":{},"priority":[],"rules":[{"kind":"x","pattern":"(","caseInsensitive":false,"note":""}]}"#
        #expect(throws: ScreenerError.self) { try RedactionPolicy(json: Data(bad.utf8)) }
    }

    @Test(arguments: [
        ("Contact: jane.doe@example.com today", "email", "jane.doe@example.com"),
        ("Call +1 (415) 555-0134 now", "phone", "+1 (415) 555-0134"),
        ("Profile https://linkedin.com/in/janedoe here", "profile_link", "https://linkedin.com/in/janedoe"),
        ("see github.com/jdoe for code", "profile_link", "github.com/jdoe"),
        ("Date of Birth: 12/03/1990\nSkills", "date_of_birth", "Date of Birth: 12/03/1990"),
        ("Age: 34\n", "age", "Age: 34"),
        ("I am 29 years old", "age", "29 years old"),
        ("Gender: Female\n", "gender", "Gender: Female"),
        ("she led the team", "pronoun", "she"),
        ("Led by Mr. Smith", "title", "Mr."),
        ("Marital Status: Married\n", "marital_status", "Marital Status: Married"),
        ("father of two, with two children", "marital_status", "father of two"),
        ("Nationality: Indian\n", "nationality", "Nationality: Indian"),
        ("Holds H-1B visa", "nationality", "H-1B"),
        ("Green card holder", "nationality", "Green card holder"),
        ("Religion: Hindu\n", "religion", "Religion: Hindu"),
        ("Volunteer at St. Mark church", "religion", "church"),
        ("B.Sc. Computer Science, 2009", "year", "2009"),
        ("Address: 12 Baker Street, London\n", "address", "Address: 12 Baker Street, London"),
        ("lives at 221 Baker Street", "address", "221 Baker Street"),
        ("Springfield, IL 62704", "postcode", "IL 62704"),
        ("London SW1A 1AA", "postcode", "SW1A 1AA"),
        ("Photo: attached", "photo", "Photo: attached"),
    ])
    func redactsKind(text: String, kind: String, span: String) {
        // Given a resume whose text holds one protected signal
        let r = Fixtures.resume(text)
        // When redacted
        let p = redactor.redact(r)
        // Then the span is recorded with its kind and replaced by the kind's token
        let hit = p.redactions.first { $0.kind == kind }
        #expect(hit != nil, "no \(kind) redaction in: \(p.redactions.map(\.kind))")
        if let hit {
            let sc = Array(text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(sc[hit.original.start..<hit.original.end])) == span)
            let out = Array(p.text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(out[hit.replacement.start..<hit.replacement.end])) == RedactionPolicy.default.token(for: kind))
        }
        #expect(!p.text.contains(span))
    }

    @Test(arguments: [
        "Worked 2010 - 2014 on billing",          // a year range is not a phone number
        "Managed a team of 12 engineers",
        "MS Office and MS SQL Server",            // not an honorific
        "Single page applications in React",      // not marital status
        "Led the herald project",                 // "her" inside a word
        "Improved throughput by 35%",
    ])
    func leavesOrdinaryTextAlone(text: String) {
        let p = redactor.redact(Fixtures.resume(text))
        #expect(p.redactions.allSatisfy { $0.kind == "year" })
        #expect(!p.redactions.contains { $0.kind == "phone" })
    }

    @Test func nameFromBasicsInAllOrdersAndFixedWidth() {
        // Given names of different lengths in the same text
        let t1 = "JANE DOE\nSenior engineer. References: Doe, Jane.", t2 = "MAXIMILIANA VON-OSTERHAGEN\nSenior engineer. References: von-Osterhagen, Maximiliana."
        let a = redactor.redact(Fixtures.resume(t1, name: "Jane Doe"))
        let b = redactor.redact(Fixtures.resume(t2, name: "Maximiliana von-Osterhagen"))
        // Then both redact to the same text
        #expect(a.text == b.text)
        #expect(a.text == "[NAME]\nSenior engineer. References: [NAME].")
        #expect(a.redactions.filter { $0.kind == "name" }.count == 2)
    }

    @Test func remapsOffsetsAndDropsRedactedSkillMentions() {
        // Given a skill mentioned once after a long name and once inside the name line
        let text = "Swift Kubernetes\nBuilt Swift services 2019"
        var r = Fixtures.resume(text, name: "Swift Kubernetes")
        r.sections = [.init(kind: "experience", range: TextRange(start: 17, end: text.unicodeScalars.count))]
        // When redacted
        let p = redactor.redact(r)
        // Then the mention inside the name is gone, the other is remapped onto the same word
        let swift = p.skills.first { $0.id == "swift" }
        #expect(swift?.evidence.count == 1)
        if let ev = swift?.evidence.first {
            let sc = Array(p.text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(sc[ev.range.start..<ev.range.end])) == "Swift")
        }
        #expect(!p.skills.contains { $0.id == "kubernetes" })
        #expect(p.text == "[NAME]\nBuilt Swift services [YEAR]")
        #expect(p.sections.first?.range == TextRange(start: 7, end: p.text.unicodeScalars.count))
    }

    @Test func structuralStringsGetTheSameRules() {
        // Given protected signals inside structured fields, not only in the text
        var r = Fixtures.resume("Consultant", name: "Jane Doe")
        r.work = [.init(name: "Jane Doe Consulting", position: "Church volunteer coordinator")]
        r.education = [.init(area: "Class of 2009 valedictorian", level: .bachelor)]
        r.certificates = [.init(name: "Certified by Mrs. Smith, 2011")]
        let p = redactor.redact(r)
        #expect(p.work[0].organization == "[NAME] Consulting")
        #expect(p.work[0].position == "[RELIGION] volunteer coordinator")
        #expect(p.education[0].area == "Class of [YEAR] valedictorian")
        #expect(p.certificates == ["Certified by [TITLE] Smith, [YEAR]"])
    }

    @Test func workDatesBecomeDurationsRelativeToAsOf() {
        var r = Fixtures.resume("Engineer at Acme")
        r.work = [.init(name: "Acme", position: "Engineer", startDate: .init(year: 2020, month: 1), endDate: .init(year: 2021, month: 12)),
                  .init(name: "Beta", position: "Lead", startDate: .init(year: 2022, month: 1), isCurrent: true)]
        r.education = [.init(institution: "Uni", level: .bachelor, endDate: .init(year: 2012))]
        let p = redactor.redact(r, asOf: Fixtures.parsedAt)
        #expect(p.work[0].durationMonths == 24)
        #expect(p.work[0].monthsSinceEnd == 2026 * 12 - (2021 * 12 + 11))
        #expect(p.work[1].durationMonths == 49)
        #expect(p.work[1].monthsSinceEnd == 0)
        #expect(p.education[0].level == .bachelor)
        // The redacted profile encodes no absolute dates.
        let json = String(decoding: try! JSONEncoder().encode(p), as: UTF8.self)
        #expect(!json.contains("2012") && !json.contains("2020"))
    }
}
