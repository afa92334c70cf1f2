import Foundation

/// Embedding vectors by SHA-256 of (model, text), in a bounded in-memory LRU, so that the criteria
/// text of a job and unchanged resume sections are embedded once.
public actor EmbeddingCache {
    private var lru: LRUStore<[Double]>
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init(capacity: Int = 20_000) { lru = LRUStore(capacity: capacity) }

    public static func key(model: String, text: String) -> String { InputHash.sha256("embedding-v1\n\(model)\n\(text)") }

    /// The cached vectors for `texts` (nil where missing).
    public func lookup(model: String, texts: [String]) -> [[Double]?] {
        texts.map { t in
            let v = lru.get(Self.key(model: model, text: t))
            if v == nil { misses += 1 } else { hits += 1 }
            return v
        }
    }

    public func store(model: String, text: String, vector: [Double]) {
        lru.set(Self.key(model: model, text: text), vector)
    }
}
