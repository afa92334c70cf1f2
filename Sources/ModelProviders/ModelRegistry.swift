import AsyncHTTPClient
import Foundation
import Logging
import Scoring
import ScreenerCore

/// Builds scoring adapters from `ModelSettings`. Seams are injected: the HTTP client, the secret
/// resolver (a closure from a reference such as `env:NAME` to its value, nil when unset), the
/// builtin model, a shared response cache and embedding cache, the clock-free sleeper for retries,
/// and a logger. One `CostLedger` is created per settings value that has a `budgetUSD`, unless
/// `ledger` is given, which then also carries the budget.
public struct ModelRegistry: Sendable {
    public typealias SecretResolver = @Sendable (String) throws -> String?

    public var http: HTTPClient
    public var resolveSecret: SecretResolver
    public var builtin: BuiltinModel
    public var cache: ResponseCache?
    public var embeddingCache: EmbeddingCache
    public var ledger: CostLedger?
    public var logger: Logger
    public var sleep: ProviderClient.Sleeper

    public init(
        http: HTTPClient = .shared, resolveSecret: @escaping SecretResolver, builtin: BuiltinModel = BuiltinModel(),
        cache: ResponseCache? = nil, embeddingCache: EmbeddingCache = EmbeddingCache(), ledger: CostLedger? = nil,
        logger: Logger = Logger(label: "screener.models"), sleep: @escaping ProviderClient.Sleeper = { try await Task.sleep(for: $0) }
    ) {
        self.http = http
        self.resolveSecret = resolveSecret
        self.builtin = builtin
        self.cache = cache
        self.embeddingCache = embeddingCache
        self.ledger = ledger
        self.logger = logger
        self.sleep = sleep
    }

    /// The adapter the settings describe, wrapped in `FallbackModel` when `fallback: builtin`.
    public func make(_ s: ModelSettings) throws -> any ScoringModel {
        let base: any ScoringModel
        switch s.adapter {
        case .builtin:
            base = builtin
        case .openai:
            base = OpenAIChatModel(model: try required(s.model, "model"), client: try client(s), seed: s.seed ?? 42,
                                   prices: s.prices ?? PriceTable(), cache: cache, ledger: ledger(s))
        case .embeddings:
            base = OpenAIEmbeddingsModel(model: try required(s.model, "model"), client: try client(s), prices: s.prices ?? PriceTable(),
                                         aggregate: s.aggregate ?? .max, cache: embeddingCache, ledger: ledger(s))
        case .ensemble:
            guard let members = s.members, !members.isEmpty else {
                throw ScreenerError(.invalidConfiguration, "ensemble settings need members")
            }
            base = try EnsembleModel(members: members.map { m in EnsembleModel.Member(try make(m), weight: m.weight ?? 1) })
        }
        switch s.fallback {
        case nil: return base
        case .builtin?: return FallbackModel(primary: base, fallback: builtin, fallbackOnBudget: s.fallbackOnBudget ?? false)
        case let other?: throw ScreenerError(.invalidConfiguration, "fallback must be builtin, not \(other.rawValue)")
        }
    }

    private func required(_ v: String?, _ key: String) throws -> String {
        guard let v, !v.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ScreenerError(.invalidConfiguration, "model settings need \(key)")
        }
        return v
    }

    private func ledger(_ s: ModelSettings) -> CostLedger? {
        if let ledger { return ledger }
        return s.budgetUSD.map { CostLedger(defaultBudgetUSD: $0) }
    }

    /// The provider client: URL checked, key resolved (a reference that resolves to nothing is
    /// `missing_secret`), timeout and attempts applied.
    func client(_ s: ModelSettings) throws -> ProviderClient {
        let base = try required(s.baseURL, "baseURL")
        guard let u = URL(string: base), let scheme = u.scheme?.lowercased(), scheme == "http" || scheme == "https", u.host != nil else {
            throw ScreenerError(.invalidConfiguration, "model baseURL must be an http(s) URL")
        }
        var key: String? = nil
        if let ref = s.apiKey, !ref.isEmpty {
            guard let v = try resolveSecret(ref), !v.isEmpty else {
                throw ScreenerError(.missingSecret, "model API key reference does not resolve")
            }
            key = v
        }
        let timeout = s.timeout ?? 60
        guard timeout.isFinite, timeout > 0 else { throw ScreenerError(.invalidConfiguration, "model timeout must be positive") }
        let endpoint = ProviderEndpoint(
            baseURL: base, apiKey: key, keyStyle: s.keyStyle ?? .bearer, apiVersion: s.apiVersion,
            timeout: .milliseconds(Int64(timeout * 1000)), retry: RetryPolicy(maxAttempts: s.maxAttempts ?? 4))
        return ProviderClient(endpoint: endpoint, http: http, logger: logger, sleep: sleep)
    }
}
