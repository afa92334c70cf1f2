import Foundation
import ScreenerCore

/// A redacted profile turned into the flat, sorted arrays the built-in model scores against, once
/// per profile. Build with `BuiltinModel.prepare(_ profile:)`.
///
/// - Terms: sorted unique FNV-1a hashes with their section-weighted term frequency
///   `tf(t) = Σ_s w_s · tf_s(t)` (BM25F-style; `sectionWeights`), and length `|d| = Σ_s w_s · len_s`,
///   plus the job titles of the work history as a field of their own (`titleWeight`).
/// - Skills: sorted keys (`id:<taxonomy id>`, `name:<normalized name>`) with months used and months
///   since last use (−1 when unknown).
public final class PreparedProfile: Sendable {
    public let profile: RedactedProfile
    /// SHA-256 (hex) of the profile's canonical JSON: the model input hash in provenance.
    public let inputSHA256: String
    let termHashes: [UInt64]
    let termFreqs: [Float]
    /// Scalar offset of each term's first mention (for evidence quotes).
    let termFirst: [Int32]
    public let length: Float
    let skillKeys: [UInt64]
    /// 1024-bit Bloom filter over `skillKeys` and 4096-bit over `termHashes`: most lookups are
    /// misses, and a bit test is far cheaper than a binary search.
    let skillBloom: [UInt64]
    let termBloom: [UInt64]
    /// Sorted hashes of adjacent token pairs (`TextTokenizer.bigram`), so that a multi-word phrase
    /// counts as mentioned only when its words are adjacent.
    let bigrams: [UInt64]
    let bigramBloom: [UInt64]
    let skillMonths: [Int32]
    let skillSince: [Int32]
    let skillIndex: [Int32]
    /// Highest education level rank (`EducationLevel.rank`), −1 when unknown.
    let educationRank: Int
    let educationAreas: [String]
    let experienceMonths: Int
    /// False when the parser found no work history at all (experience then scores 0.5, unknown).
    let experienceKnown: Bool
    let certificates: [String]
    let languageKeys: [UInt64]
    let languageLevels: [Int]

    /// Section weights for lexical relevance, by `ParsedResume.Section.kind`; text outside any
    /// section weighs 1.
    public static let sectionWeights: [String: Float] = [
        "summary": 1.0, "experience": 1.0, "skills": 1.3, "projects": 1.0, "certifications": 1.0,
        "education": 0.6, "languages": 0.5, "awards": 0.6, "volunteer": 0.6, "interests": 0.3,
        "references": 0, "contact": 0, "other": 1.0,
    ]

    /// Weight of the job-title field: the words of every position in the work history count this
    /// many times more, on top of their place in the text. A candidate who has held the role a job
    /// names matches it more strongly than one whose text only mentions its words (on the
    /// livecareer set, `scripts/quality`, NDCG@10 rose from 0.468 to 0.485; weights 2–8 gave
    /// 0.481–0.487).
    public static let titleWeight: Float = 4

    /// A title's weight fades with the months since that job ended: 1 for a current or recent role,
    /// `e^{−(m−12)/60}` after the first year, never below 0.3; 1 when the end is unknown.
    static func titleRecency(monthsSinceEnd m: Int?) -> Float {
        guard let m, m > 12 else { return 1 }
        return max(0.3, Float(exp(-Double(m - 12) / 60)))
    }

    init(_ p: RedactedProfile) {
        profile = p
        inputSHA256 = SHA256Hex.hex(of: Self.canonicalBytes(p))

        // Terms, weighted by section.
        let secs = p.sections.sorted { $0.range.start < $1.range.start }
        var tf: [UInt64: Float] = [:]
        var first: [UInt64: Int32] = [:]
        var len: Float = 0
        var si = 0
        var pairs = Set<UInt64>()
        var prev: UInt64? = nil
        for tok in TextTokenizer.tokens(p.text) {
            if let pv = prev { pairs.insert(TextTokenizer.bigram(pv, tok.hash) & ~(1 << 63)) }
            prev = tok.hash
            while si < secs.count, secs[si].range.end <= tok.range.start { si += 1 }
            var w: Float = 1
            if si < secs.count, secs[si].range.start <= tok.range.start {
                w = Self.sectionWeights[secs[si].kind] ?? 1
            }
            if w == 0 { continue }
            tf[tok.hash, default: 0] += w
            if first[tok.hash] == nil { first[tok.hash] = Int32(tok.range.start) }
            len += w
        }
        // Job titles: a second field, as in BM25F. The words of each position held count again,
        // weighted `titleWeight` and faded with the time since the job ended (`titleRecency`).
        for w in p.work {
            guard let position = w.position else { continue }
            let f = Self.titleWeight * Self.titleRecency(monthsSinceEnd: w.monthsSinceEnd)
            for tok in TextTokenizer.tokens(position) {
                tf[tok.hash, default: 0] += f
                if first[tok.hash] == nil { first[tok.hash] = Int32(w.range?.start ?? 0) }
                len += f
            }
        }
        let terms = tf.keys.sorted()
        termHashes = terms
        termFreqs = terms.map { tf[$0]! }
        termFirst = terms.map { first[$0]! }
        length = len

        // Skills.
        var keyed: [(UInt64, Int32, Int32, Int32)] = []
        for (i, s) in p.skills.enumerated() {
            let m = Int32(s.monthsUsed ?? -1), since = Int32(s.monthsSinceLastUsed ?? -1)
            if let id = s.id { keyed.append((SkillKey.id(id), m, since, Int32(i))) }
            keyed.append((SkillKey.name(s.name), m, since, Int32(i)))
        }
        keyed.sort { $0.0 < $1.0 }
        skillKeys = keyed.map(\.0)
        var sb = [UInt64](repeating: 0, count: 16), tb = [UInt64](repeating: 0, count: 64)
        for k in skillKeys { let b = Self.bloomBit(k, 1023); sb[b >> 6] |= 1 << UInt64(b & 63) }
        for k in terms { let b = Self.bloomBit(k, 4095); tb[b >> 6] |= 1 << UInt64(b & 63) }
        skillBloom = sb
        termBloom = tb
        bigrams = pairs.sorted()
        var bb = [UInt64](repeating: 0, count: 64)
        for k in bigrams { let b = Self.bloomBit(k, 4095); bb[b >> 6] |= 1 << UInt64(b & 63) }
        bigramBloom = bb
        skillMonths = keyed.map(\.1)
        skillSince = keyed.map(\.2)
        skillIndex = keyed.map(\.3)

        var edu = p.education.compactMap { $0.level?.rank }.max() ?? -1
        if edu < 0 { edu = EducationLevelDetector.highestLevel(in: p.text)?.rank ?? -1 }
        educationRank = edu
        educationAreas = p.education.compactMap { $0.area?.lowercased() }
        experienceMonths = p.totalExperienceMonths
        experienceKnown = p.totalExperienceMonths > 0 || !p.work.isEmpty
        certificates = p.certificates.map { $0.lowercased() }
        languageKeys = p.languages.map { SkillKey.name($0.language) }
        languageLevels = p.languages.map { CEFR.rank($0.cefr ?? $0.fluency) ?? 0 }
    }

    /// The model input as canonical bytes for the input hash: every field of the profile in a fixed
    /// order, unit-separated, except the original offsets of its redactions, which only the audit
    /// trail needs (they differ with the length of what was removed).
    static func canonicalBytes(_ p: RedactedProfile) -> Data {
        var o: [String] = ["screener-profile-v1", p.policyVersion, p.text, String(p.totalExperienceMonths)]
        func r(_ t: TextRange?) -> String { t.map { "\($0.start)-\($0.end)" } ?? "" }
        for s in p.sections { o += ["S", s.kind, s.heading ?? "", r(s.range)] }
        for w in p.work { o += ["W", w.position ?? "", w.organization ?? "", w.durationMonths.map(String.init) ?? "", w.monthsSinceEnd.map(String.init) ?? "", w.isCurrent ? "1" : "0", r(w.range)] }
        for e in p.education { o += ["E", e.level?.rawValue ?? "", e.area ?? "", e.studyType ?? "", r(e.range)] }
        for k in p.skills {
            o += ["K", k.name, k.id ?? "", k.category ?? "", k.monthsUsed.map(String.init) ?? "", k.monthsSinceLastUsed.map(String.init) ?? ""]
            for e in k.evidence { o += [r(e.range), e.section ?? ""] }
        }
        for l in p.languages { o += ["L", l.language, l.fluency ?? "", l.cefr ?? ""] }
        for c in p.certificates { o += ["C", c] }
        for x in p.redactions { o += ["R", x.kind, r(x.replacement)] }
        return Data(o.joined(separator: "\u{1F}").utf8)
    }

    @inline(__always)
    static func bloomBit(_ h: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (h >> 37) ^ (h >> 11)) & mask }

    /// Binary search in the term list; the section-weighted tf or 0.
    @inline(__always)
    func tf(_ h: UInt64) -> Float {
        let bit = Self.bloomBit(h, 4095)
        if termBloom[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return 0 }
        var lo = 0, hi = termHashes.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if termHashes[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        return lo < termHashes.count && termHashes[lo] == h ? termFreqs[lo] : 0
    }

    /// A phrase key (`PreparedCriteria.phraseKeys`): a bigram when the top bit is set, else a term.
    @inline(__always)
    func mentions(_ key: UInt64) -> Bool {
        key >> 63 == 1 ? hasBigram(key & ~(1 << 63)) : tf(key) > 0
    }

    /// True when the adjacent pair hash occurs.
    @inline(__always)
    func hasBigram(_ h: UInt64) -> Bool {
        let bit = Self.bloomBit(h, 4095)
        if bigramBloom[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return false }
        var lo = 0, hi = bigrams.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if bigrams[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        return lo < bigrams.count && bigrams[lo] == h
    }

    /// Offset of the first mention of a term, or nil.
    func firstOffset(_ h: UInt64) -> Int? {
        var lo = 0, hi = termHashes.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if termHashes[mid] < h { lo = mid + 1 } else { hi = mid }
        }
        return lo < termHashes.count && termHashes[lo] == h ? Int(termFirst[lo]) : nil
    }

    /// Index in the skill arrays of `key`, or −1.
    @inline(__always)
    func skillSlot(_ key: UInt64) -> Int {
        let bit = Self.bloomBit(key, 1023)
        if skillBloom[bit >> 6] & (1 << UInt64(bit & 63)) == 0 { return -1 }
        var lo = 0, hi = skillKeys.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if skillKeys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < skillKeys.count && skillKeys[lo] == key ? lo : -1
    }
}

/// Hashed skill keys shared by profiles and criteria.
enum SkillKey {
    static func normalize(_ s: String) -> String {
        s.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
    static func id(_ id: String) -> UInt64 { TextTokenizer.fnv1a("id:" + id) }
    static func name(_ n: String) -> UInt64 { TextTokenizer.fnv1a("name:" + normalize(n)) }
}
