import Foundation
import ScreenerCore

/// The redaction policy: which protected signals are removed before any model sees a profile, and
/// the fixed token that replaces each. Data, not code: `RedactionPolicy.defaultJSON` is the
/// documented policy file (written for this project; no outside source), and a deployment may load
/// its own with `RedactionPolicy(json:)`.
///
/// Rules run in `priority` order; a span already taken by an earlier rule is never re-redacted, so
/// an email's year or a name inside a URL is covered once. Each replacement is the kind's fixed
/// token, whose length does not depend on the replaced text: a score cannot depend on, say, the
/// length of a name.
public struct RedactionPolicy: Codable, Sendable, Equatable {
    public var version: String
    /// Fixed replacement token per kind.
    public var tokens: [String: String]
    /// Pattern rules, applied after the field rules (name, contact details from the parsed basics).
    public var rules: [Rule]
    /// Kinds in precedence order: an earlier kind wins an overlap.
    public var priority: [String]

    public struct Rule: Codable, Sendable, Equatable {
        public var kind: String
        /// ICU regular expression (NSRegularExpression syntax).
        public var pattern: String
        public var caseInsensitive: Bool
        /// Why the rule exists, for the audit report.
        public var note: String
        /// Minimum and maximum count of ASCII digits in a match (phone numbers); nil = no check.
        public var minDigits: Int?
        public var maxDigits: Int?
        /// When true, a match whose digit groups are all plausible years (1900–2099) is skipped
        /// (a date range is not a phone number).
        public var skipIfOnlyYears: Bool?
    }

    public init(version: String, tokens: [String: String], rules: [Rule], priority: [String]) {
        self.version = version
        self.tokens = tokens
        self.rules = rules
        self.priority = priority
    }

    public init(json: Data) throws {
        do {
            self = try JSONDecoder().decode(RedactionPolicy.self, from: json)
        } catch {
            throw ScreenerError(.invalidConfiguration, "redaction policy is not valid JSON for the policy schema", cause: error)
        }
        for r in rules {
            do { _ = try NSRegularExpression(pattern: r.pattern) } catch {
                throw ScreenerError(.invalidConfiguration, "redaction rule of kind \(r.kind) has an invalid pattern", cause: error)
            }
        }
    }

    /// The built-in policy (see `defaultJSON`).
    public static let `default`: RedactionPolicy = {
        // The literal is checked by a test; a failure here is a programming error.
        try! RedactionPolicy(json: Data(defaultJSON.utf8))
    }()

    public func token(for kind: String) -> String { tokens[kind] ?? "[REDACTED]" }
}
