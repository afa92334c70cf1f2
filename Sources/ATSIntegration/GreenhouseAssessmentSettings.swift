import Foundation
import ScreenerCore

/// Greenhouse Assessment Partner mode for one `greenhouse` integration (`integrations[].assessment`).
///
/// | key | meaning |
/// |---|---|
/// | `profileURL` | required: the `partner_profile_url` of a result, with `{candidate_id}` and `{partner_interview_id}` filled in, e.g. `https://screener.example.com/v1/candidates/{candidate_id}` |
/// | `apiKey` | secret reference (`env:NAME`, `file:PATH`) to the API key Greenhouse holds for this partner (the `ats` token given to Greenhouse): the Basic user name of the completion PATCH. Without it no PATCH is sent and Greenhouse must poll `test_status` (its deprecated option) |
/// | `callbackHosts` | hosts (optionally `host:port`) the PATCH may go to; default `app.greenhouse.io`, `app.eu.greenhouse.io`. A `send_test` whose `url` names another host is refused (400), so a token holder cannot make Screener call internal addresses |
/// | `allowHTTP` | allow `http://` callback URLs (tests); default false |
/// | `timeout` | seconds per PATCH (default 10) |
///
/// Routes: `GET /v1/partners/greenhouse/{integration}/list_tests`, `POST …/send_test`,
/// `GET …/test_status?partner_interview_id=…`, with HTTP Basic (an `ats` token as user name).
public struct GreenhouseAssessmentSettings: Sendable, Equatable, Codable {
    public var profileURL: String
    public var apiKey: String?
    public var callbackHosts: [String]
    public var allowHTTP: Bool
    public var timeout: TimeInterval

    public static let defaultCallbackHosts = ["app.greenhouse.io", "app.eu.greenhouse.io"]

    public init(
        profileURL: String, apiKey: String? = nil, callbackHosts: [String] = GreenhouseAssessmentSettings.defaultCallbackHosts,
        allowHTTP: Bool = false, timeout: TimeInterval = WriterSettings.defaultTimeout
    ) {
        self.profileURL = profileURL
        self.apiKey = apiKey
        self.callbackHosts = callbackHosts
        self.allowHTTP = allowHTTP
        self.timeout = timeout
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        profileURL = try c.decode(String.self, forKey: .profileURL)
        apiKey = try c.decodeIfPresent(String.self, forKey: .apiKey)
        callbackHosts = try c.decodeIfPresent([String].self, forKey: .callbackHosts) ?? Self.defaultCallbackHosts
        allowHTTP = try c.decodeIfPresent(Bool.self, forKey: .allowHTTP) ?? false
        timeout = try c.decodeIfPresent(TimeInterval.self, forKey: .timeout) ?? WriterSettings.defaultTimeout
    }

    /// Checks what decoding cannot; errors name the integration and the key.
    public func validate(integration: String) throws {
        let probe = partnerProfileURL(candidateId: "cand_0", assessmentId: "ga_0")
        guard let c = URLComponents(string: probe), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme), c.host?.isEmpty == false else {
            throw ScreenerError(.invalidConfiguration, "integration '\(integration)': assessment.profileURL must be an absolute http(s) URL")
        }
        if let apiKey, !(apiKey.hasPrefix("env:") || apiKey.hasPrefix("file:")) {
            throw ScreenerError(.invalidConfiguration, "integration '\(integration)': assessment.apiKey must be a reference (env:NAME or file:PATH)")
        }
        guard timeout > 0 else { throw ScreenerError(.invalidConfiguration, "integration '\(integration)': assessment.timeout must be positive") }
    }

    /// `profileURL` with the placeholders filled (percent-encoded).
    public func partnerProfileURL(candidateId: String, assessmentId: String) -> String {
        profileURL
            .replacingOccurrences(of: "{candidate_id}", with: WriterHTTP.encode(candidateId))
            .replacingOccurrences(of: "{partner_interview_id}", with: WriterHTTP.encode(assessmentId))
    }

    /// Whether the completion PATCH may go to `url`: http(s) (http only with `allowHTTP`), no user
    /// info, and a host (or `host:port`) in `callbackHosts`, compared case-insensitively.
    public func allowsCallback(_ url: String) -> Bool {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), let host = c.host?.lowercased(), !host.isEmpty,
              c.user == nil, c.password == nil else { return false }
        guard scheme == "https" || (scheme == "http" && allowHTTP) else { return false }
        let allowed = Set(callbackHosts.map { $0.lowercased() })
        if let port = c.port { return allowed.contains("\(host):\(port)") || (allowed.contains(host) && port == (scheme == "https" ? 443 : 80)) }
        return allowed.contains(host)
    }
}
