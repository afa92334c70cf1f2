import Foundation
import Testing
import ScreenerCore
@testable import Scoring

@Suite("CriteriaDeriver")
struct CriteriaDeriverTests {
    static let ad = """
    Senior Backend Engineer

    We build payment services for small businesses.

    Responsibilities:
    - Design and operate backend services.
    - Review code and mentor colleagues.

    Requirements:
    - 5+ years of professional software development experience.
    - 3+ years of experience with Swift.
    - Strong PostgreSQL skills.
    - Experience with event-driven billing systems.
    - Bachelor's degree in Computer Science or a related field.
    - Fluent in English.

    Nice to have:
    - Kubernetes
    - Knowledge of gRPC and protocol buffers.
    - AWS Solutions Architect certification is a bonus.
    """

    @Test func derivesDraftFromSampleAd() {
        // Given a job ad with requirement and nice-to-have sections
        let c = CriteriaDeriver().derive(jobAd: Self.ad, id: "backend-1")
        // Then the draft is marked for review
        #expect(c.derived && c.needsReview)
        #expect(c.title == "Senior Backend Engineer")
        // Required vs preferred by section and wording
        let req = Set(c.requiredSkills.map { $0.name.lowercased() })
        let pref = Set(c.preferredSkills.map { $0.name.lowercased() })
        #expect(req.contains("swift"))
        #expect(req.contains("postgresql"))
        #expect(pref.contains("kubernetes"))
        #expect(pref.contains("grpc"))
        #expect(!req.contains("kubernetes"))
        // Out-of-taxonomy phrase
        #expect(req.contains("event-driven billing systems"))
        // Years
        #expect(c.requiredSkills.first { $0.name.lowercased() == "swift" }?.minYears == 3)
        #expect(c.minExperienceYears == 5)
        // Degree and language
        #expect(c.education?.minimum == .bachelor)
        #expect(c.languages == [.init(language: "English", level: "C1")])
        #expect(c.certifications.contains { $0.contains("AWS Solutions Architect") })
    }

    @Test func wordingOverridesSection() {
        let ad = "Data Analyst\nAbout the role:\nYou must know SQL. Python is a plus."
        let c = CriteriaDeriver().derive(jobAd: ad, id: "x")
        #expect(c.requiredSkills.map { $0.name } .contains("SQL"))
        #expect(c.preferredSkills.map { $0.name }.contains("Python"))
    }

    @Test func derivedCriteriaScoreTheRightCandidateHigher() {
        let model = BuiltinModel()
        let c = model.prepare(CriteriaDeriver().derive(jobAd: Self.ad, id: "backend-1"))
        let fit = Redactor().redact(Fixtures.resume("Backend engineer. Swift services with PostgreSQL on Kubernetes; gRPC APIs. B.Sc. Computer Science.", months: 80))
        let unfit = Redactor().redact(Fixtures.resume("Pastry chef. Menu planning, bakery operations, food safety.", months: 80))
        #expect(model.components(model.prepare(fit), c).total > model.components(model.prepare(unfit), c).total + 25)
    }

    @Test func boilerplateYieldsNoSkills() {
        // Given an ad whose benefits, company and equal-opportunity text name taxonomy skills
        let ad = """
        Java Developer
        We are a leading provider of insurance products. You will build services in Java and PostgreSQL.
        We offer health insurance, wellness coaching and paid time off.
        All applicants receive consideration without regard to race, disability or protected veteran status.
        Benefits:
        - Fitness membership and tuition support.
        """
        // When it is derived
        let c = CriteriaDeriver().derive(jobAd: ad, id: "x")
        let names = Set((c.requiredSkills + c.preferredSkills).map { $0.name.lowercased() })
        // Then the job's own skills are there and the boilerplate adds none
        #expect(names.contains("java") && names.contains("postgresql"))
        #expect(!names.contains("insurance") && !names.contains("wellness coaching") && !names.contains("military experience"))
        #expect(!names.contains { $0.contains("fitness") })
        // And the ad stays in the description for the lexical component
        #expect(c.description == ad)
    }

    @Test func headingsInsideALineStartSections() {
        // Given an ad whose line breaks were lost, with headings inside the one line
        let ad = """
        Software Developer
        Minimum Required Skills: Java, SQL. You will build services. Basic Qualifications: Bachelor's degree in Computer Science Preferred Qualifications: Experience with Kubernetes and Redis Additional Experience (Not Required): MySQL or PostgreSQL
        """
        // When it is derived
        let c = CriteriaDeriver().derive(jobAd: ad, id: "x")
        let req = Set(c.requiredSkills.map { $0.name }), pref = Set(c.preferredSkills.map { $0.name })
        // Then each heading starts its section where it stands
        #expect(req.isSuperset(of: ["Java", "SQL"]))
        #expect(pref.isSuperset(of: ["Kubernetes", "Redis", "MySQL", "PostgreSQL"]))
        #expect(req.isDisjoint(with: pref))
        #expect(c.education?.minimum == .bachelor)
        #expect(CriteriaDeriver.splitInlineHeadings("Intro. Basic Qualifications: A degree")
            == ["Intro. ", "Basic Qualifications:", " A degree"])
        // And a phrase without a colon is no heading
        #expect(CriteriaDeriver.splitInlineHeadings("Preferred qualifications include SQL") == ["Preferred qualifications include SQL"])
    }

    @Test func derivedSoftSkillsWeighLess() {
        let c = CriteriaDeriver().derive(jobAd: "Analyst\nRequirements:\n- SQL and attention to detail.", id: "x")
        #expect(c.requiredSkills.first { $0.name == "SQL" }?.weight == nil)
        #expect(c.requiredSkills.first { $0.name == "Attention to Detail" }?.weight == CriteriaDeriver.softSkillWeight)
    }
}
