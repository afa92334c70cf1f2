import Hummingbird
import ScreenerCore

/// Restricts a route group to some roles. Runs after `BearerAuthMiddleware`: no principal → 401
/// (the group was wired without authentication, so refuse rather than serve), a role outside
/// `roles` → 403 problem+json.
public struct RequireRole<Context: PrincipalRequestContext>: RouterMiddleware {
    public let roles: Set<AccessRole>

    public init(_ roles: Set<AccessRole>) {
        self.roles = roles
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let principal = context.principal else {
            var response = try ProblemDetails(status: .unauthorized, code: ScreenerError.Code.unauthorized.rawValue, title: "Unauthorized", detail: "this route needs a token: Authorization: Bearer <token>")
                .response(from: request, context: context)
            response.headers[.wwwAuthenticate] = #"Bearer realm="screener""#
            return response
        }
        guard roles.contains(principal.role) else {
            context.logger.debug("role refused", metadata: ["screener.token.id": "\(principal.tokenID)", "screener.token.role": "\(principal.role.rawValue)"])
            let allowed = roles.sorted().map(\.rawValue).joined(separator: ", ")
            return try ProblemDetails(
                status: .forbidden, code: ScreenerError.Code.forbidden.rawValue, title: "Forbidden",
                detail: "the role '\(principal.role.rawValue)' may not use this route (allowed: \(allowed))"
            ).response(from: request, context: context)
        }
        return try await next(request, context)
    }
}
