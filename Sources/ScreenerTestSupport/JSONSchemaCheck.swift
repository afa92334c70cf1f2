import Foundation

/// JSON Schema 2020-12 validation for tests, by Python's `jsonschema` (Debian `python3-jsonschema`,
/// installed by `make test`), with formats checked. One implementation for every test target, so
/// each schema in `schemas/` is held to the same reference validator.
///
///     guard JSONSchemaCheck.available else { print(JSONSchemaCheck.skipMessage); return }
///     let problems = try JSONSchemaCheck.validate(schema: url, documents: [json])
///     #expect(problems.isEmpty, "\(problems)")
public enum JSONSchemaCheck {
    /// Whether `python3` with `jsonschema` and PyYAML runs here.
    public static let available: Bool = run(["-c", "import jsonschema, yaml"]).status == 0
    public static let skipMessage = "SKIP: python3 with jsonschema and PyYAML not found; JSON Schema validation skipped"

    static let script = """
    import json, sys, yaml, jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    nested = sys.argv[2] == '1'
    for path in sys.argv[3:]:
        with open(path) as f:
            doc = yaml.safe_load(f) if path.endswith('.yaml') else json.load(f)
        for e in v.iter_errors(doc):
            print(path.split('/')[-1] + ': ' + '/'.join(str(p) for p in e.absolute_path) + ': ' + e.message[:300])
        if nested and isinstance(doc, dict):
            rf = doc.get('response_format', {}).get('json_schema', {}).get('schema')
            if rf is not None:
                try:
                    jsonschema.Draft202012Validator.check_schema(rf)
                except jsonschema.SchemaError as err:
                    print(path.split('/')[-1] + ': response_format schema: ' + str(err.message)[:300])
    """

    /// Validates each file (JSON, or YAML when it ends in `.yaml`) against `schema`. Returns one line
    /// per violation, named by file, JSON path and message; empty when every instance is valid.
    /// With `checkEmbeddedResponseSchemas`, a `response_format.json_schema.schema` inside an instance
    /// must itself be a valid schema (OpenAI structured outputs).
    public static func validate(schema: URL, instances: [URL], checkEmbeddedResponseSchemas: Bool = false) -> [String] {
        let result = run(["-c", script, schema.path, checkEmbeddedResponseSchemas ? "1" : "0"] + instances.map(\.path))
        var lines = result.output.split(separator: "\n").map(String.init)
        if result.status != 0 { lines.append("python3 exited \(result.status)") }
        return lines
    }

    /// Validates in-memory JSON documents (written to a temporary folder as `doc<i>.json`).
    public static func validate(schema: URL, documents: [Data], checkEmbeddedResponseSchemas: Bool = false) throws -> [String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schema-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [URL] = []
        for (i, d) in documents.enumerated() {
            let u = dir.appendingPathComponent("doc\(i).json")
            try d.write(to: u)
            files.append(u)
        }
        return validate(schema: schema, instances: files, checkEmbeddedResponseSchemas: checkEmbeddedResponseSchemas)
    }

    static func run(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (127, "") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
