import Foundation

/// Where a score came from, so that it can be reproduced and audited.
public struct ScoreProvenance: Codable, Sendable, Equatable {
    /// Adapter id: `builtin`, `openai`, `embeddings`, `ensemble`.
    public var adapter: String
    public var model: String
    public var modelVersion: String
    /// Version of the rubric prompt template (LLM adapters); nil for `builtin`.
    public var promptTemplateVersion: String?
    public var criteriaId: String
    public var criteriaVersion: Int?
    /// SHA-256 (hex) of the model input: the redacted profile's canonical serialization, without the
    /// original offsets of its redactions (builtin: `PreparedProfile.canonicalBytes`).
    public var inputSHA256: String
    /// Wall-clock time the adapter took, in milliseconds. Not part of score equality in tests.
    public var latencyMs: Double
    public var promptTokens: Int
    public var completionTokens: Int
    public var costUSD: Double
    /// Set when this score came from a fallback adapter: the adapter that failed.
    public var fallbackFrom: String?
    /// Version of the redaction policy applied to the input.
    public var redactionPolicyVersion: String?

    public init(
        adapter: String, model: String, modelVersion: String, promptTemplateVersion: String? = nil,
        criteriaId: String, criteriaVersion: Int?, inputSHA256: String, latencyMs: Double = 0,
        promptTokens: Int = 0, completionTokens: Int = 0, costUSD: Double = 0, fallbackFrom: String? = nil,
        redactionPolicyVersion: String? = nil
    ) {
        self.adapter = adapter
        self.model = model
        self.modelVersion = modelVersion
        self.promptTemplateVersion = promptTemplateVersion
        self.criteriaId = criteriaId
        self.criteriaVersion = criteriaVersion
        self.inputSHA256 = inputSHA256
        self.latencyMs = latencyMs
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.costUSD = costUSD
        self.fallbackFrom = fallbackFrom
        self.redactionPolicyVersion = redactionPolicyVersion
    }
}
