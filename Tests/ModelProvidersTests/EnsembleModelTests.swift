import Foundation
import ModelProviders
import ScreenerCore
import Testing

@Suite("EnsembleModel")
struct EnsembleModelTests {
    let a = FixedModel(total: 80, components: [.init(name: "x", weight: 1, score: 0.8, points: 40), .init(name: "y", weight: 1, score: 0.8, points: 40)],
                       knockouts: [.init(field: "work_authorization", outcome: .failed)], tokens: 100, cost: 0.5)
    let b = FixedModel(adapter: "other", total: 40, components: [.init(name: "embeddings", weight: 1, score: 0.4, points: 40)], tokens: 5, cost: 0.25)

    @Test("total = Σ wᵢ·totalᵢ / Σ wᵢ; components prefixed and rescaled; knockouts from the first")
    func arithmetic() async throws {
        let e = try EnsembleModel(members: [.init(a, weight: 3), .init(b, weight: 1)])
        let s = try await e.score(RedactedProfile(text: "x"), criteria: JobCriteria(id: "j", version: 2))
        #expect(abs(s.total - (3 * 80 + 1 * 40) / 4.0) < 1e-12)
        #expect(s.components.map(\.name) == ["fixed.x", "fixed.y", "other.embeddings"])
        #expect(s.components.map(\.weight) == [0.375, 0.375, 0.25])
        #expect(s.components.map(\.points) == [30, 30, 10])
        #expect(abs(s.components.map(\.points).reduce(0, +) - s.total) < 1e-12)
        #expect(s.knockouts == a.knockouts && s.knockedOut)
        #expect(s.warnings == ["fixed: w80", "other: w40"])
        #expect(s.provenance.adapter == "ensemble")
        #expect(s.provenance.model == "fixed:fixed-80×3+other:fixed-40×1")
        #expect(s.provenance.promptTokens == 105 && s.provenance.costUSD == 0.75)
        #expect(s.provenance.criteriaId == "j" && s.provenance.criteriaVersion == 2)
    }

    @Test("repeated adapters get #k prefixes")
    func prefixes() throws {
        let e = try EnsembleModel(members: [.init(a, weight: 1), .init(a, weight: 1), .init(b, weight: 1)])
        #expect(e.prefixes == ["fixed", "fixed#2", "other"])
    }

    @Test("invalid weights and empty member lists are refused")
    func invalid() {
        #expect(throws: ScreenerError.self) { try EnsembleModel(members: []) }
        #expect(throws: ScreenerError.self) { try EnsembleModel(members: [.init(a, weight: 0)]) }
        #expect(throws: ScreenerError.self) { try EnsembleModel(members: [.init(a, weight: -1)]) }
    }

    @Test("a failing member fails the ensemble; wrapped in a fallback it does not")
    func memberFailure() async throws {
        let broken = FixedModel(adapter: "openai", total: 0, components: [], error: ScreenerError(.modelFailed, "down"))
        let e = try EnsembleModel(members: [.init(a, weight: 1), .init(broken, weight: 1)])
        await #expect(throws: ScreenerError.self) { try await e.score(RedactedProfile(text: "x"), criteria: JobCriteria(id: "j")) }
        let safe = try EnsembleModel(members: [.init(a, weight: 1), .init(FallbackModel(primary: broken, fallback: b), weight: 1)])
        let s = try await safe.score(RedactedProfile(text: "x"), criteria: JobCriteria(id: "j"))
        #expect(s.total == 60)
        #expect(s.provenance.fallbackFrom == "openai:openai")
    }
}
