import Foundation
import ModelProviders
import ScreenerCore
import ScreenerTestSupport
import Testing

/// The bodies the adapters send validate against the subset of OpenAI's published request schema
/// in this folder (`openai-*-request.schema.json`, sources noted inside), checked with Python's
/// `jsonschema` (Draft 2020-12), as the other schema tests in the repository do.
@Suite("Request bodies against OpenAI's request schema")
struct RequestSchemaTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func python(_ args: [String]) -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        do { try p.run() } catch { return (-1, "\(error)") }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    static func hasJSONSchema() -> Bool { python(["-c", "import jsonschema"]).0 == 0 }

    static let script = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in sys.argv[2:]:
        doc = json.load(open(path))
        for e in v.iter_errors(doc):
            bad += 1
            print(path.split('/')[-1] + ': ' + '/'.join(str(p) for p in e.absolute_path) + ': ' + e.message[:200])
        rf = doc.get('response_format', {}).get('json_schema', {}).get('schema')
        if rf is not None:
            jsonschema.Draft202012Validator.check_schema(rf)
    print('errors', bad)
    sys.exit(1 if bad else 0)
    """

    /// Writes `bodies` to a temporary folder and validates them against `schema`.
    static func validate(_ bodies: [Data], schema: String) throws -> (Int32, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("openai-req-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for (i, b) in bodies.enumerated() {
            let f = dir.appendingPathComponent("body-\(i).json")
            try b.write(to: f)
            files.append(f.path)
        }
        return python(["-c", script, folder.appendingPathComponent(schema).path] + files)
    }

    @Test("chat completions and embeddings request bodies validate; broken bodies do not")
    func requestsValidate() async throws {
        guard Self.hasJSONSchema() else {
            print("SKIP: python3 with jsonschema not found; OpenAI request schema validation skipped")
            return
        }
        let (chat, embeddings) = try await FakeOpenAIServer.withServer { server -> ([Data], [Data]) in
            await server.setDefault(.chat(content: ModelFixtures.standardReply))
            await server.setDefault(.embeddingsBy({ $0.map { _ in [1, 0] } }), for: .embeddings)
            let chatModel = OpenAIChatModel(model: "gpt-test", client: ModelFixtures.client(server))
            _ = try await chatModel.score(ModelFixtures.profile(), criteria: ModelFixtures.criteria)
            // Criteria with every item kind, so the schema sees every branch of the prompt.
            var full = ModelFixtures.criteria
            full.education = .init(minimum: .bachelor, fields: ["Computer Science"])
            full.certifications = ["AWS Certified Developer"]
            full.languages = [.init(language: "English", level: "C1")]
            await server.enqueue(.chat(content: ModelFixtures.rubricJSON(
                ["R1", "R2", "P1", "X", "E", "C1", "L1", "F"].map { ($0, 0.5, []) })))
            _ = try await chatModel.score(ModelFixtures.profile(), criteria: full)
            let emb = OpenAIEmbeddingsModel(model: "emb-test", client: ModelFixtures.client(server))
            _ = try await emb.score(ModelFixtures.profile(), criteria: ModelFixtures.criteria)
            return (await server.requests(.chat).map(\.body), await server.requests(.embeddings).map(\.body))
        }
        #expect(chat.count == 2 && embeddings.count == 1)
        let c = try Self.validate(chat, schema: "openai-chat-completions-request.schema.json")
        #expect(c.0 == 0, "chat request violations:\n\(c.1)")
        let e = try Self.validate(embeddings, schema: "openai-embeddings-request.schema.json")
        #expect(e.0 == 0, "embeddings request violations:\n\(e.1)")

        // The check can fail: a body without messages, with a bad schema name, with an empty input.
        var broken = try #require(JSONSerialization.jsonObject(with: chat[0]) as? [String: Any])
        broken["messages"] = nil
        var rf = broken["response_format"] as! [String: Any]
        var js = rf["json_schema"] as! [String: Any]
        js["name"] = "has spaces"
        rf["json_schema"] = js
        broken["response_format"] = rf
        let b = try Self.validate([try JSONSerialization.data(withJSONObject: broken)], schema: "openai-chat-completions-request.schema.json")
        #expect(b.0 != 0)
        #expect(b.1.contains("'messages' is a required property"))
        let badEmb = try Self.validate([Data(#"{"model": "m", "input": []}"#.utf8)], schema: "openai-embeddings-request.schema.json")
        #expect(badEmb.0 != 0)
    }

    @Test("the reply schema follows strict structured-output rules")
    func strictReplySchema() throws {
        func check(_ node: Any, _ path: String) {
            guard let o = node as? [String: Any] else { return }
            if o["type"] as? String == "object" {
                let props = (o["properties"] as? [String: Any]) ?? [:]
                #expect(o["additionalProperties"] as? Bool == false, "\(path): additionalProperties must be false")
                #expect(Set((o["required"] as? [String]) ?? []) == Set(props.keys), "\(path): every property must be required")
                for (k, v) in props { check(v, "\(path).\(k)") }
            }
            if let items = o["items"] { check(items, "\(path)[]") }
        }
        check(RubricPrompt.responseSchema(ids: ["R1", "X"]), "$")
    }
}
