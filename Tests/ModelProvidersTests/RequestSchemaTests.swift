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

    /// Validates `bodies` against `schema` in this folder; a `response_format` schema inside must be
    /// a valid schema too. One line per violation.
    static func validate(_ bodies: [Data], schema: String) throws -> [String] {
        try JSONSchemaCheck.validate(schema: folder.appendingPathComponent(schema), documents: bodies, checkEmbeddedResponseSchemas: true)
    }

    @Test("chat completions and embeddings request bodies validate; broken bodies do not")
    func requestsValidate() async throws {
        guard JSONSchemaCheck.available else {
            print(JSONSchemaCheck.skipMessage)
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
        #expect(c.isEmpty, "chat request violations:\n\(c.joined(separator: "\n"))")
        let e = try Self.validate(embeddings, schema: "openai-embeddings-request.schema.json")
        #expect(e.isEmpty, "embeddings request violations:\n\(e.joined(separator: "\n"))")

        // The check can fail: a body without messages, with a bad schema name, with an empty input.
        var broken = try #require(JSONSerialization.jsonObject(with: chat[0]) as? [String: Any])
        broken["messages"] = nil
        var rf = broken["response_format"] as! [String: Any]
        var js = rf["json_schema"] as! [String: Any]
        js["name"] = "has spaces"
        rf["json_schema"] = js
        broken["response_format"] = rf
        let b = try Self.validate([try JSONSerialization.data(withJSONObject: broken)], schema: "openai-chat-completions-request.schema.json")
        #expect(b.contains { $0.contains("'messages' is a required property") }, "\(b)")
        // The bad name fails the response_format branch (jsonschema reports it at that path; the
        // message quotes the object, whose key order varies, so only the path is checked).
        #expect(b.contains { $0.hasPrefix("doc0.json: response_format") }, "\(b)")
        let badEmb = try Self.validate([Data(#"{"model": "m", "input": []}"#.utf8)], schema: "openai-embeddings-request.schema.json")
        #expect(!badEmb.isEmpty)
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
