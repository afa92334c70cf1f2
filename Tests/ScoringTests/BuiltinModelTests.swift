import Foundation
import Testing
import ScreenerCore
@testable import Scoring

@Suite("BuiltinModel")
struct BuiltinModelTests {
    let model = BuiltinModel()
    let redactor = Redactor()

    func profile(_ text: String, months: Int = 72, skills: [ParsedResume.Skill]? = nil, education: [ParsedResume.Education] = [],
                 languages: [ParsedResume.Language] = []) -> RedactedProfile {
        var r = Fixtures.resume(text, months: months)
        if let skills { r.skills = skills }
        r.education = education
        r.languages = languages
        return redactor.redact(r)
    }

    @Test func strongCandidateOutscoresWeakOne() async throws {
        // Given a profile that meets every criterion and one that meets few
        let strong = profile("Backend engineer. Swift and PostgreSQL services on Kubernetes, gRPC APIs. Bachelor of Science.",
                             months: 84, education: [.init(level: .bachelor)], languages: [.init(language: "English", cefr: "C2")])
        let weak = profile("Retail store associate. Customer service and cash handling.", months: 24)
        // When scored
        let a = try await model.score(strong, criteria: Fixtures.backendJob)
        let b = try await model.score(weak, criteria: Fixtures.backendJob)
        // Then the totals order them, stay within bounds, and points add up to the total
        #expect(a.total > b.total + 30)
        #expect((0...100).contains(a.total) && (0...100).contains(b.total))
        #expect(abs(a.components.map(\.points).reduce(0, +) - a.total) < 1e-9)
        #expect(a.provenance.adapter == "builtin" && a.provenance.criteriaVersion == 3)
        #expect(a.provenance.inputSHA256.count == 64)
        #expect(a.criteria.first { $0.name == "Swift" }?.status == .matched)
        #expect(b.criteria.first { $0.name == "Swift" }?.status == .missing)
    }

    @Test func relatedSkillEarnsPartialCredit() {
        // Given PostgreSQL is required and the profile lists only MySQL (related in the taxonomy)
        let c = model.prepare(JobCriteria(id: "j", requiredSkills: [.init(name: "PostgreSQL")]))
        let mysql = model.prepare(profile("Databases: MySQL"))
        let pg = model.prepare(profile("Databases: Postgres"))
        let none = model.prepare(profile("Databases: none"))
        // Then credit is partial, full (alias), and zero
        #expect(model.components(mysql, c).requiredSkills == model.relatedCredit)
        #expect(model.components(pg, c).requiredSkills == 1)
        #expect(model.components(none, c).requiredSkills == 0)
        let s = model.score(mysql, c)
        #expect(s.criteria.first?.status == .partial)
        #expect(s.criteria.first?.detail?.contains("related: MySQL") == true)
    }

    @Test func outOfTaxonomySkillCountsByTextMention() {
        let c = model.prepare(JobCriteria(id: "j", requiredSkills: [.init(name: "Widget Polishing")]))
        let p = model.prepare(profile("Improved widget polishing for orders"))
        #expect(model.components(p, c).requiredSkills == model.textMentionCredit)
        let ev = model.score(p, c).criteria.first?.evidence.first
        #expect(ev != nil)
        if let ev {
            let sc = Array(p.profile.text.unicodeScalars)
            #expect(String(String.UnicodeScalarView(sc[ev.range.start..<ev.range.end])) == ev.quote)
        }
    }

    static let experienceCases: [(Int, Double)] = [
        (0, 0.0), (30, 0.4), (60, 0.8), (120, 0.8 + 0.2 * (1 - exp(-1.0))), (600, 0.8 + 0.2 * (1 - exp(-9.0))),
    ]
    @Test(arguments: experienceCases)
    func experienceHasDiminishingReturnsAndNoPenalty(months: Int, expected: Double) {
        let c = model.prepare(JobCriteria(id: "j", minExperienceYears: 5))
        var r = Fixtures.resume("x", months: months)
        r.work = [.init(name: "Acme", position: "Engineer")] // a parsed work history: experience is known
        let s = model.components(model.prepare(redactor.redact(r)), c).experience
        #expect(abs(s - expected) < 1e-9)
    }

    @Test func unknownExperienceCountsAsHalfNotZero() {
        // Given a profile with no parsed work history at all
        let c = model.prepare(JobCriteria(id: "j", minExperienceYears: 5))
        let p = model.prepare(profile("x", months: 0))
        // Then experience is unknown (0.5), and the explanation says so
        #expect(model.components(p, c).experience == 0.5)
        #expect(model.score(p, c).criteria.first { $0.kind == "experience" }?.detail?.contains("unknown") == true)
    }

    @Test func skillYearsAndRecencyFromWorkHistory() {
        // Given Swift used 48 months until now vs 12 months ending 8 years ago
        let c = model.prepare(JobCriteria(id: "j", requiredSkills: [.init(name: "Swift", minYears: 3)]))
        let recent = model.prepare(profile("Swift", skills: [.init(name: "Swift", id: "swift", lastUsed: .init(year: 2026, month: 1), monthsUsed: 48)]))
        let old = model.prepare(profile("Swift", skills: [.init(name: "Swift", id: "swift", lastUsed: .init(year: 2018, month: 1), monthsUsed: 12)]))
        let a = model.components(recent, c), b = model.components(old, c)
        #expect(a.requiredSkills == 1 && b.requiredSkills == 1)
        #expect(a.skillDepth == 1)
        #expect(b.skillDepth < 0.2)
    }

    @Test(arguments: [
        (ParsedResume.EducationLevel.master, 1.0), (.bachelor, 1.0), (.associate, 0.5), (.secondary, 0.0),
    ])
    func educationLevels(level: ParsedResume.EducationLevel, expected: Double) {
        let c = model.prepare(JobCriteria(id: "j", education: .init(minimum: .bachelor)))
        #expect(model.components(model.prepare(profile("x", education: [.init(level: level)])), c).education == expected)
    }

    @Test func languagesByCEFR() {
        let c = model.prepare(JobCriteria(id: "j", languages: [.init(language: "German", level: "B2")]))
        let fluent = model.prepare(profile("x", languages: [.init(language: "German", cefr: "C1")]))
        let basic = model.prepare(profile("x", languages: [.init(language: "German", fluency: "basic")]))
        let other = model.prepare(profile("x", languages: [.init(language: "French", cefr: "C2")]))
        let none = model.prepare(profile("x"))
        #expect(model.components(fluent, c).languages == 1)
        #expect(abs(model.components(basic, c).languages - 0.7 * 1 / 4) < 1e-9)
        #expect(model.components(other, c).languages == 0)
        #expect(model.components(none, c).languages == 0.5)
    }

    @Test func certificationsByNameOrText() {
        let c = model.prepare(JobCriteria(id: "j", certifications: ["AWS Solutions Architect", "CISSP"]))
        let p = model.prepare(profile("Certified: AWS Solutions Architect – Associate; solutions architect for AWS"))
        #expect(model.components(p, c).certifications == 0.5)
    }

    @Test func lexicalRelevanceRanksOnTopicText() {
        let c = model.prepare(JobCriteria(id: "j", title: "Payroll Accountant",
                                          description: "Reconcile general ledger accounts, process payroll, prepare journal entries and month-end close."))
        let on = model.prepare(profile("Accountant. Processed payroll, reconciled general ledger, prepared journal entries, month-end close."))
        let off = model.prepare(profile("Chef. Prepared menus, managed kitchen staff and food safety."))
        let a = model.components(on, c), b = model.components(off, c)
        #expect(a.lexical > 0.5)
        #expect(b.lexical < 0.2)
        #expect(a.requiredSkills.isNaN) // no required skills: component does not apply
    }

    @Test func heldJobTitleCountsAsItsOwnField() {
        // Given three profiles with the same text: the parser found the title as a current job, as a
        // job that ended about ten years ago, or found no work history at all
        let c = model.prepare(JobCriteria(id: "j", title: "Payroll Accountant",
                                          description: "Reconcile general ledger accounts, prepare journal entries, accruals, month-end close and audits."))
        let text = "Payroll Accountant, Acme Ltd. Answered staff questions, kept the office calendar and ordered supplies for the team."
        func withWork(_ work: [ParsedResume.Work]) -> PreparedProfile {
            var r = Fixtures.resume(text, months: 60)
            r.work = work
            return model.prepare(redactor.redact(r))
        }
        let current = withWork([.init(name: "Acme Ltd", position: "Payroll Accountant", startDate: .init(year: 2021), isCurrent: true)])
        let old = withWork([.init(name: "Acme Ltd", position: "Payroll Accountant", startDate: .init(year: 2010), endDate: .init(year: 2015))])
        let none = withWork([])
        // When scored, then having held the role weighs more than only mentioning its words, and
        // a recent role more than an old one
        let a = model.components(current, c).lexical, b = model.components(old, c).lexical, n = model.components(none, c).lexical
        #expect(a > b + 0.02)
        #expect(b > n + 0.02)
    }

    @Test func weightsArePerJobAndChangeTheTotal() {
        let p = model.prepare(profile("Swift developer", months: 12))
        var j = JobCriteria(id: "j", requiredSkills: [.init(name: "Swift")], minExperienceYears: 10)
        let base = model.components(p, model.prepare(j)).total
        j.weights = ScoreWeights(requiredSkills: 1, preferredSkills: 0, skillDepth: 0, experience: 0.001, education: 0, certifications: 0, languages: 0, lexical: 0)
        let skewed = model.components(p, model.prepare(j)).total
        #expect(skewed > base)
        #expect(skewed > 99)
    }

    @Test func deterministicAcrossRunsAndFastPathAgrees() async throws {
        let p = profile("Swift and PostgreSQL engineer with Kubernetes. Bachelor degree.", months: 70)
        let a = try await model.score(p, criteria: Fixtures.backendJob)
        let b = try await model.score(p, criteria: Fixtures.backendJob)
        var a0 = a, b0 = b
        a0.provenance.latencyMs = 0; b0.provenance.latencyMs = 0
        #expect(a0 == b0)
        #expect(model.components(model.prepare(p), model.prepare(Fixtures.backendJob)).total == a.total)
    }

    @Test func knockoutsUseAnswersOnly() async throws {
        let p = profile("Swift")
        let yes = try await model.score(p, criteria: Fixtures.backendJob, answers: ["work_authorization": "yes"])
        let no = try await model.score(p, criteria: Fixtures.backendJob, answers: ["work_authorization": "no"])
        #expect(!yes.knockedOut && no.knockedOut)
        #expect(yes.total == no.total)
    }

    @Test func rankOrdersByTotalWithKnockoutsLastAndStableTies() {
        let texts = ["Swift PostgreSQL Kubernetes gRPC backend engineer", "cook", "Swift backend", "cook", "PostgreSQL"]
        let ps = texts.map { model.prepare(profile($0)) }
        let c = model.prepare(Fixtures.backendJob)
        let r = model.rank(profiles: ps, criteria: c, knockedOut: [0])
        #expect(r.map(\.rank) == [1, 2, 3, 4, 5])
        #expect(r.last?.index == 0)
        #expect(r.first?.index == 2)
        let cooks = r.filter { $0.index == 1 || $0.index == 3 }.map(\.index)
        #expect(cooks == [1, 3])
        #expect(model.rank(profiles: ps, criteria: c, top: 2).count == 2)
    }

    @Test func explanationTableListsComponentsAndCriteria() async throws {
        let p = profile("Swift engineer, MySQL", months: 30)
        let s = try await model.score(p, criteria: Fixtures.backendJob, answers: ["work_authorization": "yes"])
        let out = ScoreExplanation(s).render()
        #expect(out.hasPrefix("Score "))
        let lines = out.split(separator: "\n").map(String.init)
        func row(_ mark: String, _ kind: String, _ name: String) -> Bool {
            lines.contains { l in
                let cols = l.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
                return cols.count >= 3 && cols[0] == mark && cols[1] == kind && cols[2] == name
            }
        }
        #expect(row("✓", "requiredSkill", "Swift"))
        #expect(row("~", "requiredSkill", "PostgreSQL"))
        #expect(row("✗", "preferredSkill", "Kubernetes"))
        #expect(lines.contains { $0.hasPrefix("requiredSkills") })
        #expect(lines.contains { $0.hasPrefix("work_authorization") && $0.hasSuffix("passed") })
    }

    @Test func corpusFromProfilesGivesRareTermsMoreWeight() {
        let ps = ["swift swift", "java", "java", "java"].map { model.prepare(profile($0)) }
        let corpus = BM25Corpus(profiles: ps)
        #expect(corpus.idf(TextTokenizer.fnv1a("swift")) > corpus.idf(TextTokenizer.fnv1a("java")))
        #expect(corpus.documentCount == 4)
    }

    @Test func defaultIDFFollowsTheTaxonomyCategorySpread() {
        // Given words of one occupation, of a few, of many, and common resume vocabulary
        let idf = { (w: String) in BM25Corpus.default.idf(TextTokenizer.fnv1a(TextTokenizer.stem(w))) }
        // Then a word outside the taxonomy or of one category keeps the full IDF (n_t = 15)
        let full: Double = log(1 + 985.5 / 15.5)
        #expect(abs(idf("aircraft") - full) < 1e-9)
        #expect(abs(idf("zyxwvut") - full) < 1e-9)
        // And words that skills of many categories share weigh as common words do (n_t = 300)
        let common: Double = log(1 + 700.5 / 300.5)
        #expect(abs(idf("management") - common) < 1e-9)
        #expect(abs(idf("experience") - common) < 1e-9)
        // And a word of two categories lies between: n_t = 15 · 2^1.5
        let n2: Double = 15 * pow(2, 1.5)
        let two: Double = log(1 + (1000 - n2 + 0.5) / (n2 + 0.5))
        #expect(abs(idf("chef") - two) < 1e-9)
    }
}
