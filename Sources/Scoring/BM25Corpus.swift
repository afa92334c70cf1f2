import Foundation
import ScreenerCore

/// Corpus statistics for BM25: document count `N`, document frequency `n_t` per term and average
/// (section-weighted) document length. Either counted from a set of prepared profiles, or the
/// built-in default (`BM25Corpus.default`), which needs no corpus:
///
///     idf(t) = ln(1 + (N − n_t + 0.5) / (n_t + 0.5))          (Robertson–Spärck Jones, BM25+ form ≥ 0)
///
/// The default takes `N = 1000`, `n_t = 300` for common resume and job-ad vocabulary
/// (`DefaultVocabulary.common`), and `n_t = 15` for every other term, and `avgdl = 400`.
public struct BM25Corpus: Sendable {
    public var documentCount: Double
    public var averageLength: Double
    private var df: [UInt64: Double]
    private var defaultDF: Double

    public init(documentCount: Double, averageLength: Double, documentFrequency: [UInt64: Double], defaultDF: Double) {
        self.documentCount = documentCount
        self.averageLength = averageLength
        self.df = documentFrequency
        self.defaultDF = defaultDF
    }

    public static let `default`: BM25Corpus = {
        var df: [UInt64: Double] = [:]
        for w in DefaultVocabulary.common { df[TextTokenizer.fnv1a(TextTokenizer.stem(w))] = 300 }
        return BM25Corpus(documentCount: 1000, averageLength: 400, documentFrequency: df, defaultDF: 15)
    }()

    /// Counts document frequencies over `profiles`. Unseen terms get `n_t = 0.5`.
    public init(profiles: [PreparedProfile]) {
        var df: [UInt64: Double] = [:]
        var total = 0.0
        for p in profiles {
            total += Double(p.length)
            for h in p.termHashes { df[h, default: 0] += 1 }
        }
        let n = Double(max(1, profiles.count))
        self.init(documentCount: n, averageLength: max(1, total / n), documentFrequency: df, defaultDF: 0.5)
    }

    public func idf(_ hash: UInt64) -> Double {
        let n = df[hash] ?? defaultDF
        return log(1 + (documentCount - n + 0.5) / (n + 0.5))
    }
}
