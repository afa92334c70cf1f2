import ATSIntegration
import AsyncHTTPClient
import Foundation
import Logging
import ModelProviders
import ScreenerCore
import Scoring

/// The scoring adapters a service offers: the default (`scoring`, the built-in model when unset) and
/// the named ones (`scoringModels`), which a job picks with its criteria's `model`.
///
/// Each LLM or embeddings adapter charges a per-job budget ledger (`budgetUSD` of its settings),
/// seeded with what the job's stored scores already cost, so a restart does not reset spending.
public struct ScoringModels: Sendable {
    public let standard: any ScoringModel
    public let named: [String: any ScoringModel]
    /// The LLM response cache the adapters share (scores with evidence quotes, in memory).
    public let cache: ResponseCache?

    public init(standard: any ScoringModel, named: [String: any ScoringModel] = [:], cache: ResponseCache? = nil) {
        self.standard = standard
        self.named = named
        self.cache = cache
    }

    /// Erasure: forgets cached scores of these inputs.
    public func forget(inputSHA256s: Set<String>) async {
        await cache?.forget(inputSHA256s: inputSHA256s)
    }

    /// The adapter for a job: its criteria's `model`, else the default. A name the configuration
    /// does not define scores nothing: the work item fails `invalid_configuration` (retried, then
    /// quarantined for replay once the configuration is fixed).
    public func model(for criteria: JobCriteria) -> any ScoringModel {
        guard let name = criteria.model else { return standard }
        return named[name] ?? UnknownScoringModel(name: name)
    }

    public static func build(
        configuration: ScreenerConfiguration, httpClient: HTTPClient, taxonomy: SkillTaxonomy,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger,
        priorUsage: [String: ModelUsage] = [:]
    ) throws -> ScoringModels {
        let builtin = BuiltinModel(taxonomy: taxonomy)
        let cache = try ResponseCache()
        let prior = priorUsage.mapValues { u -> CostLedger.Usage in
            var usage = CostLedger.Usage()
            usage.requests = u.scores
            usage.promptTokens = u.promptTokens
            usage.completionTokens = u.completionTokens
            usage.costUSD = u.costUSD
            return usage
        }
        func make(_ settings: ModelSettings?) throws -> any ScoringModel {
            guard let settings, settings.adapter != .builtin else { return builtin }
            let registry = ModelRegistry(
                http: httpClient,
                resolveSecret: { ref in String(decoding: try SecretReference.resolve(ref, environment: environment), as: UTF8.self) },
                builtin: builtin, cache: cache, ledger: CostLedger(defaultBudgetUSD: settings.budgetUSD, prior: prior), logger: logger)
            return try registry.make(settings)
        }
        var named: [String: any ScoringModel] = [:]
        for (name, settings) in configuration.scoringModels {
            do {
                named[name] = try make(settings)
            } catch let error as ScreenerError {
                throw ScreenerError(.invalidConfiguration, "scoringModels.\(name): \(error.message)", cause: error)
            }
        }
        return ScoringModels(standard: try make(configuration.scoring), named: named, cache: cache)
    }
}

/// Stands in for a model name the configuration does not define.
struct UnknownScoringModel: ScoringModel {
    let name: String
    var descriptor: ScoringModelDescriptor { .init(adapter: "unknown", model: name, version: "0") }
    func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
        throw ScreenerError(.invalidConfiguration, "job \(criteria.id) asks for scoring model '\(name)', which the configuration's scoringModels does not define")
    }
}
