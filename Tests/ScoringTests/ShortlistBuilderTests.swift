import Foundation
import ScreenerCore
import Testing
@testable import Scoring

@Suite("Shortlist builder: ranking, cuts, knockouts")
struct ShortlistBuilderTests {
    typealias F = ShortlistFixtures

    @Test("ranks by score, then required-skill coverage, then candidate id")
    func ordering() {
        // Given candidates where c-b and c-c tie on total but c-b covers more required skills
        // When the shortlist is built
        let s = F.build(F.mixed)
        // Then the order is score descending with the tie broken by coverage
        #expect(s.entries.map(\.candidateId) == ["c-a", "c-b", "c-c", "c-d"])
        #expect(s.entries.map(\.rank) == [1, 2, 3, 4])
        #expect(s.entries.map(\.score) == [91.5, 75, 75, 40.25])
    }

    @Test("equal totals and equal coverage fall back to candidate id ascending")
    func idTieBreak() {
        // Given three candidates with identical scores, in reverse id order
        let same = F.score(60, required: [("Swift", 1), ("PostgreSQL", 0)])
        let cands = ["z-9", "m-5", "a-1"].map { F.candidate($0, same) }
        // When built
        let s = F.build(cands)
        // Then the ids decide, ascending
        #expect(s.entries.map(\.candidateId) == ["a-1", "m-5", "z-9"])
    }

    @Test("scores are compared after rounding to 6 decimals")
    func sixDecimalRounding() {
        // Given totals that differ only below the 6th decimal, where the lower one has more coverage
        let noisyHigh = F.candidate("a-noise", F.score(80.000_000_4, required: [("Swift", 1), ("PostgreSQL", 0)]))
        let noisyLow = F.candidate("b-noise", F.score(80.000_000_1, required: [("Swift", 1), ("PostgreSQL", 1)]))
        // And totals that differ at the 6th decimal, where the lower one has more coverage
        let realHigh = F.candidate("c-real", F.score(70.000_002, required: [("Swift", 0), ("PostgreSQL", 0)]))
        let realLow = F.candidate("d-real", F.score(70.000_001, required: [("Swift", 1), ("PostgreSQL", 1)]))
        // When built
        let s = F.build([noisyHigh, noisyLow, realHigh, realLow])
        // Then noise is ignored (coverage decides) but a 6th-decimal difference counts
        #expect(s.entries.map(\.candidateId) == ["b-noise", "a-noise", "c-real", "d-real"])
        #expect(ShortlistBuilder.round6(80.000_000_4) == 80)
        #expect(ShortlistBuilder.round6(70.000_002) == 70.000_002)
    }

    @Test("the input order never changes the result", arguments: [0, 1, 2, 3, 4, 5])
    func inputOrderIndependent(seed: Int) {
        // Given the same candidates in a different order
        var g = SplitMix(seed: UInt64(seed))
        let shuffled = F.mixed.shuffled(using: &g)
        // When built
        // Then the shortlist equals the one built from the original order
        #expect(F.build(shuffled) == F.build(F.mixed))
    }

    struct CutCase: Sendable, CustomTestStringConvertible {
        var size: Int?
        var minScore: Double?
        var expected: [String]
        var notShortlisted: Int
        var testDescription: String { "size \(size.map(String.init) ?? "-") minScore \(minScore.map { "\($0)" } ?? "-")" }
    }

    @Test("size and minScore cut the list", arguments: [
        CutCase(size: nil, minScore: nil, expected: ["c-a", "c-b", "c-c", "c-d"], notShortlisted: 0),
        CutCase(size: 2, minScore: nil, expected: ["c-a", "c-b"], notShortlisted: 2),
        CutCase(size: 10, minScore: 75, expected: ["c-a", "c-b", "c-c"], notShortlisted: 1),
        CutCase(size: 10, minScore: 75.000_001, expected: ["c-a"], notShortlisted: 3),
        CutCase(size: 2, minScore: 50, expected: ["c-a", "c-b"], notShortlisted: 2),
        CutCase(size: 0, minScore: nil, expected: [], notShortlisted: 4),
        CutCase(size: 5, minScore: 99, expected: [], notShortlisted: 4),
    ])
    func cuts(_ c: CutCase) {
        // Given the mixed candidates and a shortlist block
        // When built
        let s = F.build(F.mixed, size: c.size, minScore: c.minScore)
        // Then only the candidates above the cut and within the size are listed
        #expect(s.entries.map(\.candidateId) == c.expected)
        #expect(s.notShortlistedCount == c.notShortlisted)
        #expect(s.size == (c.size ?? 10))
        #expect(s.minScore == (c.minScore ?? 0))
        // And the knocked-out candidate is never counted as "not shortlisted"
        #expect(s.knockedOut.map(\.candidateId) == ["c-e"])
    }

    @Test("criteria without a shortlist block default to size 10 and minScore 0")
    func defaults() {
        // Given 12 eligible candidates, one with a zero score
        let cands = (0..<12).map { F.candidate(String(format: "id-%02d", $0), F.score(Double($0) * 5)) }
        // When built with criteria that omit `shortlist`
        let s = F.build(cands)
        // Then ten are listed (the zero score passes minScore 0) and two are not
        #expect(s.size == 10 && s.minScore == 0)
        #expect(s.entries.count == 10)
        #expect(s.entries.first?.candidateId == "id-11")
        #expect(s.notShortlistedCount == 2)
    }

    @Test("knocked-out candidates are listed apart with one reason per knockout that did not pass")
    func knockouts() {
        // Given the highest-scoring candidate failed one knockout and left another unanswered
        // When built
        let s = F.build(F.mixed)
        // Then it is not ranked, and its reasons name the fields and outcomes
        #expect(!s.entries.contains { $0.candidateId == "c-e" })
        #expect(s.knockedOut == [.init(candidateId: "c-e", score: 97, reasons: ["work_authorization: failed", "relocation: unanswered"])])
    }

    @Test("knocked-out candidates are ordered like the ranking")
    func knockedOutOrder() {
        let ko: [(String, Score.KnockoutResult.Outcome)] = [("work_authorization", .unanswered)]
        let s = F.build([F.candidate("k-2", F.score(50, knockouts: ko)), F.candidate("k-1", F.score(50, knockouts: ko)),
                         F.candidate("k-3", F.score(70, knockouts: ko))])
        #expect(s.knockedOut.map(\.candidateId) == ["k-3", "k-1", "k-2"])
        #expect(s.entries.isEmpty && s.notShortlistedCount == 0)
    }

    @Test("entries carry top skills by credit, missing required skills, years, model and criteria version")
    func entryContents() throws {
        // Given a candidate with matched, partial and missing skills
        let sc = F.score(66, required: [("Swift", 0.5), ("PostgreSQL", 0), ("Go", 1)],
                         preferred: [("Kubernetes", 1), ("gRPC", 0.25), ("Docker", 0), ("Kafka", 0.5), ("Redis", 0.75)])
        // When built
        let e = try #require(F.build([F.candidate("x", sc, years: 7.5)]).entries.first)
        // Then top skills are by credit (required first on ties), at most 5, without missing ones
        #expect(e.topSkills == ["Go", "Kubernetes", "Redis", "Swift", "Kafka"])
        #expect(e.missingRequired == ["PostgreSQL"])
        #expect(e.yearsOfExperience == 7.5)
        #expect(e.model == ScoringModelDescriptor(adapter: "builtin", model: "bm25-rubric", version: "1.2.0"))
        #expect(e.criteriaVersion == 3)
    }

    @Test("an entry's criteria version is the score's, or the shortlist's when the score has none")
    func criteriaVersionFallback() {
        var p = F.provenance
        p.criteriaVersion = 2
        var q = F.provenance
        q.criteriaVersion = nil
        let s = ShortlistBuilder.build(jobId: "j", criteriaVersion: 4, criteria: F.criteria(),
                                       candidates: [F.candidate("old", F.score(50, provenance: p)), F.candidate("new", F.score(40, provenance: q))],
                                       previous: nil, now: F.now)
        #expect(s.entries.map(\.criteriaVersion) == [2, 4])
        #expect(s.criteriaVersion == 4)
    }

    @Test("a candidate listed twice counts once, with its last score")
    func duplicates() {
        let s = F.build([F.candidate("dup", F.score(90)), F.candidate("other", F.score(50)), F.candidate("dup", F.score(10))])
        #expect(s.entries.map(\.candidateId) == ["other", "dup"])
        #expect(s.entries.last?.score == 10)
    }

    @Test("generatedAt is the given instant truncated to whole seconds")
    func generatedAt() {
        let s = F.build(F.mixed, now: F.now.addingTimeInterval(0.75))
        #expect(s.generatedAt == F.now)
    }

    @Test("a non-finite total is never shortlisted and does not disturb the order")
    func nonFinite() {
        let s = F.build([F.candidate("nan", F.score(.nan)), F.candidate("ok-1", F.score(10)), F.candidate("ok-2", F.score(20))])
        #expect(s.entries.map(\.candidateId) == ["ok-2", "ok-1"])
        #expect(s.notShortlistedCount == 1)
    }
}
