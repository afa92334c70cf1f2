import ScreenerCore

/// One finding of `CriteriaLinter`.
public struct LintFlag: Codable, Sendable, Equatable {
    public enum Severity: String, Codable, Sendable, CaseIterable { case error, warning }
    /// The flagged wording as written.
    public var term: String
    /// Which criteria field it is in: `title`, `description`, `requiredSkills[0]`, …
    public var field: String
    /// Unicode-scalar offsets of `term` inside that field's text.
    public var range: TextRange
    /// `age`, `gender_explicit`, `gender_coded_masculine`, `gender_coded_feminine`, `native_speaker`,
    /// `physical`, `nationality`, `religion`, `marital_status`.
    public var category: String
    public var explanation: String
    public var severity: Severity

    public init(term: String, field: String, range: TextRange, category: String, explanation: String, severity: Severity) {
        self.term = term
        self.field = field
        self.range = range
        self.category = category
        self.explanation = explanation
        self.severity = severity
    }
}
