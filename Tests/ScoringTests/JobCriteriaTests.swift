import Foundation
import Testing
import ScreenerCore
@testable import Scoring

@Suite("JobCriteria and Score types")
struct JobCriteriaTests {
    @Test func decodesIssueExampleWithBareAndObjectSkills() throws {
        // Given the issue's example as JSON
        let json = """
        {"id":"backend-eng-1","title":"Backend Engineer","description":"free text",
         "requiredSkills":[{"name":"Swift","minYears":3},"PostgreSQL"],
         "preferredSkills":[{"name":"Kubernetes","weight":2},"gRPC"],
         "minExperienceYears":5,"education":{"minimum":"bachelor"},
         "languages":[{"language":"English","level":"C1"}],"certifications":[],
         "location":{"remote":true},"knockouts":[{"field":"work_authorization","equals":"yes"}],
         "shortlist":{"size":10,"minScore":60},"weights":{"lexical":0.5}}
        """
        // When decoded
        let c = try JSONDecoder().decode(JobCriteria.self, from: Data(json.utf8))
        // Then both skill forms and the partial weights are read
        #expect(c.requiredSkills == [.init(name: "Swift", minYears: 3), .init(name: "PostgreSQL")])
        #expect(c.preferredSkills[0].weight == 2)
        #expect(c.education?.minimum == .bachelor)
        #expect(c.weights?.lexical == 0.5)
        #expect(c.weights?.requiredSkills == ScoreWeights.default.requiredSkills)
        #expect(c.shortlist?.size == 10)
        #expect(c.derived == false && c.needsReview == false)
        // And it round-trips
        let again = try JSONDecoder().decode(JobCriteria.self, from: JSONEncoder().encode(c))
        #expect(again == c)
    }

    /// The id may be left out where the caller names the job (`PUT /v1/jobs/{id}/criteria`,
    /// `jobs put --job`); it decodes as empty, and `jobs put` refuses an empty id without `--job`.
    @Test func criteriaWithoutIdDecodeWithAnEmptyId() throws {
        let c = try JSONDecoder().decode(JobCriteria.self, from: Data(#"{"title":"x"}"#.utf8))
        #expect(c.id == "" && c.title == "x")
    }

    @Test(arguments: [
        (["work_authorization": "Yes "], Score.KnockoutResult.Outcome.passed),
        (["work_authorization": "no"], .failed),
        ([:], .unanswered),
        (["work_authorization": "  "], .unanswered),
    ])
    func knockoutOutcomes(answers: [String: String], expected: Score.KnockoutResult.Outcome) {
        let k = JobCriteria.Knockout(field: "work_authorization", equals: "yes")
        #expect(k.evaluate(answers: answers).outcome == expected)
    }

    @Test func knockoutOneOf() {
        let k = JobCriteria.Knockout(field: "shift", oneOf: ["day", "night"])
        #expect(k.evaluate(answers: ["shift": "Night"]).outcome == .passed)
        #expect(k.evaluate(answers: ["shift": "weekend"]).outcome == .failed)
    }

    @Test func sha256MatchesFIPSExamples() {
        #expect(SHA256Hex.hex(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Hex.hex(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Hex.hex(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
