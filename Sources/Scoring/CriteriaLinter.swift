import Foundation
import ScreenerCore

/// `screener jobs lint`: flags criteria wording that excludes protected groups or stands in for
/// them (age, gender, national origin, religion, marital status, disability through needless
/// physical requirements). Run on every `jobs put` as well.
///
/// Each rule has a category, an explanation and a default severity; `severities` overrides the
/// severity per category (e.g. make gender-coded wording an error). Matching is case-insensitive on
/// whole words; offsets are Unicode-scalar offsets into the field's text.
public struct CriteriaLinter: Sendable {
    public struct Rule: Sendable {
        public var category: String
        public var pattern: String
        public var explanation: String
        public var severity: LintFlag.Severity
        public init(category: String, pattern: String, explanation: String, severity: LintFlag.Severity) {
            self.category = category
            self.pattern = pattern
            self.explanation = explanation
            self.severity = severity
        }
    }

    public let rules: [Rule]
    public var severities: [String: LintFlag.Severity]
    private let compiled: [NSRegularExpression?]

    public init(rules: [Rule] = CriteriaLinter.defaultRules, severities: [String: LintFlag.Severity] = [:]) {
        self.rules = rules
        self.severities = severities
        self.compiled = rules.map { try? NSRegularExpression(pattern: $0.pattern, options: [.caseInsensitive]) }
    }

    /// Flags in one piece of text, sorted by offset; overlapping hits of one category are merged
    /// into the first.
    public func lint(_ text: String, field: String = "description") -> [LintFlag] {
        let map = UTF16ScalarMap(text)
        let sc = Array(text.unicodeScalars)
        var out: [LintFlag] = []
        for (rule, re) in zip(rules, compiled) {
            guard let re else { continue }
            for m in re.matches(in: text, range: NSRange(location: 0, length: map.utf16Count)) {
                let s = map.scalar(m.range.location), e = map.scalar(m.range.location + m.range.length)
                if out.contains(where: { $0.field == field && $0.category == rule.category && $0.range.start < e && s < $0.range.end }) { continue }
                out.append(LintFlag(term: String(String.UnicodeScalarView(sc[s..<e])), field: field,
                                    range: TextRange(start: s, end: e), category: rule.category,
                                    explanation: rule.explanation, severity: severities[rule.category] ?? rule.severity))
            }
        }
        return out.sorted { ($0.range.start, $0.category) < ($1.range.start, $1.category) }
    }

    /// Flags across every free-text field of the criteria, plus a language level of "native".
    public func lint(_ c: JobCriteria) -> [LintFlag] {
        var out: [LintFlag] = []
        if let t = c.title { out += lint(t, field: "title") }
        if let d = c.description { out += lint(d, field: "description") }
        for (i, s) in c.requiredSkills.enumerated() { out += lint(s.name, field: "requiredSkills[\(i)]") }
        for (i, s) in c.preferredSkills.enumerated() { out += lint(s.name, field: "preferredSkills[\(i)]") }
        for (i, s) in c.certifications.enumerated() { out += lint(s, field: "certifications[\(i)]") }
        for (i, l) in c.languages.enumerated() {
            if let lv = l.level, lv.lowercased().contains("native") || lv.lowercased().contains("mother") {
                out.append(LintFlag(term: lv, field: "languages[\(i)].level", range: TextRange(start: 0, end: lv.unicodeScalars.count),
                                    category: "native_speaker", explanation: Self.nativeExplanation,
                                    severity: severities["native_speaker"] ?? .error))
            }
        }
        return out
    }

    /// True when any flag is an error (the `put` gate).
    public static func hasErrors(_ flags: [LintFlag]) -> Bool { flags.contains { $0.severity == .error } }

    static let nativeExplanation = "\"Native speaker\" screens out people by national origin; ask for a proficiency level instead (e.g. CEFR C1 or C2)."
}
