import Foundation
import ScreenerCore

/// Per-integration settings for posting back, as the lead's configuration loads them (YAML or
/// JSON; every key is optional except what the profile's writer needs).
///
/// Credentials are `SecretReference` strings (`env:NAME` or `file:PATH`), never values.
///
/// | key | used by | meaning |
/// |---|---|---|
/// | `baseURL` | greenhouse, lever, ashby | API root; default per profile, overridden by tests to point at the fake |
/// | `tokenURL` | greenhouse | OAuth token endpoint (default `https://auth.greenhouse.io/token`) |
/// | `clientID`, `clientSecret` | greenhouse | Harvest v3 client-credentials pair |
/// | `userID` | greenhouse | the `sub` the token acts as (a Greenhouse user id); optional |
/// | `apiKey` | lever, ashby | Basic-auth username (the password is empty) |
/// | `performAs` | lever | user id for `?perform_as=` (required for notes) |
/// | `callbackURL`, `signingSecret` | standard | where to POST and the `whsec_…` secret |
/// | `tags` | greenhouse, lever, ashby | tag names to set on each shortlisted candidate |
/// | `tagIDs` | ashby | tag name → Ashby tag id (`candidate.addTag` takes ids) |
/// | `noteVisibility` | greenhouse | note visibility (default `admin_only`) |
/// | `timeout` | all | seconds per HTTP request (default 10) |
public struct WriterSettings: Sendable, Equatable, Codable {
    public var integration: String
    public var baseURL: String?
    public var tokenURL: String?
    public var clientID: String?
    public var clientSecret: String?
    public var userID: String?
    public var apiKey: String?
    public var performAs: String?
    public var callbackURL: String?
    public var signingSecret: String?
    public var tags: [String]
    public var tagIDs: [String: String]
    public var noteVisibility: String?
    public var timeout: TimeInterval

    public static let defaultTimeout: TimeInterval = 10

    public init(
        integration: String, baseURL: String? = nil, tokenURL: String? = nil,
        clientID: String? = nil, clientSecret: String? = nil, userID: String? = nil,
        apiKey: String? = nil, performAs: String? = nil,
        callbackURL: String? = nil, signingSecret: String? = nil,
        tags: [String] = [], tagIDs: [String: String] = [:], noteVisibility: String? = nil,
        timeout: TimeInterval = WriterSettings.defaultTimeout
    ) {
        self.integration = integration
        self.baseURL = baseURL
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.userID = userID
        self.apiKey = apiKey
        self.performAs = performAs
        self.callbackURL = callbackURL
        self.signingSecret = signingSecret
        self.tags = tags
        self.tagIDs = tagIDs
        self.noteVisibility = noteVisibility
        self.timeout = timeout
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // In the service configuration the integration entry names it; the loader fills it in.
        integration = try c.decodeIfPresent(String.self, forKey: .integration) ?? ""
        baseURL = try c.decodeIfPresent(String.self, forKey: .baseURL)
        tokenURL = try c.decodeIfPresent(String.self, forKey: .tokenURL)
        clientID = try c.decodeIfPresent(String.self, forKey: .clientID)
        clientSecret = try c.decodeIfPresent(String.self, forKey: .clientSecret)
        userID = try c.decodeIfPresent(String.self, forKey: .userID)
        apiKey = try c.decodeIfPresent(String.self, forKey: .apiKey)
        performAs = try c.decodeIfPresent(String.self, forKey: .performAs)
        callbackURL = try c.decodeIfPresent(String.self, forKey: .callbackURL)
        signingSecret = try c.decodeIfPresent(String.self, forKey: .signingSecret)
        tags = try c.decodeIfPresent([String].self, forKey: .tags) ?? []
        tagIDs = try c.decodeIfPresent([String: String].self, forKey: .tagIDs) ?? [:]
        noteVisibility = try c.decodeIfPresent(String.self, forKey: .noteVisibility)
        timeout = try c.decodeIfPresent(TimeInterval.self, forKey: .timeout) ?? Self.defaultTimeout
    }

    /// Resolves a required secret reference; a missing key names the key, never a value.
    func secret(_ ref: String?, key: String, environment: [String: String]) throws -> Data {
        guard let ref, !ref.isEmpty else {
            throw ScreenerError(.invalidConfiguration, "integration '\(integration)': writer setting '\(key)' is required")
        }
        return try SecretReference.resolve(ref, environment: environment)
    }

    /// A required plain setting.
    func required(_ value: String?, key: String) throws -> String {
        guard let value, !value.isEmpty else {
            throw ScreenerError(.invalidConfiguration, "integration '\(integration)': writer setting '\(key)' is required")
        }
        return value
    }

    /// `baseURL` without a trailing slash, or the profile's default.
    func base(default fallback: String) -> String {
        var b = baseURL ?? fallback
        while b.hasSuffix("/") { b.removeLast() }
        return b
    }
}
