import Foundation

extension AuditReport {
    /// Output formats of `screener audit … --format`.
    public enum Format: String, Sendable, CaseIterable {
        case json
        case md
        case csv
        case html
    }

    /// Renders the report. JSON matches `schemas/audit-report.schema.json`.
    public func render(_ format: Format) throws -> String {
        switch format {
        case .json: return try renderJSON()
        case .md: return renderMarkdown()
        case .csv: return renderCSV()
        case .html: return renderHTML()
        }
    }
}
