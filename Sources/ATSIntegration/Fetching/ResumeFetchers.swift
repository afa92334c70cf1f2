import Foundation
import ScreenerCore

/// The live `ResumeFetcher`: holds `FetchSettings` per integration name and sends each
/// `ResumeRequest` down one path, in this order:
/// 1. `resume.contentBase64` → `InlineResumeDecoder` (same size cap);
/// 2. profile `greenhouse` with a URL or a `needsFetch` → `ATSResumeSource.fetchGreenhouse`
///    (the URL first, a Harvest v3 re-fetch when it has expired);
/// 3. `resume.url` → `HTTPResumeFetcher.download` (SSRF guard);
/// 4. profile `lever` / `smartrecruiters` → their API routes (`ATSResumeSource`);
/// 5. otherwise `not_found`.
///
/// An integration without settings gets `defaultSettings` (https only, no allow-list, no API).
public struct ResumeFetchers: ResumeFetcher {
    public var settings: [String: FetchSettings]
    public var defaultSettings: FetchSettings
    public let http: HTTPResumeFetcher
    public let ats: ATSResumeSource

    public init(
        settings: [String: FetchSettings], defaultSettings: FetchSettings = FetchSettings(),
        http: HTTPResumeFetcher = HTTPResumeFetcher(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.settings = settings
        self.defaultSettings = defaultSettings
        self.http = http
        self.ats = ATSResumeSource(http: http, environment: environment)
    }

    public func fetch(_ request: ResumeRequest) async throws -> FetchedDocument {
        let settings = self.settings[request.integration] ?? defaultSettings
        let resume = request.resume
        if let inline = resume?.contentBase64 {
            return try InlineResumeDecoder.decode(
                inline, maxBytes: settings.maxBytes, fileName: resume?.fileName, contentType: resume?.contentType)
        }
        let wantsAPI = (resume?.needsFetch ?? false) || request.hints.contains { $0.resource == "resume" || $0.resource == "link" }
        switch request.profile {
        case "greenhouse" where resume?.url != nil || wantsAPI:
            return try await ats.fetchGreenhouse(request, settings: settings)
        case _ where resume?.url != nil:
            return try await http.download(resume!.url!, policy: settings.downloadPolicy, fileName: resume?.fileName)
        case "lever" where wantsAPI || resume == nil:
            return try await ats.fetchLever(request, settings: settings)
        case "smartrecruiters" where wantsAPI || resume == nil:
            return try await ats.fetchSmartRecruiters(request, settings: settings)
        default:
            throw ScreenerError(.notFound, "event for integration \(request.integration) carries no resume to fetch")
        }
    }
}
