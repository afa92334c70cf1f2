import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore

/// The `openai` adapter: any OpenAI-compatible `POST {baseURL}/chat/completions` endpoint.
///
/// One request per (profile, criteria): the system message is the versioned rubric
/// (`RubricPrompt`), the user message the criteria items and the fenced redacted text; the reply is
/// constrained by `response_format: {type: json_schema, json_schema: {name, strict: true, schema}}`,
/// with `temperature: 0` and a fixed `seed`.
///
/// Mapping (`OpenAIChatModel+Mapping`): item score `s_i ∈ [0,1]`; component sub-score
/// `s_c = Σ_i w_i s_i / Σ_i w_i` over its items; `total = 100 · Σ_c W_c s_c / Σ_c W_c` with `W_c`
/// from `RubricItem.componentWeights` (components without items or with zero weight are left out).
/// Status: matched when `s ≥ 0.75`, partial when `s > 0.2`, else missing.
///
/// Provenance: `model` is the configured model, `modelVersion` the `model` the reply names (often a
/// dated snapshot such as `gpt-4o-2024-08-06`), else the adapter version.
///
/// Order of work: cache lookup → budget check (`CostLedger.authorize` with an estimate of
/// `⌈UTF-8 bytes / 4⌉` prompt tokens at the input price) → request with timeout and retries
/// (`ProviderClient`) → charge the ledger with the reply's `usage` → parse and validate the content.
/// Content that is not valid rubric JSON is asked for once more; a second failure is `model_failed`.
public struct OpenAIChatModel: ScoringModel {
    public static let adapterID = "openai"
    public static let version = "1.0.0"

    public var model: String
    public var seed: Int
    public var prices: PriceTable
    public let client: ProviderClient
    public let cache: ResponseCache?
    public let ledger: CostLedger?
    /// Attempts at getting valid rubric JSON (the first plus one retry).
    public var contentAttempts = 2

    public init(model: String, client: ProviderClient, seed: Int = 42, prices: PriceTable = PriceTable(), cache: ResponseCache? = nil, ledger: CostLedger? = nil) {
        self.model = model
        self.client = client
        self.seed = seed
        self.prices = prices
        self.cache = cache
        self.ledger = ledger
    }

    public var descriptor: ScoringModelDescriptor {
        .init(adapter: Self.adapterID, model: model, version: Self.version, promptTemplateVersion: RubricPrompt.version)
    }

    /// The request body (JSON, sorted keys) for `profile` and `criteria`.
    public func requestBody(_ profile: RedactedProfile, criteria: JobCriteria, inputSHA256: String? = nil) throws -> Data {
        let items = RubricItem.items(for: criteria)
        let hash = inputSHA256 ?? InputHash.profile(profile)
        let body: [String: Any] = [
            "model": model,
            "messages": [
                ["role": "system", "content": RubricPrompt.system],
                ["role": "user", "content": RubricPrompt.user(criteria: criteria, items: items, resumeText: profile.text, nonce: String(hash.prefix(16)))],
            ],
            "temperature": 0,
            "seed": seed,
            "response_format": [
                "type": "json_schema",
                "json_schema": [
                    "name": RubricPrompt.schemaName,
                    "strict": true,
                    "schema": RubricPrompt.responseSchema(ids: items.map(\.id)),
                ] as [String: Any],
            ] as [String: Any],
        ]
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    public func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
        let started = ContinuousClock.now
        let items = RubricItem.items(for: criteria)
        guard !items.isEmpty else { throw ScreenerError(.invalidInput, "criteria have nothing to score") }
        let inputHash = InputHash.profile(profile)
        let key = ResponseCache.Key(model: model, promptTemplateVersion: RubricPrompt.version, inputSHA256: inputHash, criteria: criteria)
        if let cache, let hit = await cache.get(key) { return hit }

        let body = try requestBody(profile, criteria: criteria, inputSHA256: inputHash)
        let price = prices.price(for: model)
        var promptTokens = 0, completionTokens = 0, cost = 0.0
        var lastViolation = ""
        for attempt in 1...max(1, contentAttempts) {
            if let ledger {
                let estimate = price.map { $0.cost(promptTokens: (body.count + 3) / 4, completionTokens: 0) } ?? 0
                try await ledger.authorize(job: criteria.id, estimatedCostUSD: estimate)
            }
            let reply = try await client.post("chat/completions", body: body)
            let decoded = try? JSONDecoder().decode(ChatCompletionReply.self, from: reply.body)
            let p = decoded?.usage?.prompt_tokens ?? 0, c = decoded?.usage?.completion_tokens ?? 0
            let thisCost = price?.cost(promptTokens: p, completionTokens: c) ?? 0
            promptTokens += p; completionTokens += c; cost += thisCost
            if let ledger { await ledger.record(job: criteria.id, promptTokens: p, completionTokens: c, costUSD: thisCost) }
            do throws(RubricReply.Violation) {
                guard let decoded else { throw RubricReply.Violation(reason: "reply is not a chat completion") }
                guard let message = decoded.choices.first?.message else { throw RubricReply.Violation(reason: "reply has no choices") }
                guard let content = message.content, message.refusal == nil else { throw RubricReply.Violation(reason: "model refused or sent no content") }
                let entries = try RubricReply.parse(content, items: items)
                let elapsed = ContinuousClock.now - started
                let usage = Usage(promptTokens: promptTokens, completionTokens: completionTokens, costUSD: cost,
                                  replyModel: decoded.model,
                                  latencyMs: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                let score = makeScore(entries, items: items, profile: profile, criteria: criteria, inputSHA256: inputHash, usage: usage)
                if let cache { await cache.put(key, score) }
                return score
            } catch {
                lastViolation = error.reason
                client.logger.debug("model reply did not fit the rubric", metadata: [
                    "screener.model.attempt": "\(attempt)", "screener.model.violation": "\(error.reason)"])
            }
        }
        throw ScreenerError(.modelFailed, "model reply did not fit the rubric schema after \(contentAttempts) attempts: \(lastViolation)")
    }

    /// Tokens, cost and latency of one scoring call (all attempts).
    struct Usage {
        var promptTokens: Int
        var completionTokens: Int
        var costUSD: Double
        /// The `model` the provider says answered (often a dated snapshot).
        var replyModel: String?
        var latencyMs: Double
    }
}
