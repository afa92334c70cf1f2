import Foundation
import ScreenerTestSupport

/// `schemas/audit-report.schema.json` checked by the suite's one JSON Schema validator
/// (`JSONSchemaCheck`, Python's `jsonschema`, Draft 2020-12).
struct SchemaValidator {
    let schema: URL

    /// One line per violation (`doc0.json: <json path>: <message>`); empty when valid.
    func validate(_ instance: Any) throws -> [String] {
        try JSONSchemaCheck.validate(schema: schema, documents: [JSONSerialization.data(withJSONObject: instance)])
    }
}
