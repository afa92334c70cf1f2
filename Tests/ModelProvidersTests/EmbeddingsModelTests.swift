import Foundation
import ModelProviders
import ScreenerCore
import ScreenerTestSupport
import Testing

@Suite("OpenAIEmbeddingsModel")
struct EmbeddingsModelTests {
    @Test("cosine similarity of hand-computed vectors", arguments: [
        ([1.0, 0, 0], [1.0, 1, 0], 1 / 2.0.squareRoot()),
        ([1.0, 0, 0], [3.0, 4, 0], 0.6),
        ([1.0, 2, 3], [-1.0, -2, -3], -1.0),
        ([1.0, 0], [0.0, 1], 0.0),
        ([0.0, 0], [1.0, 1], 0.0),
        ([1.0, 2], [1.0, 2, 3], 0.0),
    ])
    func cosine(_ a: [Double], _ b: [Double], _ expected: Double) {
        #expect(abs(OpenAIEmbeddingsModel.cosine(a, b) - expected) < 1e-12)
    }

    static let text = "Summary\nBackend engineer.\nExperience\nBuilt APIs.\nSkills\nSwift, SQL\n"
    static var profile: RedactedProfile {
        RedactedProfile(text: text, sections: ModelFixtures.sections(text, headings: [("summary", "Summary"), ("experience", "Experience"), ("skills", "Skills")]))
    }

    @Test("score is the best section's cosine (max) or the mean, × 100; vectors are cached per text")
    func scoreAndCache() async throws {
        try await FakeOpenAIServer.withServer { server in
            // Given vectors: criteria [1,0,0]; summary [1,1,0] (cos 1/√2); experience [0,1,0] (0); skills [3,4,0] (0.6)
            await server.setDefault(.embeddings([[1, 0, 0], [1, 1, 0], [0, 1, 0], [3, 4, 0]], promptTokens: 40), for: .embeddings)
            let cache = EmbeddingCache()
            let client = ModelFixtures.client(server)
            let model = OpenAIEmbeddingsModel(model: "emb-test", client: client, prices: PriceTable(["emb-test": .init(input: 0.02, output: 0)]), cache: cache)
            // When scored
            let s = try await model.score(Self.profile, criteria: ModelFixtures.criteria)
            // Then the single component is the max cosine
            #expect(s.components.count == 1 && s.components[0].name == "embeddings")
            #expect(abs(s.total - 100 / 2.0.squareRoot()) < 1e-9)
            #expect(s.criteria.first?.detail?.contains("summary") == true)
            #expect(s.provenance.adapter == "embeddings" && s.provenance.promptTokens == 40)
            #expect(abs(s.provenance.costUSD - 40 * 0.02 / 1e6) < 1e-15)
            let sent = try #require(await server.requests(.embeddings).first?.json)
            let input = try #require(sent["input"] as? [String])
            #expect(input.count == 4)
            #expect(input[0] == OpenAIEmbeddingsModel.criteriaText(ModelFixtures.criteria))
            #expect(input[1] == "Summary\nBackend engineer.")
            // And the mean aggregate reuses the cache: no second request
            let mean = OpenAIEmbeddingsModel(model: "emb-test", client: client, aggregate: .mean, cache: cache)
            let m = try await mean.score(Self.profile, criteria: ModelFixtures.criteria)
            #expect(abs(m.total - 100 * (1 / 2.0.squareRoot() + 0 + 0.6) / 3) < 1e-9)
            #expect(await server.requests(.embeddings).count == 1)
        }
    }

    @Test("only texts missing from the cache are sent")
    func partialCache() async throws {
        try await FakeOpenAIServer.withServer { server in
            await server.setDefault(.embeddingsBy({ inputs in inputs.map { [Double($0.count), 1] } }), for: .embeddings)
            let model = OpenAIEmbeddingsModel(model: "emb-test", client: ModelFixtures.client(server))
            _ = try await model.score(Self.profile, criteria: ModelFixtures.criteria)
            let other = RedactedProfile(text: "Experience\nBuilt APIs.\nOther\nSomething new here\n",
                                        sections: ModelFixtures.sections("Experience\nBuilt APIs.\nOther\nSomething new here\n", headings: [("experience", "Experience"), ("other", "Other")]))
            _ = try await model.score(other, criteria: ModelFixtures.criteria)
            let second = try #require(await server.requests(.embeddings).last?.json?["input"] as? [String])
            #expect(second == ["Other\nSomething new here"])
        }
    }

    @Test("a reply with the wrong number of vectors is model_failed")
    func wrongCount() async throws {
        try await FakeOpenAIServer.withServer { server in
            await server.setDefault(.embeddingsBy({ _ in [[1, 0]] }), for: .embeddings)
            let model = OpenAIEmbeddingsModel(model: "emb-test", client: ModelFixtures.client(server))
            let error = await #expect(throws: ScreenerError.self) { try await model.score(Self.profile, criteria: ModelFixtures.criteria) }
            #expect(error?.code == .modelFailed)
        }
    }
}
