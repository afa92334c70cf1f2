import Foundation
import ScreenerCore
import ScreenerTestSupport
import Testing
@testable import Scoring

/// `schemas/shortlist.schema.json` (JSON Schema 2020-12) is the contract of the Shortlist JSON and of
/// the `shortlist.updated` callback body. Validation runs Python's `jsonschema`, as the other schema
/// tests do; the tests skip with a message when it is not installed.
@Suite("Shortlist JSON schema")
struct ShortlistSchemaTests {
    typealias F = ShortlistFixtures

    static var repo: URL {
        var u = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { u.deleteLastPathComponent() } // ShortlistSchemaTests.swift, ScoringTests, Tests
        return u
    }
    static var schemaURL: URL { repo.appendingPathComponent("schemas/shortlist.schema.json") }

    static let pythonAvailable = JSONSchemaCheck.available
    static let skipMessage = JSONSchemaCheck.skipMessage

    /// Validates each JSON document against the schema; returns one line per violation.
    static func violations(_ docs: [Data]) throws -> [String] {
        try JSONSchemaCheck.validate(schema: schemaURL, documents: docs)
    }

    @Test("built shortlists (first revision, with diff, empty) validate against the schema")
    func builtShortlistsValidate() throws {
        guard Self.pythonAvailable else { print(Self.skipMessage); return }
        // Given three revisions: the first, one with entered/left/moved, and one with nobody eligible
        let r1 = F.build(F.mixed, size: 3)
        var next = F.mixed.filter { $0.candidateId != "c-b" }
        next.append(F.candidate("n-1", F.score(99, required: [("Swift", 1), ("PostgreSQL", 1)])))
        let r2 = F.build(next, size: 3, previous: r1)
        let r3 = F.build(F.mixed, minScore: 100, previous: r2)
        #expect(r2.diff?.isEmpty == false)
        // When encoded as the callback body
        let docs = try [r1, r2, r3].map { try $0.jsonData() }
        // Then each validates
        #expect(try Self.violations(docs) == [])
    }

    @Test("a shortlist built from builtin-model scores validates against the schema")
    func builtinScoresValidate() async throws {
        guard Self.pythonAvailable else { print(Self.skipMessage); return }
        // Given four resumes scored by the builtin model against a job with a knockout
        let texts = [
            "Swift engineer, 6 years of Swift and PostgreSQL on Kubernetes with gRPC.",
            "Python developer with PostgreSQL and Docker.",
            "Swift and PostgreSQL backend developer.",
            "Java developer.",
        ]
        var cands: [ShortlistCandidate] = []
        for (i, t) in texts.enumerated() {
            let p = Redactor().redact(Fixtures.resume(t, months: 12 * (i + 2)))
            let s = try await BuiltinModel().score(p, criteria: Fixtures.backendJob, answers: i == 3 ? [:] : ["work_authorization": "yes"])
            cands.append(.init(candidateId: "gh-\(1000 + i)", score: s, yearsOfExperience: Double(p.totalExperienceMonths) / 12))
        }
        // When the shortlist is built and encoded
        let s = ShortlistBuilder.build(jobId: Fixtures.backendJob.id, criteriaVersion: 3, criteria: Fixtures.backendJob,
                                       candidates: cands, previous: nil, now: F.now)
        #expect(s.entries.count == 3)
        #expect(s.knockedOut.map(\.reasons) == [["work_authorization: unanswered"]])
        #expect(s.entries.first?.topSkills.contains("Swift") == true)
        // Then it validates
        #expect(try Self.violations([try s.jsonData(pretty: true)]) == [])
    }

    @Test("the schema refuses malformed shortlists")
    func refusesBadDocuments() throws {
        guard Self.pythonAvailable else { print(Self.skipMessage); return }
        // Given a valid document and four broken copies
        let good = try #require(try JSONSerialization.jsonObject(with: F.build(F.mixed).jsonData()) as? [String: Any])
        var extra = good
        extra["names"] = ["Jane Doe"]
        var noRank = good
        var entries = try #require(good["entries"] as? [[String: Any]])
        entries[0].removeValue(forKey: "rank")
        noRank["entries"] = entries
        var badReason = good
        badReason["knockedOut"] = [["candidateId": "x", "score": 10, "reasons": ["because"]]]
        var badRevision = good
        badRevision["revision"] = 0
        let docs = try [good, extra, noRank, badReason, badRevision].map { try JSONSerialization.data(withJSONObject: $0) }
        // When validated
        let v = try Self.violations(docs)
        // Then only the broken ones fail, once each
        #expect(!v.contains { $0.hasPrefix("doc0.json") })
        for i in 1...4 { #expect(v.filter { $0.hasPrefix("doc\(i).json") }.count == 1, "doc\(i): \(v)") }
    }

    @Test("the schema's example validates and decodes to a Shortlist")
    func exampleDecodes() throws {
        // Given the schema's first example
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.schemaURL)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let example = try #require((schema["examples"] as? [Any])?.first)
        let data = try JSONSerialization.data(withJSONObject: example)
        // When decoded
        let s = try ReportJSON.decoder().decode(Shortlist.self, from: data)
        // Then it is a revision with a diff, and it validates
        #expect(s.revision == 5 && s.diff?.previousRevision == 4)
        #expect(s.entries[1].yearsOfExperience == nil)
        if Self.pythonAvailable { #expect(try Self.violations([data]) == []) }
    }
}
