import Foundation

/// What a worker asks a `ResumeFetcher` for: the event's resume reference and fetch hints, and the
/// integration it arrived through (whose policy — allow-listed hosts, ATS API credentials — applies).
public struct ResumeRequest: Sendable, Equatable {
    public var integration: String
    public var profile: String
    public var resume: CandidateEvent.ResumeRef?
    public var hints: [CandidateEvent.FetchHint]
    /// The candidate's and application's ATS ids, for API re-fetches (Greenhouse, Lever).
    public var candidateExternalId: String?
    public var applicationExternalId: String?

    public init(
        integration: String, profile: String, resume: CandidateEvent.ResumeRef?,
        hints: [CandidateEvent.FetchHint] = [], candidateExternalId: String? = nil, applicationExternalId: String? = nil
    ) {
        self.integration = integration
        self.profile = profile
        self.resume = resume
        self.hints = hints
        self.candidateExternalId = candidateExternalId
        self.applicationExternalId = applicationExternalId
    }
}

/// The bytes of a resume and where they came from.
public struct FetchedDocument: Sendable, Equatable {
    public var bytes: Data
    public var fileName: String?
    /// The `Content-Type` the source declared (informative only: the parser detects from bytes).
    public var contentType: String?
    /// `inline`, or the final URL after redirects (without query string, which may carry tokens).
    public var source: String

    public init(bytes: Data, fileName: String? = nil, contentType: String? = nil, source: String) {
        self.bytes = bytes
        self.fileName = fileName
        self.contentType = contentType
        self.source = source
    }
}

/// Gets a resume: inline base64, a URL download (SSRF-guarded, size- and time-capped), or the ATS
/// API for thin payloads. Errors are `ScreenerError`s: `fetch_refused` (SSRF guard, scheme, allow
/// list: permanent), `fetch_failed` (transient: retry), `payload_too_large`, `not_found`.
public protocol ResumeFetcher: Sendable {
    func fetch(_ request: ResumeRequest) async throws -> FetchedDocument
}

extension ScreenerError.Code {
    /// The fetch was refused by policy (scheme, SSRF guard, allow-list). Retrying cannot help.
    public static let fetchRefused: Self = "fetch_refused"
    /// The fetch failed in a way a retry may fix (timeout, connection, 5xx).
    public static let fetchFailed: Self = "fetch_failed"
}
