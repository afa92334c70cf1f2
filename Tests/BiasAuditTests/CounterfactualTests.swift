import Testing
import Foundation
import ScreenerCore
@testable import BiasAudit

@Suite("Counterfactual audit")
struct CounterfactualTests {
    static let bank = NameBank(names: [
        .init(key: "W", sex: .male): ["Adam Erickson", "Brett Bauer"],
        .init(key: "W", sex: .female): ["Amy Kramer", "Jill Novak"],
        .init(key: "B", sex: .male): ["Darnell Jackson", "Jamal Jefferson"],
        .init(key: "B", sex: .female): ["Ebony Mack", "Latoya Coleman"],
    ])

    /// A resume whose structure points into its text, with `skills` skills.
    static func resume(skills: Int = 3) -> ParsedResume {
        let text = """
        Jordan Smith
        Summary: Engineer. He led his team and mentored others.
        Education
        BSc Computer Science, State University, 2008 - 2012
        Experience
        Acme, Engineer, 2018 - Present
        Beta Corp, Developer, 2013 - 2017
        Skills: Swift, SQL, Kubernetes, Go, Rust, Python, Java
        """
        let s = Array(text.unicodeScalars)
        func range(of needle: String) -> TextRange {
            let n = Array(needle.unicodeScalars)
            for i in 0...(s.count - n.count) where Array(s[i..<(i + n.count)]) == n { return TextRange(start: i, end: i + n.count) }
            fatalError("fixture")
        }
        let skillNames = ["Swift", "SQL", "Kubernetes", "Go", "Rust", "Python", "Java"]
        return ParsedResume(
            text: text,
            basics: .init(name: "Jordan Smith"),
            work: [
                .init(name: "Acme", position: "Engineer", startDate: .init(year: 2018), isCurrent: true, range: range(of: "Acme, Engineer, 2018 - Present")),
                .init(name: "Beta Corp", position: "Developer", startDate: .init(year: 2013), endDate: .init(year: 2017), range: range(of: "Beta Corp, Developer, 2013 - 2017")),
            ],
            education: [.init(institution: "State University", startDate: .init(year: 2008), endDate: .init(year: 2012),
                              range: range(of: "BSc Computer Science, State University, 2008 - 2012"))],
            skills: skillNames.prefix(skills).map { .init(name: $0, evidence: [.init(range: range(of: $0 + (($0 == "Go") ? ", Rust" : "")), section: "skills")]) },
            sections: [.init(kind: "education", heading: "Education", range: range(of: "Education\nBSc Computer Science, State University, 2008 - 2012"))],
            meta: .init(format: "txt", parserVersion: "test", parsedAt: Date(timeIntervalSince1970: 0)))
    }

    static func slice(_ r: ParsedResume, _ range: TextRange) -> String {
        String(String.UnicodeScalarView(Array(r.text.unicodeScalars)[range.start..<range.end]))
    }

    @Test("Given a name swap, then the text and basics carry the new name and every range still points at the same words")
    func nameSwap() {
        let original = Self.resume()
        let swapped = CounterfactualVariant.swapName(original, to: "Ebony Mack")
        #expect(swapped.basics.name == "Ebony Mack")
        #expect(swapped.text.hasPrefix("Ebony Mack\n"))
        #expect(!swapped.text.contains("Jordan Smith"))
        for (a, b) in zip(original.skills, swapped.skills) {
            #expect(Self.slice(original, a.evidence[0].range) == Self.slice(swapped, b.evidence[0].range))
        }
        #expect(Self.slice(swapped, swapped.work[1].range!) == "Beta Corp, Developer, 2013 - 2017")
    }

    @Test("Given a resume without its name in the text, then the new name is put on a first line and ranges shift")
    func nameMissingFromText() {
        var r = Self.resume()
        r.basics.name = "Somebody Else"
        let swapped = CounterfactualVariant.swapName(r, to: "Amy Kramer")
        #expect(swapped.text.hasPrefix("Amy Kramer\nJordan Smith"))
        #expect(Self.slice(swapped, swapped.education[0].range!) == Self.slice(r, r.education[0].range!))
    }

    @Test("Given a pronoun swap, then he/his become she/her with case kept, and back")
    func pronouns() {
        let female = CounterfactualVariant.swapPronouns(Self.resume(), to: .female)
        #expect(female.text.contains("She led her team"))
        let male = CounterfactualVariant.swapPronouns(female, to: .male)
        #expect(male.text.contains("He led his team"))
    }

    @Test("Given a graduation shift of -15 years, then only the education years move, in text and structure")
    func graduationShift() {
        let r = CounterfactualVariant.shiftGraduation(Self.resume(), years: -15)
        #expect(r.text.contains("State University, 1993 - 1997"))
        #expect(r.text.contains("Acme, Engineer, 2018 - Present") && r.text.contains("2013 - 2017"))
        #expect(r.education[0].startDate?.year == 1993 && r.education[0].endDate?.year == 1997)
    }

    @Test("Given a 24-month gap, then every job but the latest moves two years earlier")
    func employmentGap() {
        let r = CounterfactualVariant.insertGap(Self.resume(), months: 24)
        #expect(r.text.contains("Beta Corp, Developer, 2011 - 2015"))
        #expect(r.text.contains("Acme, Engineer, 2018 - Present"))
        #expect(r.work[1].startDate?.year == 2011 && r.work[1].endDate?.year == 2015)
        #expect(r.work[0].startDate?.year == 2018)
    }

    static func resumes() -> [ParsedResume] { (1...6).map { resume(skills: $0) } }

    @Test("Given a deliberately biased scorer, then the audit detects it by score change and by name-group impact ratio")
    func detectsBiasedScorer() async throws {
        let black = Set(Self.bank.names.filter { $0.key.key == "B" }.flatMap(\.value))
        let report = try await CounterfactualAudit.run(resumes: Self.resumes(), names: Self.bank) { r in
            var s = 0.3 + 0.1 * Double(r.skills.count)
            if let n = r.basics.name, black.contains(n) { s -= 0.2 }
            if r.text.contains("She ") { s -= 0.05 }
            return s
        }
        #expect(report.biasDetected)
        let blackMale = try #require(report.summaries.first { $0.label == "Name: Black or African American Male" })
        #expect(blackMale.flagged && abs(blackMale.meanChange + 0.2) < 1e-12 && abs(blackMale.maxAbsoluteChange - 0.2) < 1e-12)
        #expect(blackMale.maxAbsoluteRankChange >= 1)
        #expect(!(report.summaries.first { $0.label == "Name: White Male" }!.flagged))
        #expect(report.summaries.first { $0.label == "Pronouns: female" }!.flagged)
        // Top half by baseline (cut-off 0.7): White names keep 3 of 6, Black names only 1 of 6.
        let t = report.nameGroupSelection
        #expect(Fixture.row(t, "White Male")!.rate == Rational(1, 2))
        #expect(Fixture.row(t, "Black or African American Female")!.rate == Rational(1, 6))
        #expect(Fixture.row(t, "Black or African American Female")!.impactRatio == Rational(1, 3))
        #expect(t.flaggedRows.map(\.category).sorted() == ["Black or African American Female", "Black or African American Male"])
    }

    @Test("Given a neutral scorer that reads only skills, then the audit shows no flags")
    func neutralScorerShowsNone() async throws {
        let report = try await CounterfactualAudit.run(resumes: Self.resumes(), names: Self.bank) { r in
            0.3 + 0.1 * Double(r.skills.count)
        }
        #expect(!report.biasDetected)
        #expect(report.flags.isEmpty && report.changesOverThreshold == 0)
        #expect(report.summaries.allSatisfy { $0.maxAbsoluteChange == 0 && $0.maxAbsoluteRankChange == 0 })
        #expect(report.nameGroupSelection.rows.allSatisfy { $0.impactRatio == .one })
        // 6 resumes × (4 groups × 2 names + 2 pronoun + 2 graduation + 1 gap) variants.
        #expect(report.variantsScored == 6 * 13)
    }

    @Test("Given a counterfactual result in a report, then the JSON still validates and HTML shows it")
    func inReport() async throws {
        let cf = try await CounterfactualAudit.run(resumes: Self.resumes(), names: Self.bank) { r in
            0.3 + 0.1 * Double(r.skills.count) - (r.basics.name == "Ebony Mack" ? 0.3 : 0)
        }
        var report = try AuditRates.run(input: AuditInput(records: Fixture.records("a", sex: .male, race: .white, n: 5, selected: 2)), options: Fixture.options())
        report.counterfactual = cf
        let object = try JSONSerialization.jsonObject(with: Data(try report.render(.json).utf8))
        let problems = try ReportRenderingTests.validator().validate(object)
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(try report.render(.html).contains("Counterfactual audit"))
        #expect(try report.render(.md).contains("## Counterfactual audit"))
    }

    @Test("Given the shared name list, then it loads 4 race groups × 2 sexes of title-cased names")
    func sharedNameList() throws {
        guard let data = Fixture.sharedData() else {
            print("SKIP: ../shared/data is absent; name-list test not run")
            return
        }
        let bank = try NameBank.load(
            menJSON: Data(contentsOf: data.appendingPathComponent("names/top_mens_names.json")),
            womenJSON: Data(contentsOf: data.appendingPathComponent("names/top_womens_names.json")))
        #expect(bank.groups.count == 8)
        #expect(bank.names.values.allSatisfy { $0.count == 100 })
        #expect(bank.names[.init(key: "W", sex: .male)]?.first == "Adam Erickson")
        #expect(Set(bank.groups.compactMap(\.race)) == [.white, .black, .asian, .hispanicOrLatino])
    }
}
