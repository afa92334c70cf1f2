import Foundation
import ScreenerCore

/// The `embeddings` adapter: any OpenAI-compatible `POST {baseURL}/embeddings` endpoint
/// (`{model, input: [strings]}`).
///
/// Texts: the criteria text `c` (title, description, then the required and preferred skill names,
/// one per line) and each resume section `s_i` of the redacted text (sections of kind `contact` and
/// `references` are skipped; without sections, the whole text is one section). Vectors are cached
/// per text (`EmbeddingCache`); only missing texts are sent, in one request.
///
/// Score: `cos(a, b) = a·b / (‖a‖ ‖b‖)` (0 when either norm is 0), and
///
///     s = clamp₀₁( max_i cos(c, s_i) )                 (aggregate .max, the default)
///     s = clamp₀₁( (1/n) Σ_i cos(c, s_i) )             (aggregate .mean)
///
/// The `Score` has one component `embeddings` (weight 1, score `s`) and `total = 100 · s`, so an
/// ensemble can use it as a component.
public struct OpenAIEmbeddingsModel: ScoringModel {
    public static let adapterID = "embeddings"
    public static let version = "1.0.0"
    static let skippedSections: Set<String> = ["contact", "references"]

    public enum Aggregate: String, Codable, Sendable { case max, mean }

    public var model: String
    public let client: ProviderClient
    public var prices: PriceTable
    public var aggregate: Aggregate
    public let cache: EmbeddingCache
    public let ledger: CostLedger?

    public init(model: String, client: ProviderClient, prices: PriceTable = PriceTable(), aggregate: Aggregate = .max, cache: EmbeddingCache = EmbeddingCache(), ledger: CostLedger? = nil) {
        self.model = model
        self.client = client
        self.prices = prices
        self.aggregate = aggregate
        self.cache = cache
        self.ledger = ledger
    }

    public var descriptor: ScoringModelDescriptor {
        .init(adapter: Self.adapterID, model: model, version: Self.version)
    }

    /// `a·b / (‖a‖ ‖b‖)`, 0 when a norm is 0 or the lengths differ.
    public static func cosine(_ a: [Double], _ b: [Double]) -> Double {
        guard a.count == b.count, !a.isEmpty else { return 0 }
        var dot = 0.0, na = 0.0, nb = 0.0
        for i in 0..<a.count { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i] }
        return na > 0 && nb > 0 ? dot / (na.squareRoot() * nb.squareRoot()) : 0
    }

    /// The criteria text that is embedded (see the type's documentation).
    public static func criteriaText(_ c: JobCriteria) -> String {
        var lines: [String] = []
        if let t = c.title, !t.isEmpty { lines.append(t) }
        if let d = c.description, !d.isEmpty { lines.append(d) }
        lines += (c.requiredSkills + c.preferredSkills).map(\.name)
        return lines.isEmpty ? c.id : lines.joined(separator: "\n")
    }

    /// The resume sections that are embedded, as (kind, text).
    public static func sectionTexts(_ p: RedactedProfile) -> [(String, String)] {
        let scalars = Array(p.text.unicodeScalars)
        var out: [(String, String)] = []
        for s in p.sections.sorted(by: { $0.range.start < $1.range.start }) where !skippedSections.contains(s.kind) {
            let a = max(0, min(s.range.start, scalars.count)), b = max(a, min(s.range.end, scalars.count))
            let t = String(String.UnicodeScalarView(scalars[a..<b])).trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty { out.append((s.kind, t)) }
        }
        if out.isEmpty {
            let t = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty { out.append(("text", t)) }
        }
        return out
    }

    struct Reply: Decodable {
        struct Item: Decodable { var embedding: [Double]; var index: Int }
        struct Usage: Decodable { var prompt_tokens: Int? }
        var data: [Item]
        var model: String?
        var usage: Usage?
    }

    /// Vectors for `texts`, from the cache or one request for the missing ones; also the tokens
    /// and cost spent.
    public func embed(_ texts: [String], job: String) async throws -> (vectors: [[Double]], promptTokens: Int, costUSD: Double) {
        var vectors = await cache.lookup(model: model, texts: texts)
        var missing: [Int] = []
        var seen: [String: Int] = [:]
        for (i, v) in vectors.enumerated() where v == nil && seen[texts[i]] == nil {
            seen[texts[i]] = missing.count
            missing.append(i)
        }
        guard !missing.isEmpty else { return (vectors.map { $0! }, 0, 0) }
        let inputs = missing.map { texts[$0] }
        let price = prices.price(for: model)
        if let ledger {
            let bytes = inputs.map(\.utf8.count).reduce(0, +)
            try await ledger.authorize(job: job, estimatedCostUSD: price?.cost(promptTokens: (bytes + 3) / 4, completionTokens: 0) ?? 0)
        }
        let body = try JSONSerialization.data(withJSONObject: ["model": model, "input": inputs] as [String: Any], options: [.sortedKeys])
        let reply = try await client.post("embeddings", body: body)
        guard let decoded = try? JSONDecoder().decode(Reply.self, from: reply.body) else {
            throw ScreenerError(.modelFailed, "embeddings reply is not an embeddings list")
        }
        let tokens = decoded.usage?.prompt_tokens ?? 0
        let cost = price?.cost(promptTokens: tokens, completionTokens: 0) ?? 0
        if let ledger { await ledger.record(job: job, promptTokens: tokens, completionTokens: 0, costUSD: cost) }
        let byIndex = Dictionary(decoded.data.map { ($0.index, $0.embedding) }, uniquingKeysWith: { a, _ in a })
        guard byIndex.count == inputs.count, (0..<inputs.count).allSatisfy({ byIndex[$0] != nil }) else {
            throw ScreenerError(.modelFailed, "embeddings reply has \(decoded.data.count) vectors for \(inputs.count) inputs")
        }
        let dims = byIndex[0]!.count
        guard dims > 0, byIndex.values.allSatisfy({ $0.count == dims && $0.allSatisfy(\.isFinite) }) else {
            throw ScreenerError(.modelFailed, "embeddings reply has empty, ragged or non-finite vectors")
        }
        for (j, i) in missing.enumerated() { await cache.store(model: model, text: texts[i], vector: byIndex[j]!) }
        for i in vectors.indices where vectors[i] == nil { vectors[i] = byIndex[seen[texts[i]]!]! }
        return (vectors.map { $0! }, tokens, cost)
    }

    public func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
        let started = ContinuousClock.now
        let sections = Self.sectionTexts(profile)
        let criteriaText = Self.criteriaText(criteria)
        var s = 0.0
        var best: (String, Double)? = nil
        var tokens = 0, cost = 0.0
        if !sections.isEmpty {
            let r = try await embed([criteriaText] + sections.map(\.1), job: criteria.id)
            tokens = r.promptTokens; cost = r.costUSD
            let sims = r.vectors.dropFirst().map { Self.cosine(r.vectors[0], $0) }
            for (i, c) in sims.enumerated() where best == nil || c > best!.1 { best = (sections[i].0, c) }
            let agg = aggregate == .max ? (sims.max() ?? 0) : sims.reduce(0, +) / Double(sims.count)
            s = min(1, max(0, agg))
        }
        let elapsed = ContinuousClock.now - started
        let detail = best.map { "best section: \($0.0) (cosine \(String(format: "%.3f", $0.1)))" } ?? "no resume text"
        return Score(
            total: 100 * s,
            components: [.init(name: "embeddings", weight: 1, score: s, points: 100 * s)],
            criteria: [.init(kind: "keywords", name: "semantic similarity (embeddings)", status: OpenAIChatModel.status(s), credit: s, detail: detail)],
            warnings: sections.isEmpty ? ["profile has no text to embed"] : [],
            provenance: ScoreProvenance(
                adapter: Self.adapterID, model: model, modelVersion: Self.version, criteriaId: criteria.id,
                criteriaVersion: criteria.version, inputSHA256: InputHash.profile(profile),
                latencyMs: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15,
                promptTokens: tokens, costUSD: cost, redactionPolicyVersion: profile.policyVersion))
    }
}
