import Foundation
import ResumeParsing
import ScreenerCore
import ScreenerTestSupport
import Testing

/// The parser's output, as `screener parse --format json` writes it, is valid against
/// `schemas/parsed-resume.schema.json` (JSON Schema 2020-12, checked with python's jsonschema).
@Suite("ParsedResume schema")
struct ParsedResumeSchemaTests {
    static let fixtures = [
        "single-column.pdf", "two-column.pdf", "hidden-text.pdf", "tables-textbox-header.docx", "resume.odt",
        "resume.html", "resume.rtf", "cp1252.txt", "utf16.txt", "prompt-injection.txt",
        "resume.jsonresume.json", "resume.hropen.json", "resume.hrxml.xml",
    ]

    static var schema: URL { TestPaths.repo.appendingPathComponent("schemas/parsed-resume.schema.json") }

    @Test("every fixture's parsed profile validates against the schema")
    func validates() throws {
        guard JSONSchemaCheck.available else {
            print(JSONSchemaCheck.skipMessage)
            return
        }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var documents: [Data] = []
        for name in Self.fixtures {
            let parsed = try TestPaths.parser().parse(data: try TestPaths.fixture(name), fileName: name)
            documents.append(try encoder.encode(parsed))
        }
        #expect(documents.count == Self.fixtures.count, "fixtures missing: found \(documents.count)")
        let problems = try JSONSchemaCheck.validate(schema: Self.schema, documents: documents)
        #expect(problems.isEmpty, "schema violations:\n\(problems.joined(separator: "\n"))")
    }

    @Test("the schema refuses a profile with a malformed date and an unknown format")
    func refusesBadInstance() throws {
        guard JSONSchemaCheck.available else { return }
        let bad = #"{"text":"x","basics":{"emails":[],"phones":[],"profiles":[]},"work":[{"isCurrent":false,"highlights":[],"startDate":"2019-13"}],"education":[],"skills":[],"languages":[],"certificates":[],"sections":[],"flags":[],"warnings":[],"totalExperienceMonths":0,"meta":{"format":"doc","parserVersion":"p","ocr":false,"parsedAt":"2026-11-29T00:00:00Z"}}"#
        let problems = try JSONSchemaCheck.validate(schema: Self.schema, documents: [Data(bad.utf8)])
        #expect(problems.count == 2, "\(problems)")
        #expect(problems.contains { $0.contains("work/0/startDate") } && problems.contains { $0.contains("meta/format") })
    }
}
