import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ScreenerCore

/// Authenticates a route group: `Authorization: Bearer <token>` becomes `context.principal`.
///
/// - No header, a malformed one, or a token that is unknown, tampered with, expired or revoked →
///   401 problem+json with `WWW-Authenticate: Bearer realm="screener"` (plus `error="invalid_token"`
///   when a token was presented, RFC 6750 §3.1).
/// - With `acceptBasicForATS`, HTTP Basic with the token as username and an empty password is also
///   accepted, as Greenhouse's Assessment Partner API sends it, but only for tokens of role `ats`.
/// - With a `rateLimiter`, each token id spends one unit per request; an empty bucket → 429 with
///   `Retry-After`.
///
/// Put `RequireRole` after it to restrict the group to roles. Logs never carry the presented
/// secret; failures log the reason and, when known, the token id at debug level.
public struct BearerAuthMiddleware<Context: PrincipalRequestContext>: RouterMiddleware {
    let store: any AccessControlStore
    let clock: any ScreenerClock
    let rateLimiter: TokenRateLimiter?
    let acceptBasicForATS: Bool

    public init(store: any AccessControlStore, clock: any ScreenerClock = SystemClock(), rateLimiter: TokenRateLimiter? = nil, acceptBasicForATS: Bool = false) {
        self.store = store
        self.clock = clock
        self.rateLimiter = rateLimiter
        self.acceptBasicForATS = acceptBasicForATS
    }

    /// What the `Authorization` header holds.
    public enum Credential: Equatable, Sendable {
        case none
        case malformed
        case bearer(String)
        case basic(String)
    }

    /// Parses the `Authorization` header values. More than one header is malformed. The scheme name
    /// is case-insensitive (RFC 9110 §11.1). Basic must decode to `<token>:` with an empty password.
    public static func credential(_ values: [String]) -> Credential {
        guard let value = values.first else { return .none }
        guard values.count == 1 else { return .malformed }
        let parts = value.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return .malformed }
        let scheme = parts[0].lowercased(), param = String(parts[1])
        switch scheme {
        case "bearer":
            return .bearer(param)
        case "basic":
            guard let data = Data(base64Encoded: param), let text = String(data: data, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return .malformed }
            let user = String(text[..<colon]), password = text[text.index(after: colon)...]
            guard !user.isEmpty, password.isEmpty else { return .malformed }
            return .basic(user)
        default:
            return .malformed
        }
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let credential = Self.credential(request.headers[values: .authorization])
        let token: String
        switch credential {
        case .none:
            return try unauthorized(request, context, "missing", detail: "this route needs a token: Authorization: Bearer <token>", presented: false)
        case .malformed:
            return try unauthorized(request, context, "malformed", detail: "the Authorization header is malformed", presented: true)
        case .basic(let t):
            guard acceptBasicForATS else {
                return try unauthorized(request, context, "basic_not_accepted", detail: "this route accepts only Bearer tokens", presented: true)
            }
            token = t
        case .bearer(let t):
            token = t
        }
        let now = clock.now()
        let principal: Principal
        switch try await store.verify(secret: token, now: now) {
        case .rejected(let reason):
            let detail = Self.detail(reason)
            return try unauthorized(request, context, reason.rawValue, detail: detail, presented: true)
        case .authenticated(let p):
            principal = p
        }
        if case .basic = credential, principal.role != .ats {
            return try unauthorized(request, context, "basic_not_ats", detail: "HTTP Basic is accepted only for ats tokens", presented: true, tokenID: principal.tokenID)
        }
        if let limited = try BearerAuthMiddleware<Context>.rateLimited(principal, rateLimiter, now: now, request, context) { return limited }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "screener.token.id"] = "\(principal.tokenID)"
        return try await next(request, context)
    }

    /// What a refused token is told (never which check failed beyond expiry and revocation).
    static func detail(_ reason: AuthenticationFailure) -> String {
        switch reason {
        case .malformed, .unknown: "the token is not valid"
        case .expired: "the token has expired"
        case .revoked: "the token has been revoked"
        }
    }

    /// 429 with `Retry-After` when the principal's bucket is empty; nil otherwise (one token spent).
    static func rateLimited(_ principal: Principal, _ rateLimiter: TokenRateLimiter?, now: Date, _ request: Request, _ context: Context) throws -> Response? {
        guard let rateLimiter, case .limited(let retryAfter) = rateLimiter.take(for: principal, now: now) else { return nil }
        context.logger.debug("rate limited", metadata: ["screener.token.id": "\(principal.tokenID)"])
        return try ProblemDetails(
            status: .tooManyRequests, code: ScreenerError.Code.rateLimited.rawValue, title: "Too Many Requests",
            detail: "this token's request rate is limited; retry after \(retryAfter) s", retryAfter: retryAfter
        ).response(from: request, context: context)
    }

    func unauthorized(_ request: Request, _ context: Context, _ reason: String, detail: String, presented: Bool, tokenID: String? = nil) throws -> Response {
        var metadata: Logger.Metadata = ["screener.auth.failure": "\(reason)"]
        if let tokenID { metadata["screener.token.id"] = "\(tokenID)" }
        context.logger.debug("authentication failed", metadata: metadata)
        var response = try ProblemDetails(status: .unauthorized, code: ScreenerError.Code.unauthorized.rawValue, title: "Unauthorized", detail: detail)
            .response(from: request, context: context)
        response.headers[.wwwAuthenticate] = presented ? #"Bearer realm="screener", error="invalid_token""# : #"Bearer realm="screener""#
        if acceptBasicForATS { response.headers.append(HTTPField(name: .wwwAuthenticate, value: #"Basic realm="screener""#)) }
        return response
    }
}
