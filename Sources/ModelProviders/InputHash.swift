import Crypto
import Foundation
import Scoring
import ScreenerCore

/// Hashes for provenance and cache keys.
public enum InputHash {
    /// A builtin model over an empty taxonomy: only its profile preparation is used, which does not
    /// touch the taxonomy.
    private static let hasher = BuiltinModel(taxonomy: SkillTaxonomy(version: "none", entries: []))

    /// SHA-256 (hex) of the redacted profile's canonical serialization: the same value the builtin
    /// adapter records (`PreparedProfile.inputSHA256`), so every adapter names one input alike.
    public static func profile(_ p: RedactedProfile) -> String { hasher.prepare(p).inputSHA256 }

    /// SHA-256 (hex) of the criteria content: their JSON with sorted keys and `version` removed
    /// (the version is keyed separately), so that an edit without a version bump still misses.
    public static func criteriaContent(_ c: JobCriteria) -> String {
        var c = c
        c.version = nil
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return sha256((try? e.encode(c)) ?? Data())
    }

    public static func sha256(_ data: Data) -> String { SHA256.hash(data: data).lowercaseHex }
    public static func sha256(_ s: String) -> String { sha256(Data(s.utf8)) }
}
