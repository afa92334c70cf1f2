import ATSIntegration
import Foundation
import ScreenerCore
import Testing

/// Locates the repository's `webhooks/` and `schemas/` folders from this file and loads samples.
enum ATSFixtures {
    /// `<repo>` — this file is `<repo>/Tests/ATSIntegrationTests/ATSFixtures.swift`.
    static let repoRoot: URL = {
        let here = URL(fileURLWithPath: #filePath)
        for candidate in [here, here.resolvingSymlinksInPath()] {
            let root = candidate.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("webhooks").path) { return root }
        }
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()

    static let webhooksDirectory = repoRoot.appendingPathComponent("webhooks")
    static let schemasDirectory = repoRoot.appendingPathComponent("schemas")

    static let profileNames = ["ashby", "greenhouse", "lever", "smartrecruiters", "standard", "workable"]

    /// Loaded once per test process; a failure here fails every test that uses it (it is a real error).
    static let loadedCatalog = Result { try ProfileCatalog(directory: webhooksDirectory) }

    static func catalog() throws -> ProfileCatalog { try loadedCatalog.get() }

    static func profile(_ name: String) throws -> ATSProfile {
        guard let p = try catalog().profile(named: name) else {
            throw ScreenerError(.unknownProfile, "no profile \(name)")
        }
        return p
    }

    /// A sample payload: `webhooks/<profile>/samples/<file>.json`, with the extra headers from
    /// `samples/headers/<file>.json` when there is one (SmartRecruiters keeps its event name there).
    struct Sample: Sendable, CustomTestStringConvertible {
        var profile: String
        var file: String
        var body: Data
        var extraHeaders: [String: String]
        var testDescription: String { "\(profile)/\(file)" }
    }

    /// Every sample of every profile (empty when the folders are absent, which then fails `everyProfileHasSamples`).
    static let allSamples: [Sample] = {
        var out: [Sample] = []
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: webhooksDirectory.path)) ?? []
        for profile in folders.sorted() {
            let samples = (try? WebhookSample.all(profileDirectory: webhooksDirectory.appendingPathComponent(profile))) ?? []
            for s in samples {
                out.append(Sample(profile: profile, file: s.file, body: s.body, extraHeaders: s.extraHeaders))
            }
        }
        return out
    }()

    static func sample(_ profile: String, _ file: String) throws -> Sample {
        guard let s = allSamples.first(where: { $0.profile == profile && $0.file == file }) else {
            throw ScreenerError(.notFound, "sample \(profile)/\(file) not found")
        }
        return s
    }

    /// The instant samples are signed at in tests.
    static let signingTime = FixedClock(unix: 1_795_000_000)
    static let secret = Data("test-secret-3f9a1c77e2".utf8)
    static let otherSecret = Data("rotated-secret-8b2d4e61".utf8)
    /// Standard Webhooks secrets are `whsec_` + base64.
    static func secret(for profile: ATSProfile, _ raw: Data = secret) -> Data {
        profile.signature.key == "whsec-base64" ? Data(("whsec_" + raw.base64EncodedString()).utf8) : raw
    }
}

/// Runs `python3` with `jsonschema` to validate JSON instances against a schema.
enum PythonJSONSchema {
    static let available: Bool = {
        run(arguments: ["-c", "import jsonschema, yaml"]).status == 0
    }()

    static let skipMessage = "python3 with jsonschema and PyYAML not found: JSON Schema validation skipped"

    /// Validates each instance file (JSON, or YAML when it ends in .yaml) against `schema`;
    /// returns one line per invalid instance (empty when all are valid).
    static func validate(schema: URL, instances: [URL]) -> [String] {
        let script = """
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        v = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        for path in sys.argv[2:]:
            with open(path) as f:
                doc = yaml.safe_load(f) if path.endswith('.yaml') else json.load(f)
            for e in v.iter_errors(doc):
                print(path + ': ' + '/'.join(str(p) for p in e.absolute_path) + ': ' + e.message[:300])
        """
        let result = run(arguments: ["-c", script, schema.path] + instances.map(\.path))
        var lines = result.output.split(separator: "\n").map(String.init)
        if result.status != 0 { lines.append("python3 exited \(result.status)") }
        return lines
    }

    static func run(arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do {
            try process.run()
        } catch {
            return (127, "")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
