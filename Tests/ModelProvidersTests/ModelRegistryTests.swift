import Foundation
import ModelProviders
import Scoring
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("ModelRegistry and ModelSettings")
struct ModelRegistryTests {
    let secrets: ModelRegistry.SecretResolver = { ref in ref == "env:OPENAI_KEY" ? "sk-from-env" : nil }

    @Test("settings decode from JSON and build the described adapters")
    func buildsAdapters() throws {
        let json = """
        {"adapter": "ensemble", "members": [
          {"adapter": "builtin", "weight": 0.6},
          {"adapter": "openai", "weight": 0.4, "baseURL": "https://api.openai.com/v1", "model": "gpt-4o-mini",
           "apiKey": "env:OPENAI_KEY", "timeout": 20, "maxAttempts": 3, "seed": 1,
           "prices": {"gpt-4o-mini": {"input": 0.15, "output": 0.6}}, "budgetUSD": 2, "fallback": "builtin"}
        ]}
        """
        let settings = try JSONDecoder().decode(ModelSettings.self, from: Data(json.utf8))
        let registry = ModelRegistry(resolveSecret: secrets)
        let model = try registry.make(settings)
        let ensemble = try #require(model as? EnsembleModel)
        #expect(ensemble.members.map(\.weight) == [0.6, 0.4])
        #expect(ensemble.members[0].model is BuiltinModel)
        let fb = try #require(ensemble.members[1].model as? FallbackModel)
        let openai = try #require(fb.primary as? OpenAIChatModel)
        #expect(openai.model == "gpt-4o-mini" && openai.seed == 1)
        #expect(openai.client.endpoint.apiKey == "sk-from-env")
        #expect(openai.client.endpoint.timeout == .seconds(20))
        #expect(openai.client.endpoint.retry.maxAttempts == 3)
        #expect(openai.ledger != nil)
        #expect(ensemble.descriptor.adapter == "ensemble")
    }

    @Test("missing pieces are configuration errors", arguments: [
        (#"{"adapter": "openai", "model": "m"}"#, "invalid_configuration"),
        (#"{"adapter": "openai", "baseURL": "ftp://x/v1", "model": "m"}"#, "invalid_configuration"),
        (#"{"adapter": "openai", "baseURL": "https://x/v1", "model": "m", "apiKey": "env:NOPE"}"#, "missing_secret"),
        (#"{"adapter": "ensemble", "members": []}"#, "invalid_configuration"),
        (#"{"adapter": "builtin", "fallback": "openai"}"#, "invalid_configuration"),
        (#"{"adapter": "embeddings", "baseURL": "https://x/v1"}"#, "invalid_configuration"),
    ])
    func refusesBadSettings(_ json: String, _ code: String) throws {
        let settings = try JSONDecoder().decode(ModelSettings.self, from: Data(json.utf8))
        let error = #expect(throws: ScreenerError.self) { try ModelRegistry(resolveSecret: secrets).make(settings) }
        #expect(error?.code.rawValue == code)
        #expect(error?.description.contains("sk-") == false)
    }

    @Test("Azure style: api-key header and api-version query")
    func azureEndpoint() {
        let e = ProviderEndpoint(baseURL: "https://r.openai.azure.com/openai/deployments/d/", apiKey: "k", keyStyle: .apiKey, apiVersion: "2024-10-21")
        #expect(e.url("chat/completions") == "https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21")
    }
}
