import Foundation
import ScreenerCore

/// Output format of a recruiters' report (`--format table|md|csv|json|html`).
///
/// - `table`: fixed-width text for a terminal (control characters in values shown as spaces).
/// - `md`: GitHub-flavoured Markdown with pipe tables (values escaped, see `ReportEscaping.markdown`).
/// - `csv`: RFC 4180 (CRLF line ends, quoted when needed) with a spreadsheet formula-injection guard.
/// - `json`: sorted keys, ISO 8601 dates.
/// - `html`: one self-contained file: inline CSS, no scripts, no external resources, values escaped.
public enum ReportFormat: String, CaseIterable, Sendable, Codable {
    case table, md, csv, json, html

    /// Parses a `--format` value (case-insensitive; `markdown` and `text` are accepted as aliases).
    public init(parsing s: String) throws {
        let v = s.trimmingCharacters(in: .whitespaces).lowercased()
        switch v {
        case "markdown": self = .md
        case "text", "txt": self = .table
        default:
            guard let f = ReportFormat(rawValue: v) else {
                throw ScreenerError(.invalidInput, "unknown report format; expected one of table, md, csv, json, html")
            }
            self = f
        }
    }

    /// Conventional file extension for the format.
    public var fileExtension: String {
        switch self {
        case .table: "txt"
        case .md: "md"
        case .csv: "csv"
        case .json: "json"
        case .html: "html"
        }
    }
}
