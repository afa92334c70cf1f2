import Foundation
import ScreenerCore

/// A job's criteria resolved once against the taxonomy and the BM25 corpus, so that scoring a
/// profile is a few binary searches and one merge of sorted term lists. Build with
/// `BuiltinModel.prepare(_ criteria:)`.
///
/// Query term weights: `q_t = 1 + ln c_t` for a term that occurs `c_t` times in title and
/// description; a word of a skill or certification name that the text lacks adds `q_t = 1`. (Extra
/// boosts for title and skill words lowered retrieval quality in `scripts/quality`, so there are
/// none.) Stored pre-multiplied as `q_t · idf(t) · (k1 + 1)`.
public final class PreparedCriteria: Sendable {
    public let criteria: JobCriteria
    public let weights: ScoreWeights
    let required: [PreparedSkill]
    let preferred: [PreparedSkill]
    let queryHashes: [UInt64]
    let queryWeights: [Float]
    let queryTerms: [String]
    /// `Σ_t q_t · idf(t) · (k1 + 1)`: the BM25 value of a document that saturates every term.
    let maxLexical: Float
    let averageLength: Float
    let certifications: [(name: String, tokens: [UInt64])]
    /// Required then preferred skills, flattened for the allocation- and refcount-free fast path.
    let flat: FlatSkills

    /// Parallel arrays over `required + preferred` (index `i`); `keys`, `tokens` and `related` hold
    /// the i-th skill's entries at `keyStart[i]..<keyStart[i+1]` and likewise.
    struct FlatSkills: Sendable {
        var requiredCount = 0
        var weight: [Double] = []
        var minYears: [Double] = []
        var keys: [UInt64] = [], keyStart: [Int] = [0]
        var tokens: [UInt64] = [], tokenStart: [Int] = [0]
        var related: [UInt64] = [], relatedStart: [Int] = [0]
        init() {}
        init(_ req: [PreparedSkill], _ pref: [PreparedSkill]) {
            requiredCount = req.count
            for s in req + pref {
                weight.append(s.weight)
                minYears.append(s.minYears ?? 3)
                keys += s.keys; keyStart.append(keys.count)
                tokens += s.tokens; tokenStart.append(tokens.count)
                related += s.relatedKeys; relatedStart.append(related.count)
            }
        }
    }
    let languages: [(key: UInt64, name: String, level: Int)]

    struct PreparedSkill: Sendable {
        var name: String
        var keys: [UInt64]
        var relatedKeys: [UInt64]
        var relatedNames: [String]
        var tokens: [UInt64]
        var weight: Double
        var minYears: Double?
    }

    /// A phrase's mention keys: the unigram hash for one word (looked up in the terms), else the
    /// bigram hashes of its adjacent words (looked up in the bigrams; flagged by the top bit).
    static func phraseKeys(_ s: String) -> [UInt64] {
        let h = TextTokenizer.tokens(s).map(\.hash)
        if h.count <= 1 { return h }
        return zip(h, h.dropFirst()).map { TextTokenizer.bigram($0, $1) | (1 << 63) }
    }

    init(_ c: JobCriteria, taxonomy: SkillTaxonomy, corpus: BM25Corpus, k1: Double) {
        criteria = c
        weights = c.weights ?? .default
        func prep(_ r: JobCriteria.SkillRequirement) -> PreparedSkill {
            var keys = [SkillKey.name(r.name)]
            var rel: [UInt64] = [], relNames: [String] = []
            if let e = taxonomy.lookup(r.name) {
                keys.append(SkillKey.id(e.id))
                keys.append(SkillKey.name(e.name))
                keys += e.aliases.map(SkillKey.name)
                for x in taxonomy.related(to: e.id) {
                    rel.append(SkillKey.id(x.id))
                    relNames.append(x.name)
                }
            }
            return PreparedSkill(name: r.name, keys: Array(Set(keys)), relatedKeys: rel, relatedNames: relNames,
                                 tokens: Self.phraseKeys(r.name),
                                 weight: max(0, r.weight ?? 1), minYears: r.minYears)
        }
        required = c.requiredSkills.map(prep)
        preferred = c.preferredSkills.map(prep)
        flat = FlatSkills(required, preferred)

        var q: [UInt64: Double] = [:]
        var names: [UInt64: String] = [:]
        // Title and description, with log-damped counts.
        var counts: [UInt64: Int] = [:]
        for text in [c.title, c.description].compactMap({ $0 }) {
            for t in TextTokenizer.tokens(text) { counts[t.hash, default: 0] += 1; names[t.hash] = t.term }
        }
        for (h, n) in counts { q[h] = 1 + log(Double(n)) }
        // Skill, certification and language names add their words once, when the text lacks them.
        for text in c.requiredSkills.map(\.name) + c.preferredSkills.map(\.name) + c.certifications {
            for t in TextTokenizer.tokens(text) where q[t.hash] == nil { q[t.hash] = 1; names[t.hash] = t.term }
        }
        let hs = q.keys.sorted()
        queryHashes = hs
        queryWeights = hs.map { Float(q[$0]! * corpus.idf($0) * (k1 + 1)) }
        queryTerms = hs.map { names[$0] ?? "" }
        maxLexical = queryWeights.reduce(0, +)
        averageLength = Float(corpus.averageLength)
        certifications = c.certifications.map { ($0.lowercased(), Self.phraseKeys($0)) }
        languages = c.languages.map { (SkillKey.name($0.language), $0.language, CEFR.rank($0.level) ?? 1) }
    }
}
