import Foundation
import ModelProviders
import Scoring
import ScreenerCore
import ScreenerTestSupport

/// Shared values for the model-provider tests.
enum ModelFixtures {
    static let parsedAt = Date(timeIntervalSince1970: 1_767_225_600) // 2026-01-01

    /// A resume with a name, email and phone, and a non-ASCII prefix so that scalar offsets differ
    /// from UTF-16 and byte offsets.
    static let resumeText = """
    Jane Doe
    jane.doe@example.com | +1 (415) 555-0134
    Summary
    Backend engineer — 6 years building Swift services. Café-quality 🚀 APIs.
    Experience
    Acme Corp, Senior Engineer
    Built payment APIs in Swift and tuned PostgreSQL queries.
    Ran services on Kubernetes.
    Skills
    Swift, PostgreSQL, Kubernetes, gRPC
    """

    /// Scalar offset of `needle` in `text`, computed through `String.range(of:)`.
    static func scalarOffset(of needle: String, in text: String) -> Int? {
        guard let r = text.range(of: needle) else { return nil }
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: r.lowerBound)
    }

    /// Sections from heading lines: each runs from its heading to the next heading.
    static func sections(_ text: String, headings: [(String, String)]) -> [ParsedResume.Section] {
        let starts = headings.compactMap { h in scalarOffset(of: h.1 + "\n", in: text).map { (h.0, h.1, $0) } }
        let n = text.unicodeScalars.count
        return starts.enumerated().map { i, s in
            ParsedResume.Section(kind: s.0, heading: s.1, range: TextRange(start: s.2, end: i + 1 < starts.count ? starts[i + 1].2 : n))
        }
    }

    static func parsedResume() -> ParsedResume {
        ParsedResume(
            text: resumeText,
            basics: .init(name: "Jane Doe", email: "jane.doe@example.com", phone: "+1 (415) 555-0134"),
            sections: sections(resumeText, headings: [("summary", "Summary"), ("experience", "Experience"), ("skills", "Skills")]),
            totalExperienceMonths: 72,
            meta: .init(format: "txt", parserVersion: "test", parsedAt: parsedAt))
    }

    /// The resume above through the lead's `Redactor` (default policy).
    static func profile() -> RedactedProfile { Redactor().redact(parsedResume(), asOf: parsedAt) }

    static let criteria = JobCriteria(
        id: "backend-eng-1", title: "Backend Engineer",
        description: "Build backend services in Swift with PostgreSQL. Operate them on Kubernetes.",
        version: 3,
        requiredSkills: [.init(name: "Swift", minYears: 3), .init(name: "PostgreSQL")],
        preferredSkills: [.init(name: "Kubernetes", weight: 2)],
        minExperienceYears: 5)

    /// A rubric reply as the model would send it.
    static func rubricJSON(_ entries: [(String, Double, [String])], rationale: String = "Solid backend fit.") -> String {
        let reply = RubricReply(criteria: entries.map { .init(id: $0.0, score: $0.1, evidence: $0.2, rationale: "because") }, rationale: rationale)
        return String(decoding: try! JSONEncoder().encode(reply), as: UTF8.self)
    }

    /// The standard reply for `criteria` (items R1, R2, P1, X, F).
    static var standardReply: String {
        rubricJSON([
            ("R1", 1.0, ["building Swift services"]),
            ("R2", 0.5, ["tuned PostgreSQL queries"]),
            ("P1", 0.0, []),
            ("X", 0.8, ["6 years"]),
            ("F", 0.6, []),
        ])
    }

    /// A client for `server` with a fast retry schedule and a sleeper that records its delays.
    static func client(_ server: FakeOpenAIServer, maxAttempts: Int = 3, timeout: Duration = .seconds(10), key: String? = "sk-test-key",
                       keyStyle: ProviderEndpoint.KeyStyle = .bearer, delays: DelayRecorder = DelayRecorder()) -> ProviderClient {
        ProviderClient(
            endpoint: ProviderEndpoint(baseURL: server.baseURL, apiKey: key, keyStyle: keyStyle, timeout: timeout,
                                       retry: RetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(10), maxDelay: .milliseconds(40))),
            sleep: { d in await delays.record(d) })
    }
}

/// Records the waits a `ProviderClient` asks for, without waiting.
actor DelayRecorder {
    private(set) var delays: [Duration] = []
    func record(_ d: Duration) { delays.append(d) }
}

/// A model that returns a fixed score (for ensemble and fallback arithmetic).
struct FixedModel: ScoringModel {
    var adapter = "fixed"
    var total: Double
    var components: [Score.Component]
    var knockouts: [Score.KnockoutResult] = []
    var tokens = 0
    var cost = 0.0
    var error: ScreenerError? = nil

    var descriptor: ScoringModelDescriptor { .init(adapter: adapter, model: "fixed-\(Int(total))", version: "1") }

    func score(_ profile: RedactedProfile, criteria: JobCriteria) async throws -> Score {
        if let error { throw error }
        return Score(total: total, components: components, knockouts: knockouts, warnings: ["w\(Int(total))"],
                     provenance: .init(adapter: adapter, model: "fixed-\(Int(total))", modelVersion: "1", criteriaId: criteria.id,
                                       criteriaVersion: criteria.version, inputSHA256: "h\(Int(total))", promptTokens: tokens, costUSD: cost))
    }
}
