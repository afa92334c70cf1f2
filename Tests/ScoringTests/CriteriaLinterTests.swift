import Foundation
import Testing
import ScreenerCore
@testable import Scoring

@Suite("CriteriaLinter")
struct CriteriaLinterTests {
    let linter = CriteriaLinter()

    @Test(arguments: [
        ("We want a young, dynamic team player.", "age", "young"),
        ("Ideal for a recent graduate.", "age", "recent graduate"),
        ("You are a digital native.", "age", "digital native"),
        ("No more than 5 years of experience.", "age", "No more than 5 years of experience"),
        ("Applicants aged 25-35.", "age", "aged 25-35"),
        ("An aggressive, competitive closer.", "gender_coded_masculine", "aggressive"),
        ("A nurturing and compassionate carer.", "gender_coded_feminine", "nurturing"),
        ("Male candidates only.", "gender_explicit", "Male candidates"),
        ("Our salesman will train you.", "gender_explicit", "salesman"),
        ("Native English speaker required.", "native_speaker", "Native English speaker"),
        ("Must be able to lift 50 lbs.", "physical", "lift 50 lbs"),
        ("Must be physically fit.", "physical", "physically fit"),
        ("US citizens only.", "nationality", "US citizens only"),
        ("Must be a British citizen.", "nationality", "Must be a British citizen"),
        ("A Christian company with strong values.", "religion", "Christian"),
        ("Married candidates preferred.", "marital_status", "Married candidates"),
        ("Applicants with no children.", "marital_status", "no children"),
    ])
    func flagsBiasedWording(text: String, category: String, term: String) {
        // Given an ad sentence with biased wording, when linted
        let flags = linter.lint(text)
        // Then a flag of the category carries the term, its offsets and an explanation
        let f = flags.first { $0.category == category }
        #expect(f != nil, "no \(category) flag in \(flags.map(\.category))")
        if let f {
            #expect(f.term.lowercased() == term.lowercased())
            let sc = Array(text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(sc[f.range.start..<f.range.end])) == f.term)
            #expect(!f.explanation.isEmpty)
        }
    }

    @Test(arguments: [
        "Senior backend engineer: Swift, PostgreSQL, 5+ years of experience.",
        "Fluent English (C1) and working German (B2).",
        "Bachelor's degree in computer science or equivalent experience.",
        "You will lead design reviews and support the on-call rotation.",
        "We sponsor visas and welcome applicants from every background.",
    ])
    func leavesNeutralWordingAlone(text: String) {
        #expect(linter.lint(text).isEmpty, "unexpected: \(linter.lint(text).map(\.term))")
    }

    @Test func severityIsConfigurablePerCategory() {
        let text = "An ambitious, young engineer."
        let byDefault = linter.lint(text)
        #expect(byDefault.first { $0.category == "gender_coded_masculine" }?.severity == .warning)
        #expect(byDefault.first { $0.category == "age" }?.severity == .error)
        #expect(CriteriaLinter.hasErrors(byDefault))
        let custom = CriteriaLinter(severities: ["gender_coded_masculine": .error, "age": .warning])
        let flags = custom.lint(text)
        #expect(flags.first { $0.category == "gender_coded_masculine" }?.severity == .error)
        #expect(flags.first { $0.category == "age" }?.severity == .warning)
    }

    @Test func lintsEveryCriteriaField() {
        let c = JobCriteria(id: "j", title: "Young Rockstar Developer", description: "Great team.",
                            requiredSkills: [.init(name: "Swift")], languages: [.init(language: "English", level: "native")])
        let flags = linter.lint(c)
        #expect(flags.contains { $0.field == "title" && $0.category == "age" })
        #expect(flags.contains { $0.field == "title" && $0.category == "gender_coded_masculine" })
        #expect(flags.contains { $0.field == "languages[0].level" && $0.category == "native_speaker" })
        #expect(!flags.contains { $0.field == "description" })
    }
}
