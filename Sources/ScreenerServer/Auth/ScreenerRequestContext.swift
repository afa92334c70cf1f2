import Hummingbird
import ScreenerCore

/// A request context that can carry the authenticated caller. `BearerAuthMiddleware` fills
/// `principal`; `RequireRole` and handlers read it.
public protocol PrincipalRequestContext: RequestContext {
    var principal: Principal? { get set }
}

/// The request context for every route: Hummingbird's core storage plus the authenticated
/// `principal` (nil on open routes: webhooks, which are signed, and health endpoints).
///
/// Wiring: `Application+build.swift` declares `public typealias ScreenerRequestContext =
/// BasicRequestContext`; replace that line with `public typealias ScreenerRequestContext =
/// AuthRequestContext` (or rename this struct and delete the typealias).
public struct AuthRequestContext: PrincipalRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var principal: Principal?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.principal = nil
    }
}
