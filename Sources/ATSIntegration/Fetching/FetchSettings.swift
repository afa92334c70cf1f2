import Foundation

/// Per-integration resume-fetch settings, loaded by the lead from the integration's YAML.
///
/// Keys (all optional): `allowHosts` (list of `host` or `host:port`), `allowHTTP` (bool),
/// `maxBytes` (int, default 10 MiB), `timeoutSeconds` (number, default 20), `maxRedirects`
/// (int, default 5), `apiBaseURL` (the ATS API root, e.g. `https://api.lever.co`), and
/// credentials as `SecretReference` strings (`env:NAME` / `file:PATH`): `apiKey` (Lever API key,
/// SmartRecruiters `X-SmartToken`), `clientId` + `clientSecret` (Greenhouse Harvest v3 OAuth
/// client credentials), with `onBehalfOfUserId` (Greenhouse `sub`) and `tokenURL` (default
/// `https://auth.greenhouse.io/token`).
///
/// ATS API calls go through the same guard as downloads: the API host must be public or
/// allow-listed.
public struct FetchSettings: Codable, Sendable, Equatable {
    public var allowHosts: [String]
    public var allowHTTP: Bool
    public var maxBytes: Int
    public var timeoutSeconds: Double
    public var maxRedirects: Int
    public var apiBaseURL: String?
    public var apiKey: String?
    public var clientId: String?
    public var clientSecret: String?
    public var onBehalfOfUserId: String?
    public var tokenURL: String?

    public static let defaultGreenhouseTokenURL = "https://auth.greenhouse.io/token"

    public init(
        allowHosts: [String] = [], allowHTTP: Bool = false, maxBytes: Int = ResumeDownloadPolicy.defaultMaxBytes,
        timeoutSeconds: Double = 20, maxRedirects: Int = 5, apiBaseURL: String? = nil, apiKey: String? = nil,
        clientId: String? = nil, clientSecret: String? = nil, onBehalfOfUserId: String? = nil, tokenURL: String? = nil
    ) {
        self.allowHosts = allowHosts
        self.allowHTTP = allowHTTP
        self.maxBytes = maxBytes
        self.timeoutSeconds = timeoutSeconds
        self.maxRedirects = maxRedirects
        self.apiBaseURL = apiBaseURL
        self.apiKey = apiKey
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.onBehalfOfUserId = onBehalfOfUserId
        self.tokenURL = tokenURL
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            allowHosts: try c.decodeIfPresent([String].self, forKey: .allowHosts) ?? [],
            allowHTTP: try c.decodeIfPresent(Bool.self, forKey: .allowHTTP) ?? false,
            maxBytes: try c.decodeIfPresent(Int.self, forKey: .maxBytes) ?? ResumeDownloadPolicy.defaultMaxBytes,
            timeoutSeconds: try c.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 20,
            maxRedirects: try c.decodeIfPresent(Int.self, forKey: .maxRedirects) ?? 5,
            apiBaseURL: try c.decodeIfPresent(String.self, forKey: .apiBaseURL),
            apiKey: try c.decodeIfPresent(String.self, forKey: .apiKey),
            clientId: try c.decodeIfPresent(String.self, forKey: .clientId),
            clientSecret: try c.decodeIfPresent(String.self, forKey: .clientSecret),
            onBehalfOfUserId: try c.decodeIfPresent(String.self, forKey: .onBehalfOfUserId),
            tokenURL: try c.decodeIfPresent(String.self, forKey: .tokenURL)
        )
    }

    /// The download policy these settings describe.
    public var downloadPolicy: ResumeDownloadPolicy {
        ResumeDownloadPolicy(
            allowHosts: allowHosts, allowHTTP: allowHTTP, maxBytes: maxBytes,
            timeout: .milliseconds(Int64((timeoutSeconds * 1000).rounded())), maxRedirects: maxRedirects)
    }
}
