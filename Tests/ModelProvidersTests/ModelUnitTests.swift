import Foundation
import ModelProviders
import ScreenerCore
import Testing

@Suite("Retry schedule, prices, caches, ledger, evidence")
struct ModelUnitTests {
    @Test("backoff doubles up to the cap and stops at maxAttempts")
    func backoff() {
        let p = RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(500), maxDelay: .seconds(2))
        #expect((1...5).map { p.delay(afterAttempt: $0) } == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(2), nil])
        #expect(p.delay(afterAttempt: 1, retryAfter: .seconds(7)) == .seconds(7))
        #expect(p.delay(afterAttempt: 1, retryAfter: .seconds(600)) == .seconds(60), "Retry-After is capped")
        #expect(p.delay(afterAttempt: 5, retryAfter: .seconds(1)) == nil)
    }

    @Test("Retry-After: delta-seconds and HTTP-date")
    func retryAfter() {
        #expect(RetryPolicy.parseRetryAfter("2") == .seconds(2))
        #expect(RetryPolicy.parseRetryAfter(" 0.25 ") == .milliseconds(250))
        #expect(RetryPolicy.parseRetryAfter(nil) == nil)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        #expect(RetryPolicy.parseRetryAfter("-3") == nil)
        let now = Date(timeIntervalSince1970: 1_445_412_480) // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == .zero)
    }

    @Test("price lookup by exact name, then longest prefix; cost per 1M tokens")
    func prices() {
        let t = PriceTable(["gpt-4o": .init(input: 2.5, output: 10), "gpt-4o-mini": .init(input: 0.15, output: 0.6)])
        #expect(t.price(for: "gpt-4o-mini-2024-07-18") == .init(input: 0.15, output: 0.6))
        #expect(t.price(for: "gpt-4o-2024-08-06") == .init(input: 2.5, output: 10))
        #expect(t.price(for: "llama3") == nil)
        #expect(ModelPrice(input: 2.5, output: 10).cost(promptTokens: 2_000_000, completionTokens: 100_000) == 6)
    }

    @Test("LRU evicts the least recently used entry")
    func lru() {
        var s = LRUStore<Int>(capacity: 2)
        s.set("a", 1); s.set("b", 2)
        #expect(s.get("a") == 1)
        s.set("c", 3)
        #expect(s.contains("a") && s.contains("c") && !s.contains("b"))
        #expect(s.count == 2)
    }

    @Test("ledger: budget per job, default budget, refusals counted")
    func ledger() async throws {
        let l = CostLedger(defaultBudgetUSD: 1, budgets: ["big": 10])
        try await l.authorize(job: "a", estimatedCostUSD: 0.5)
        await l.record(job: "a", promptTokens: 10, completionTokens: 5, costUSD: 0.9)
        await #expect(throws: ScreenerError.self) { try await l.authorize(job: "a", estimatedCostUSD: 0.2) }
        try await l.authorize(job: "a", estimatedCostUSD: 0.1)
        await l.record(job: "a", promptTokens: 1, completionTokens: 1, costUSD: 0.1)
        let e = await #expect(throws: ScreenerError.self) { try await l.authorize(job: "a") }
        #expect(e?.code == .budgetExceeded)
        try await l.authorize(job: "big", estimatedCostUSD: 5)
        #expect(await l.usage(job: "a").refusals == 2)
        #expect(await l.usage(job: "a").requests == 2)
        let unlimited = CostLedger()
        try await unlimited.authorize(job: "x", estimatedCostUSD: 1e9)
    }

    @Test("response cache key changes with each part")
    func cacheKey() {
        let c = JobCriteria(id: "j", version: 1, requiredSkills: [.init(name: "Swift")])
        let k = ResponseCache.Key(model: "m", promptTemplateVersion: "p", inputSHA256: "h", criteria: c)
        var c2 = c
        c2.requiredSkills.append(.init(name: "Go"))
        var c3 = c
        c3.version = 2
        let others = [
            ResponseCache.Key(model: "m2", promptTemplateVersion: "p", inputSHA256: "h", criteria: c),
            ResponseCache.Key(model: "m", promptTemplateVersion: "p2", inputSHA256: "h", criteria: c),
            ResponseCache.Key(model: "m", promptTemplateVersion: "p", inputSHA256: "h2", criteria: c),
            ResponseCache.Key(model: "m", promptTemplateVersion: "p", inputSHA256: "h", criteria: c2),
            ResponseCache.Key(model: "m", promptTemplateVersion: "p", inputSHA256: "h", criteria: c3),
        ]
        #expect(Set(others.map(\.digest)).count == 5)
        #expect(!others.map(\.digest).contains(k.digest))
        #expect(k.digest == ResponseCache.Key(model: "m", promptTemplateVersion: "p", inputSHA256: "h", criteria: c).digest)
    }

    @Test("erasure: the response cache forgets every score of the given inputs, in memory and on disk, and keeps the rest")
    func cacheForget() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = JobCriteria(id: "j", version: 1, requiredSkills: [.init(name: "Swift")])
        func score(_ input: String) -> Score {
            Score(total: 50, components: [], provenance: .init(adapter: "openai", model: "m", modelVersion: "1", criteriaId: "j", criteriaVersion: 1, inputSHA256: input))
        }
        func key(_ input: String, model: String = "m") -> ResponseCache.Key {
            ResponseCache.Key(model: model, promptTemplateVersion: "p", inputSHA256: input, criteria: c)
        }
        let cache = try ResponseCache(directory: dir)
        await cache.put(key("erased"), score("erased"))
        await cache.put(key("erased", model: "m2"), score("erased"))
        await cache.put(key("kept"), score("kept"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 3)
        #expect(await cache.forget(inputSHA256s: ["erased"]) == 4)  // two in memory, two files
        #expect(await cache.get(key("erased")) == nil)
        #expect(await cache.get(key("erased", model: "m2")) == nil)
        #expect(await cache.get(key("kept"))?.provenance.inputSHA256 == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).count == 1)
        // A fresh process reading the same folder finds nothing of the erased inputs either.
        let reopened = try ResponseCache(directory: dir)
        #expect(await reopened.get(key("erased")) == nil)
        #expect(await reopened.get(key("kept")) != nil)
    }

    @Test("evidence locator: exact, relaxed, too short, absent")
    func locator() {
        let text = "Zürich — Led   the\nplatform team.\nSQL"
        let l = EvidenceLocator(text: text, sections: [.init(kind: "experience", range: TextRange(start: 0, end: 34))])
        let exact = l.locate("“Led   the”")
        #expect(exact?.range == TextRange(start: 9, end: 18))
        #expect(exact?.quote == "Led   the")
        #expect(exact?.section == "experience")
        let relaxed = l.locate("led the platform TEAM")
        #expect(relaxed?.quote == "Led   the\nplatform team")
        #expect(relaxed?.range.start == 9)
        #expect(l.locate("SQ") == nil)
        #expect(l.locate("Led the marketing team") == nil)
    }

    @Test("rubric reply validation")
    func rubricValidation() throws {
        let items = RubricItem.items(for: ModelFixtures.criteria)
        #expect(items.map(\.id) == ["R1", "R2", "P1", "X", "F"])
        let ok = try RubricReply.parse(ModelFixtures.standardReply, items: items)
        #expect(ok.count == 5)
        let dup = ModelFixtures.rubricJSON([("R1", 1, []), ("R1", 1, []), ("R2", 1, []), ("P1", 1, []), ("X", 1, []), ("F", 1, [])])
        #expect(throws: RubricReply.Violation.self) { try RubricReply.parse(dup, items: items) }
        let unknown = ModelFixtures.rubricJSON([("R1", 1, []), ("R2", 1, []), ("P1", 1, []), ("X", 1, []), ("F", 1, []), ("Z9", 1, [])])
        #expect(throws: RubricReply.Violation.self) { try RubricReply.parse(unknown, items: items) }
        let negative = ModelFixtures.rubricJSON([("R1", -0.1, []), ("R2", 1, []), ("P1", 1, []), ("X", 1, []), ("F", 1, [])])
        #expect(throws: RubricReply.Violation.self) { try RubricReply.parse(negative, items: items) }
    }
}
