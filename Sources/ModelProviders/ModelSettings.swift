import Foundation

/// How to build a scoring adapter: plain data that the lead loads from YAML or JSON.
///
/// ```yaml
/// adapter: openai                 # builtin | openai | embeddings | ensemble
/// baseURL: https://api.openai.com/v1
/// model: gpt-4o-mini
/// apiKey: env:OPENAI_API_KEY      # a secret reference, resolved by the caller's closure
/// keyStyle: bearer                # bearer (Authorization: Bearer) | api-key (Azure)
/// apiVersion: 2024-10-21          # Azure only: ?api-version=
/// timeout: 30                     # seconds per request
/// maxAttempts: 4                  # attempts per request (429/5xx/timeouts retried)
/// seed: 42
/// prices: {gpt-4o-mini: {input: 0.15, output: 0.6}}   # USD per 1M tokens
/// budgetUSD: 5                    # per job
/// fallback: builtin               # on provider failure
/// fallbackOnBudget: false
/// aggregate: max                  # embeddings: max | mean
/// members:                        # ensemble only
///   - {adapter: builtin, weight: 0.6}
///   - {adapter: embeddings, weight: 0.4, baseURL: …, model: text-embedding-3-small}
/// ```
///
/// Every key is optional for decoding; `ModelRegistry.make` checks what each adapter needs.
public struct ModelSettings: Codable, Sendable, Equatable {
    public enum Adapter: String, Codable, Sendable { case builtin, openai, embeddings, ensemble }

    public var adapter: Adapter
    public var baseURL: String?
    public var model: String?
    /// A secret reference such as `env:OPENAI_API_KEY`; never the key itself in a file.
    public var apiKey: String?
    public var keyStyle: ProviderEndpoint.KeyStyle?
    public var apiVersion: String?
    /// Seconds per request (default 60).
    public var timeout: Double?
    /// Attempts per request (default 4).
    public var maxAttempts: Int?
    public var seed: Int?
    public var prices: PriceTable?
    /// Per-job budget in USD (nil: unlimited).
    public var budgetUSD: Double?
    /// `builtin` to fall back to the builtin model when the provider fails.
    public var fallback: Adapter?
    public var fallbackOnBudget: Bool?
    public var aggregate: OpenAIEmbeddingsModel.Aggregate?
    /// Weight of this adapter as an ensemble member (default 1).
    public var weight: Double?
    public var members: [ModelSettings]?

    public init(
        adapter: Adapter, baseURL: String? = nil, model: String? = nil, apiKey: String? = nil,
        keyStyle: ProviderEndpoint.KeyStyle? = nil, apiVersion: String? = nil, timeout: Double? = nil,
        maxAttempts: Int? = nil, seed: Int? = nil, prices: PriceTable? = nil, budgetUSD: Double? = nil,
        fallback: Adapter? = nil, fallbackOnBudget: Bool? = nil, aggregate: OpenAIEmbeddingsModel.Aggregate? = nil,
        weight: Double? = nil, members: [ModelSettings]? = nil
    ) {
        self.adapter = adapter
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.keyStyle = keyStyle
        self.apiVersion = apiVersion
        self.timeout = timeout
        self.maxAttempts = maxAttempts
        self.seed = seed
        self.prices = prices
        self.budgetUSD = budgetUSD
        self.fallback = fallback
        self.fallbackOnBudget = fallbackOnBudget
        self.aggregate = aggregate
        self.weight = weight
        self.members = members
    }
}
