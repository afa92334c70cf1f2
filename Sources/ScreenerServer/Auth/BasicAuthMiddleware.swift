import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ScreenerCore

/// Authenticates a route group by HTTP Basic, as Greenhouse's Assessment Partner API sends it: the
/// API key (a Screener access token) as the user name and an empty password, that is
/// `Authorization: Basic base64("<token>:")`. The token is verified exactly as a Bearer token is
/// (`AccessControlStore.verify`: hashed lookup, expiry, revocation) and spends the same per-token
/// rate limit.
///
/// - No header, another scheme, a malformed value, a non-empty password, or a token that is unknown,
///   tampered with, expired or revoked → 401 problem+json with `WWW-Authenticate: Basic
///   realm="<realm>", charset="UTF-8"` (RFC 7617).
/// - An empty bucket → 429 with `Retry-After`.
///
/// Roles are not checked here: put `RequireRole` after it (a valid token of another role → 403).
/// Logs never carry the presented secret.
public struct BasicAuthMiddleware<Context: PrincipalRequestContext>: RouterMiddleware {
    let store: any AccessControlStore
    let clock: any ScreenerClock
    let rateLimiter: TokenRateLimiter?
    let realm: String

    public init(store: any AccessControlStore, clock: any ScreenerClock = SystemClock(), rateLimiter: TokenRateLimiter? = nil, realm: String = "screener") {
        self.store = store
        self.clock = clock
        self.rateLimiter = rateLimiter
        self.realm = realm
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let token: String
        switch BearerAuthMiddleware<Context>.credential(request.headers[values: .authorization]) {
        case .none:
            return try unauthorized(request, context, "missing", detail: "this route needs HTTP Basic: an ats token as user name and an empty password")
        case .malformed:
            return try unauthorized(request, context, "malformed", detail: "the Authorization header is malformed (HTTP Basic with an empty password is expected)")
        case .bearer:
            return try unauthorized(request, context, "bearer_not_accepted", detail: "this route accepts HTTP Basic only, as Greenhouse sends it")
        case .basic(let t):
            token = t
        }
        let now = clock.now()
        let principal: Principal
        switch try await store.verify(secret: token, now: now) {
        case .rejected(let reason):
            let detail = BearerAuthMiddleware<Context>.detail(reason)
            return try unauthorized(request, context, reason.rawValue, detail: detail)
        case .authenticated(let p):
            principal = p
        }
        if let limited = try BearerAuthMiddleware<Context>.rateLimited(principal, rateLimiter, now: now, request, context) { return limited }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "screener.token.id"] = "\(principal.tokenID)"
        return try await next(request, context)
    }

    func unauthorized(_ request: Request, _ context: Context, _ reason: String, detail: String) throws -> Response {
        context.logger.debug("authentication failed", metadata: ["screener.auth.failure": "\(reason)"])
        var response = try ProblemDetails(status: .unauthorized, code: ScreenerError.Code.unauthorized.rawValue, title: "Unauthorized", detail: detail)
            .response(from: request, context: context)
        response.headers[.wwwAuthenticate] = #"Basic realm="\#(realm)", charset="UTF-8""#
        return response
    }
}
