import Foundation

/// Names an adapter and the model behind it, for provenance and the adapter registry.
public struct ScoringModelDescriptor: Codable, Sendable, Equatable, Hashable {
    /// `builtin`, `openai`, `embeddings`, `ensemble`.
    public var adapter: String
    public var model: String
    public var version: String
    public var promptTemplateVersion: String?
    public init(adapter: String, model: String, version: String, promptTemplateVersion: String? = nil) {
        self.adapter = adapter
        self.model = model
        self.version = version
        self.promptTemplateVersion = promptTemplateVersion
    }
}

/// A scoring model adapter. It sees only a `RedactedProfile` and the job's `JobCriteria`: there is
/// deliberately no parameter through which `Demographics` or a raw `ParsedResume` could reach it.
public protocol ScoringModel: Sendable {
    var descriptor: ScoringModelDescriptor { get }
    func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score
}

extension ScoringModel {
    /// Scores and then evaluates the job's knockouts on the ATS custom-field `answers`
    /// (never on resume text or demographics).
    public func score(_ profile: RedactedProfile, criteria: JobCriteria, answers: [String: String]) async throws -> Score {
        let s = try await score(profile, criteria: criteria)
        return s.withKnockouts(criteria.knockouts.map { $0.evaluate(answers: answers) })
    }
}

extension JobCriteria.Knockout {
    /// `passed` when the trimmed answer equals `equals` or one of `oneOf`, ignoring case;
    /// `unanswered` when the field has no non-empty answer; else `failed`. A rule with neither
    /// `equals` nor `oneOf` passes on any non-empty answer.
    public func evaluate(answers: [String: String]) -> Score.KnockoutResult {
        func norm(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        guard let raw = answers[field], !norm(raw).isEmpty else { return .init(field: field, outcome: .unanswered) }
        let a = norm(raw)
        var accepted: [String] = []
        if let e = equals { accepted.append(norm(e)) }
        accepted += (oneOf ?? []).map(norm)
        if accepted.isEmpty { return .init(field: field, outcome: .passed) }
        return .init(field: field, outcome: accepted.contains(a) ? .passed : .failed)
    }
}
