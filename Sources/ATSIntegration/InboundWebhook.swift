import Foundation

/// A webhook request as received: headers and the raw body bytes. The body is never re-serialised
/// before verification, because every scheme signs the bytes as sent.
public struct InboundWebhook: Sendable {
    /// Header names lowercased; repeated headers joined by `", "`.
    public let headers: [String: String]
    public let body: Data

    /// Lowercases header names; when two names differ only by case their values are joined by `", "`.
    public init(headers: [String: String], body: Data) {
        var lowered: [String: String] = [:]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            let key = name.lowercased()
            if let existing = lowered[key] {
                lowered[key] = existing + ", " + value
            } else {
                lowered[key] = value
            }
        }
        self.headers = lowered
        self.body = body
    }

    /// Headers whose names are lowercase already, each name once (as HTTP servers hand them over
    /// after joining repeats), so nothing is sorted or re-keyed.
    public init(lowercasedHeaders: [String: String], body: Data) {
        self.headers = lowercasedHeaders
        self.body = body
    }

    /// The header's value, by case-insensitive name.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
