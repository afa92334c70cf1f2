import Foundation
import ModelProviders
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Scoring
import Storage
import Testing

/// Issue 4: the adapter is chosen per job (criteria `model` → `scoringModels`), and a job's model
/// budget holds across restarts because the ledger is seeded from stored scores.
@Suite("Scoring adapters per job")
struct ScoringModelsTests {
    static func profile() -> RedactedProfile {
        Redactor().redact(ParsedResume(text: "Backend engineer: Swift, PostgreSQL, Kubernetes.\nSwift services for six years.", meta: .init(format: "txt", parserVersion: "test", parsedAt: Date())))
    }

    static func configuration(_ server: FakeOpenAIServer, budget: Double?) -> ScreenerConfiguration {
        var config = ScreenerConfiguration()
        config.scoringModels = ["semantic": ModelSettings(
            adapter: .embeddings, baseURL: server.baseURL, model: "emb-test", apiKey: "env:TEST_OPENAI_KEY",
            prices: PriceTable(["emb-test": ModelPrice(input: 1_000, output: 0)]), budgetUSD: budget)]
        return config
    }

    @Test("criteria pick a named adapter; no name is the default; an unknown name fails clearly")
    func perJob() async throws {
        try await FakeOpenAIServer.withServer { server in
            await server.setDefault(.embeddingsBy({ $0.map { _ in [1, 0] } }), for: .embeddings)
            let models = try ScoringModels.build(
                configuration: Self.configuration(server, budget: nil), httpClient: .shared, taxonomy: try SkillTaxonomy.loadBundled(),
                environment: ["TEST_OPENAI_KEY": "sk-test"], logger: .init(label: "test"))
            var criteria = JobCriteria(id: "acme:1", title: "Backend Engineer", description: "Swift and PostgreSQL services")
            criteria.requiredSkills = [.init(name: "Swift")]
            #expect(models.model(for: criteria).descriptor.adapter == "builtin")
            criteria.model = "semantic"
            let score = try await models.model(for: criteria).score(Self.profile(), criteria: criteria)
            #expect(score.provenance.adapter == "embeddings" && score.provenance.model == "emb-test")
            #expect(await server.requests(.embeddings).count >= 1)
            criteria.model = "gpt-9"
            await #expect(throws: ScreenerError.self) { try await models.model(for: criteria).score(Self.profile(), criteria: criteria) }
        }
    }

    @Test("a job that spent its budget before a restart is refused without a provider call; another job is not")
    func budgetSurvivesRestart() async throws {
        try await FakeOpenAIServer.withServer { server in
            await server.setDefault(.embeddingsBy({ $0.map { _ in [1, 0] } }), for: .embeddings)
            let models = try ScoringModels.build(
                configuration: Self.configuration(server, budget: 2), httpClient: .shared, taxonomy: try SkillTaxonomy.loadBundled(),
                environment: ["TEST_OPENAI_KEY": "sk-test"], logger: .init(label: "test"),
                priorUsage: ["acme:spent": ModelUsage(scores: 40, promptTokens: 2_000, costUSD: 2.0)])
            var spent = JobCriteria(id: "acme:spent", title: "Backend Engineer", description: "Swift")
            spent.model = "semantic"
            do {
                _ = try await models.model(for: spent).score(Self.profile(), criteria: spent)
                Issue.record("the spent job must be refused")
            } catch let error as ScreenerError {
                #expect(error.code == .budgetExceeded)
            }
            #expect(await server.requests(.embeddings).isEmpty)
            var fresh = spent
            fresh.id = "acme:fresh"
            _ = try await models.model(for: fresh).score(Self.profile(), criteria: fresh)
            #expect(await server.requests(.embeddings).count >= 1)
        }
    }

    @Test("the store sums what each job's stored scores cost; built-in scores cost nothing")
    func storedUsage() async throws {
        let env = try TestEnvironment(profiles: [])
        let store = try await env.openStore()
        _ = try await store.upsertATSJob(integration: "acme", externalId: "1", title: nil, description: nil, now: Date())
        for (i, adapter) in ["openai", "openai", "builtin"].enumerated() {
            let app = try await store.upsertApplication(
                integration: "acme", candidate: .init(externalId: "c\(i)"), application: nil, jobId: "acme:1", eventId: "e\(i)", now: Date())
            let cost = adapter == "builtin" ? 0 : 0.25
            let score = Score(total: 50, components: [], provenance: .init(
                adapter: adapter, model: "m", modelVersion: "1", criteriaId: "acme:1", criteriaVersion: 1, inputSHA256: "h\(i)",
                promptTokens: 100, completionTokens: 20, costUSD: cost))
            try await store.storeScore(ScoreRecord(applicationId: app.id, candidateId: app.candidateId, jobId: "acme:1", criteriaVersion: 1, score: score, yearsOfExperience: nil, createdAt: Date()))
        }
        let usage = try await store.modelUsageByJob()
        #expect(usage == ["acme:1": ModelUsage(scores: 2, promptTokens: 200, completionTokens: 40, costUSD: 0.5)])
    }
}
