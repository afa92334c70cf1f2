import Foundation
import ResumeParsing
import ScreenerCore
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

    @Test("every fixture's parsed profile validates against the schema")
    func validates() throws {
        guard Self.pythonHasJSONSchema() else {
            print("SKIP: python3 with jsonschema not found; ParsedResume schema validation skipped")
            return
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("parsed-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        var files: [String] = []
        for name in Self.fixtures {
            let parsed = try TestPaths.parser().parse(data: try TestPaths.fixture(name), fileName: name)
            let out = dir.appendingPathComponent(name + ".json")
            try encoder.encode(parsed).write(to: out)
            files.append(out.path)
        }
        #expect(files.count == Self.fixtures.count, "fixtures missing: found \(files.count)")
        let schema = TestPaths.repo.appendingPathComponent("schemas/parsed-resume.schema.json").path
        let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        bad = 0
        for path in sys.argv[2:]:
            for e in v.iter_errors(json.load(open(path))):
                bad += 1
                print(path.split('/')[-1] + ': ' + '/'.join(str(p) for p in e.absolute_path) + ': ' + e.message[:200])
        sys.exit(1 if bad else 0)
        """
        let (status, output) = Self.python(["-c", script, schema] + files)
        #expect(status == 0, "schema violations:\n\(output)")
    }

    @Test("the schema refuses a profile with a malformed date and an unknown format")
    func refusesBadInstance() throws {
        guard Self.pythonHasJSONSchema() else { return }
        let bad = #"{"text":"x","basics":{"emails":[],"phones":[],"profiles":[]},"work":[{"isCurrent":false,"highlights":[],"startDate":"2019-13"}],"education":[],"skills":[],"languages":[],"certificates":[],"sections":[],"flags":[],"warnings":[],"totalExperienceMonths":0,"meta":{"format":"doc","parserVersion":"p","ocr":false,"parsedAt":"2026-11-29T00:00:00Z"}}"#
        let schema = TestPaths.repo.appendingPathComponent("schemas/parsed-resume.schema.json").path
        let (status, output) = Self.python(["-c", "import json,sys,jsonschema; v=jsonschema.Draft202012Validator(json.load(open(sys.argv[1]))); print(len(list(v.iter_errors(json.loads(sys.argv[2])))))", schema, bad])
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    static func pythonHasJSONSchema() -> Bool { python(["-c", "import jsonschema"]).0 == 0 }

    static func python(_ arguments: [String]) -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (127, "") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
