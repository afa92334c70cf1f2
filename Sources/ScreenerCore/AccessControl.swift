import Foundation

/// Who may do what (issue 7). Every route except signed webhooks and health endpoints needs a bearer
/// token, and each token carries exactly one role.
///
/// - `recruiter`: jobs, shortlists, candidates.
/// - `compliance`: audits, and demographics in aggregate only.
/// - `admin`: integrations, tokens, deliveries, replay.
/// - `ats`: the Assessment Partner endpoints (Greenhouse sends the token as HTTP Basic username).
public enum AccessRole: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case recruiter, compliance, admin, ats

    public static func < (a: AccessRole, b: AccessRole) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A stored API token as listed by `screener tokens list`. It never carries the secret: the store
/// keeps only the SHA-256 of the full token string.
public struct AccessToken: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var role: AccessRole
    public var createdAt: Date
    public var expiresAt: Date?
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(id: String, name: String, role: AccessRole, createdAt: Date, expiresAt: Date? = nil, revokedAt: Date? = nil, lastUsedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    public enum State: String, Sendable, Codable { case active, expired, revoked }

    /// Revocation wins over expiry; a token expires at `expiresAt` exactly (`now >= expiresAt`).
    public func state(at now: Date) -> State {
        if let r = revokedAt, r <= now { return .revoked }
        if let e = expiresAt, now >= e { return .expired }
        return .active
    }
}

/// The authenticated caller of a request: which token, under which name and role.
public struct Principal: Sendable, Codable, Equatable, Hashable {
    public var tokenID: String
    public var name: String
    public var role: AccessRole

    public init(tokenID: String, name: String, role: AccessRole) {
        self.tokenID = tokenID
        self.name = name
        self.role = role
    }
}

/// Why a presented token was refused. `malformed` and `unknown` cover tampering (a changed character
/// changes the hash); `expired` and `revoked` are told apart only for a token whose hash matched,
/// that is, to a caller who holds the real secret.
public enum AuthenticationFailure: String, Sendable, Codable, Equatable {
    case malformed, unknown, expired, revoked
}

/// The outcome of presenting a token.
public enum AuthenticationResult: Sendable, Equatable {
    case authenticated(Principal)
    case rejected(AuthenticationFailure)

    public var principal: Principal? {
        if case .authenticated(let p) = self { return p }
        return nil
    }
}

/// One append-only access-log record: who (token id and role) did what to which resource, when,
/// and with what outcome. It carries ids only, never names, emails or resume text.
public struct AccessLogEntry: Sendable, Codable, Equatable {
    public enum ResourceType: String, Sendable, Codable, CaseIterable {
        case candidate, shortlist, audit, job, deliveries
    }

    /// What was done: `read`, `list`, `erase`, `export`, `replay`, or another lower-case verb.
    public struct Action: RawRepresentable, Sendable, Codable, Hashable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public static let read: Action = "read"
        public static let list: Action = "list"
        public static let erase: Action = "erase"
        public static let export: Action = "export"
        public static let replay: Action = "replay"
    }

    /// How it ended: `ok`, `denied`, `not_found`, `failed`.
    public struct Outcome: RawRepresentable, Sendable, Codable, Hashable, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public static let ok: Outcome = "ok"
        public static let denied: Outcome = "denied"
        public static let notFound: Outcome = "not_found"
        public static let failed: Outcome = "failed"
    }

    /// The store's sequence number (0 before it is stored).
    public var sequence: Int64
    public var at: Date
    public var tokenID: String
    public var role: AccessRole
    public var action: Action
    public var resourceType: ResourceType
    public var resourceID: String?
    public var outcome: Outcome

    public init(sequence: Int64 = 0, at: Date, tokenID: String, role: AccessRole, action: Action, resourceType: ResourceType, resourceID: String?, outcome: Outcome) {
        self.sequence = sequence
        self.at = at
        self.tokenID = tokenID
        self.role = role
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.outcome = outcome
    }

    public init(at: Date, principal: Principal, action: Action, resourceType: ResourceType, resourceID: String?, outcome: Outcome) {
        self.init(at: at, tokenID: principal.tokenID, role: principal.role, action: action, resourceType: resourceType, resourceID: resourceID, outcome: outcome)
    }
}

/// The token format: `scr_<id>_<secret>`, where `id` is 16 lower-case hex digits (8 random bytes,
/// the token's public id) and `secret` is 43 characters of unpadded base64url (32 random bytes,
/// 256 bits). The whole string is what is hashed and compared; the id only makes tokens findable in
/// `tokens list` and logs.
public enum AccessTokenFormat {
    public static let prefix = "scr_"
    public static let idLength = 16
    public static let secretLength = 43

    /// The token id if `token` has the exact shape, else nil (the caller answers `malformed`).
    public static func tokenID(of token: String) -> String? {
        let parts = token.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard token.hasPrefix(prefix), parts.count == 3 else { return nil }
        let id = parts[1], secret = parts[2]
        guard id.count == idLength, id.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else { return nil }
        guard secret.count == secretLength, secret.unicodeScalars.allSatisfy(isBase64URL) else { return nil }
        return String(id)
    }

    static func isBase64URL(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": true
        default: false
        }
    }

    /// Unpadded base64url (RFC 4648 §5) of `bytes`.
    public static func base64URL(_ bytes: some Sequence<UInt8>) -> String {
        var s = Data(bytes).base64EncodedString()
        s = s.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        while s.hasSuffix("=") { s.removeLast() }
        return s
    }

    /// Builds a token from 8 id bytes and 32 secret bytes.
    public static func make(idBytes: [UInt8], secretBytes: [UInt8]) -> (id: String, token: String) {
        precondition(idBytes.count == 8 && secretBytes.count == 32)
        let id = idBytes.map { String(format: "%02x", $0) }.joined()
        return (id, prefix + id + "_" + base64URL(secretBytes))
    }
}

/// Tokens and the access log. `SQLiteStore` conforms.
public protocol AccessControlStore: Sendable {
    /// Creates a token and returns it with its plaintext, which is shown once and never stored.
    func createToken(name: String, role: AccessRole, expiresAt: Date?, now: Date) async throws -> (token: AccessToken, secret: String)
    /// Every token, newest first, revoked and expired included.
    func tokens() async throws -> [AccessToken]
    /// Revokes the token `id` (idempotent: revoking twice keeps the first time). Throws `not_found`.
    @discardableResult
    func revoke(id: String, now: Date) async throws -> AccessToken
    /// Looks the presented token up by its hash and says who it is, or why it is refused.
    func verify(secret: String, now: Date) async throws -> AuthenticationResult
    /// Appends one entry to the access log (which refuses updates and deletes).
    func appendAccess(_ entry: AccessLogEntry) async throws
    /// Entries at or after `since` (all when nil), oldest first, at most `limit`.
    func accessLog(since: Date?, limit: Int) async throws -> [AccessLogEntry]
}

extension AccessToken {
    /// Parses a CLI time: a duration `30d`, `12h`, `90m`, `2w` counted from `now` in `direction`
    /// (+1 for an expiry, −1 for "since"), a calendar date `2027-01-01` (midnight UTC), or a full
    /// ISO 8601 instant `2027-01-01T09:30:00Z`.
    public static func parseTime(_ text: String, now: Date, direction: Double = 1) throws -> Date {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let unit = t.last, let n = Int(t.dropLast()), n > 0 {
            let seconds: Double? = switch unit {
            case "m": 60
            case "h": 3600
            case "d": 86_400
            case "w": 7 * 86_400
            default: nil
            }
            if let seconds { return now.addingTimeInterval(direction * Double(n) * seconds) }
        }
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = TimeZone(identifier: "UTC")
        day.dateFormat = "yyyy-MM-dd"
        if t.count == 10, let d = day.date(from: t) { return d }
        if let d = ISO8601DateFormatter().date(from: t) { return d }
        throw ScreenerError(.invalidInput, "'\(t.prefix(40))' is not a duration (30d, 12h, 90m, 2w) or a date (2027-01-01 or ISO 8601)")
    }
}

extension AccessControlStore {
    /// The principal for a valid token; nil for a malformed, unknown, tampered, expired or revoked one.
    public func authenticate(secret: String, now: Date) async throws -> Principal? {
        try await verify(secret: secret, now: now).principal
    }
}

extension ScreenerError.Code {
    /// No or an invalid credential (HTTP 401).
    public static let unauthorized: ScreenerError.Code = "unauthorized"
    /// A valid credential whose role may not use this route (HTTP 403).
    public static let forbidden: ScreenerError.Code = "forbidden"
    /// Too many requests for one token (HTTP 429).
    public static let rateLimited: ScreenerError.Code = "rate_limited"
}
