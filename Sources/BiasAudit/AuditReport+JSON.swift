import Foundation

extension AuditReport {
    /// The JSON document of `schemas/audit-report.schema.json` (JSON Schema 2020-12). Exact values
    /// travel as `"p/q"` strings beside their decimal approximations.
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(JSONReport(self))
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static let schemaVersion = "1.0"
}
