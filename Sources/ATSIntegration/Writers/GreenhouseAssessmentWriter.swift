import AsyncHTTPClient
import Foundation
import Logging
import ScreenerCore

/// Tells Greenhouse that an assessment is complete: `PATCH <url of the send_test>` with
/// `Authorization: Basic base64(<API key>:)`, as Greenhouse's "PATCH - Mark Test as Completed"
/// documents; Greenhouse then calls `test_status` for the result. Sources are listed in
/// `webhooks/greenhouse/README.md` ("Assessment Partner API").
///
/// - The documentation says the PATCH needs no parameters; Screener sends the same JSON object
///   `test_status` answers (`partner_status`, `partner_profile_url`, `partner_score`, `metadata`)
///   so that the message stands on its own, plus `Idempotency-Key: <post-back id>`.
/// - Marking a test complete is idempotent on Greenhouse's side, so an attempt whose answer was lost
///   (`previousAttemptUncertain`) is simply sent again; there is no read API to check first.
/// - 2xx → delivered; 408/425/429/5xx and transport errors → retry (honouring `Retry-After`); any
///   other status → dead letter (`PostBackResponse`).
/// - A callback URL outside `callbackHosts` is refused without a request (`.permanent`).
public struct GreenhouseAssessmentWriter: ATSWriter {
    public let profile = "greenhouse"
    let settings: GreenhouseAssessmentSettings
    let auth: (String, String)
    let http: WriterHTTP
    let clock: any ScreenerClock

    /// Resolves `settings.apiKey`; a missing reference or secret fails here, at start-up.
    public init(
        integration: String, settings: GreenhouseAssessmentSettings, httpClient: HTTPClient, clock: any ScreenerClock,
        environment: [String: String], logger: Logger = Logger(label: "screener.writer.greenhouse-assessment")
    ) throws {
        guard let ref = settings.apiKey, !ref.isEmpty else {
            throw ScreenerError(.invalidConfiguration, "integration '\(integration)': assessment setting 'apiKey' is required to PATCH results")
        }
        let key: Data
        do {
            key = try SecretReference.resolve(ref, environment: environment)
        } catch let e as ScreenerError {
            throw ScreenerError(e.code, "integration '\(integration)': assessment.apiKey: \(e.message)")
        }
        self.settings = settings
        self.auth = WriterHTTP.basic(String(decoding: key, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        self.http = WriterHTTP(client: httpClient, timeout: settings.timeout, logger: logger)
        self.clock = clock
    }

    public func deliver(_ postBack: PostBack, previousAttemptUncertain: Bool) async -> PostBackResult {
        guard postBack.kind == .assessmentResult else {
            return .permanent(reason: "greenhouse assessment writer: only assessment results are sent (got \(postBack.kind.rawValue))")
        }
        guard let url = postBack.callbackURL, !url.isEmpty else {
            return .permanent(reason: "greenhouse assessment writer: the post-back has no callback URL")
        }
        guard settings.allowsCallback(url) else {
            return .permanent(reason: "greenhouse assessment writer: the callback host is not in assessment.callbackHosts")
        }
        var headers = [auth, ("Accept", "application/json"), ("Idempotency-Key", postBack.id)]
        if postBack.payload != nil { headers.append(WriterHTTP.json) }
        switch await http.send("PATCH", url, headers: headers, body: postBack.payload) {
        case .failed(let r): return r
        case .response(let status, let responseHeaders, _):
            return PostBackResponse.classify(status: status, headers: responseHeaders, now: clock.now())
        }
    }
}
