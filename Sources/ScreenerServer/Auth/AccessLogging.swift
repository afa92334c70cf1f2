import Foundation
import Hummingbird
import ScreenerCore

/// Appends access-log entries from handlers: who (the request's principal) did what to which
/// resource. Handlers call it before answering with personal data; if the entry cannot be written
/// the call throws and the handler must not serve the data (the store error becomes 503).
///
///     try await deps.accessLogging.record(context, .read, .candidate, id: candidateID)
public struct AccessLogging: Sendable {
    let store: any AccessControlStore
    let clock: any ScreenerClock

    public init(store: any AccessControlStore, clock: any ScreenerClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Records `action` on `resource` (`id` nil for a list) by `principal`.
    public func record(_ principal: Principal, _ action: AccessLogEntry.Action, _ resource: AccessLogEntry.ResourceType, id: String?, outcome: AccessLogEntry.Outcome = .ok) async throws {
        try await store.appendAccess(AccessLogEntry(at: clock.now(), principal: principal, action: action, resourceType: resource, resourceID: id, outcome: outcome))
    }

    /// Records for the request's principal; a request without one (a route wired without
    /// `BearerAuthMiddleware`) is refused with 401 rather than served unlogged.
    public func record<Context: PrincipalRequestContext>(_ context: Context, _ action: AccessLogEntry.Action, _ resource: AccessLogEntry.ResourceType, id: String?, outcome: AccessLogEntry.Outcome = .ok) async throws {
        guard let principal = context.principal else {
            throw ProblemDetails(status: .unauthorized, code: ScreenerError.Code.unauthorized.rawValue, title: "Unauthorized", detail: "this route needs a token")
        }
        try await record(principal, action, resource, id: id, outcome: outcome)
    }
}
