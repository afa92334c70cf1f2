import Foundation
import ScreenerCore

/// Caches LLM scores so that the same input never pays twice.
///
/// The key is SHA-256 (hex) of the lines
///
///     screener-response-cache-v1, model, prompt template version, input hash,
///     criteria id, criteria version (or "-"), criteria content hash
///
/// joined by newlines. Values live in an in-memory LRU (`capacity` entries) and, when `directory`
/// is set, also on disk as one `<key>.json` file per entry, written atomically (temporary file and
/// rename), so several processes can share the folder. A disk entry that does not decode is a miss.
///
/// A hit is returned with the warning `cached` appended (`ResponseCache.cachedWarning`); its
/// provenance (tokens, cost, latency) is that of the original request, and the cost ledger is not
/// charged again.
public actor ResponseCache {
    public static let cachedWarning = "cached"

    public struct Key: Sendable, Hashable {
        public var model: String
        public var promptTemplateVersion: String
        public var inputSHA256: String
        public var criteriaId: String
        public var criteriaVersion: Int?
        public var criteriaContentSHA256: String

        public init(model: String, promptTemplateVersion: String, inputSHA256: String, criteria: JobCriteria) {
            self.model = model
            self.promptTemplateVersion = promptTemplateVersion
            self.inputSHA256 = inputSHA256
            self.criteriaId = criteria.id
            self.criteriaVersion = criteria.version
            self.criteriaContentSHA256 = InputHash.criteriaContent(criteria)
        }

        public var digest: String {
            InputHash.sha256([
                "screener-response-cache-v1", model, promptTemplateVersion, inputSHA256, criteriaId,
                criteriaVersion.map(String.init) ?? "-", criteriaContentSHA256,
            ].joined(separator: "\n"))
        }
    }

    private var memory: LRUStore<Score>
    public nonisolated let directory: URL?
    public private(set) var hits = 0
    public private(set) var misses = 0

    public init(capacity: Int = 4096, directory: URL? = nil) throws {
        memory = LRUStore(capacity: capacity)
        self.directory = directory
        if let d = directory {
            do {
                try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
            } catch {
                throw ScreenerError(.invalidConfiguration, "response cache directory cannot be created", cause: error)
            }
        }
    }

    /// The stored score, marked `cached`, or nil.
    public func get(_ key: Key) -> Score? {
        let k = key.digest
        var found = memory.get(k)
        if found == nil, let d = directory,
           let data = try? Data(contentsOf: d.appendingPathComponent(k + ".json")),
           let s = try? JSONDecoder().decode(Score.self, from: data) {
            memory.set(k, s)
            found = s
        }
        guard var s = found else { misses += 1; return nil }
        hits += 1
        if !s.warnings.contains(Self.cachedWarning) { s.warnings.append(Self.cachedWarning) }
        return s
    }

    public func put(_ key: Key, _ score: Score) {
        let k = key.digest
        memory.set(k, score)
        guard let d = directory else { return }
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        if let data = try? e.encode(score) {
            // Data.write(.atomic) writes a temporary file beside the target and renames it.
            try? data.write(to: d.appendingPathComponent(k + ".json"), options: .atomic)
        }
    }

    public var count: Int { memory.count }

    /// Erasure: drops every cached score of these inputs (`provenance.inputSHA256`), in memory and
    /// on disk, so an erased candidate's evidence quotes do not outlive the store's copy. Returns
    /// how many entries went.
    @discardableResult
    public func forget(inputSHA256s: Set<String>) -> Int {
        guard !inputSHA256s.isEmpty else { return 0 }
        var removed = memory.removeAll { inputSHA256s.contains($0.provenance.inputSHA256) }
        guard let d = directory,
              let files = try? FileManager.default.contentsOfDirectory(at: d, includingPropertiesForKeys: nil) else { return removed }
        for file in files where file.pathExtension == "json" {
            guard let data = try? Data(contentsOf: file), let s = try? JSONDecoder().decode(Score.self, from: data),
                  inputSHA256s.contains(s.provenance.inputSHA256) else { continue }
            if (try? FileManager.default.removeItem(at: file)) != nil { removed += 1 }
        }
        return removed
    }
}
