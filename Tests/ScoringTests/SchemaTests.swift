import Foundation
import Testing
import ScreenerCore
@testable import Scoring

/// The JSON Schemas in `schemas/` are the contract: encoded values must use exactly their property
/// names (a structural check; full validation runs with a JSON Schema validator in CI).
@Suite("JSON Schemas")
struct SchemaTests {
    static func schema(_ name: String, _ file: String = #filePath) throws -> [String: Any] {
        var u = URL(fileURLWithPath: file).resolvingSymlinksInPath()
        for _ in 0..<3 { u.deleteLastPathComponent() }
        let data = try Data(contentsOf: u.appendingPathComponent("schemas/\(name)"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func check(_ value: [String: Any], against schema: [String: Any], path: String) {
        let props = schema["properties"] as? [String: Any] ?? [:]
        for k in value.keys { #expect(props[k] != nil, "\(path).\(k) is not in the schema") }
        for r in schema["required"] as? [String] ?? [] { #expect(value[r] != nil, "\(path).\(r) is required but missing") }
    }

    @Test func scoreEncodesToTheSchemaShape() async throws {
        let s = try Self.schema("score.schema.json")
        #expect(s["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let p = Redactor().redact(Fixtures.resume("Swift engineer with MySQL", months: 40))
        let score = try await BuiltinModel().score(p, criteria: Fixtures.backendJob, answers: ["work_authorization": "yes"])
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(score)) as? [String: Any])
        check(json, against: s, path: "score")
        let props = s["properties"] as! [String: Any]
        check(json["provenance"] as! [String: Any], against: props["provenance"] as! [String: Any], path: "provenance")
        let compSchema = (props["components"] as! [String: Any])["items"] as! [String: Any]
        for c in json["components"] as! [[String: Any]] { check(c, against: compSchema, path: "component") }
        let critSchema = (props["criteria"] as! [String: Any])["items"] as! [String: Any]
        let kinds = ((critSchema["properties"] as! [String: Any])["kind"] as! [String: Any])["enum"] as! [String]
        for c in json["criteria"] as! [[String: Any]] {
            check(c, against: critSchema, path: "criterion")
            #expect(kinds.contains(c["kind"] as! String))
        }
    }

    @Test func criteriaExampleDecodesAndEncodesToTheSchemaShape() throws {
        let s = try Self.schema("job-criteria.schema.json")
        let example = try #require((s["examples"] as? [[String: Any]])?.first)
        let c = try JSONDecoder().decode(JobCriteria.self, from: JSONSerialization.data(withJSONObject: example))
        #expect(c.requiredSkills.count == 2)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(c)) as? [String: Any])
        check(json, against: s, path: "criteria")
    }
}
