import Foundation
import Hummingbird
import ScreenerCore

/// Bounds the time a request may take, body upload included: past its route's limit the handler is
/// cancelled and the client gets 503 `request_timeout` (problem+json, `Retry-After`), so a slow or
/// stuck request cannot hold a connection and its memory indefinitely.
///
/// Limits by path (`server.timeouts`): webhooks 10 s (ATSs retry, and intake is idempotent on the
/// delivery id, so a timed-out delivery that did commit is deduped on redelivery), audits 120 s
/// (they tabulate whole jobs), everything else 30 s. Cancellation is cooperative: body reads,
/// outbound HTTP and sleeps stop at once; a store call in flight finishes first (milliseconds).
struct RequestTimeoutMiddleware<Context: RequestContext>: RouterMiddleware {
    let timeouts: ScreenerConfiguration.RequestTimeouts

    struct TimedOut: Error {}

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let limit = timeouts.seconds(forPath: request.uri.path)
        let response: Response? = try await withoutActuallyEscaping(next) { next in
            // The group awaits both children before it returns, so `next` never outlives this call.
            nonisolated(unsafe) let handler = next
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await handler(request, context) }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(Int(limit * 1000)))
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        }
        guard let response else {
            throw Self.problem(limit: limit)
        }
        return response
    }

    /// The answer past the limit (the webhook fast path gives the same).
    static func problem(limit: Double) -> ProblemDetails {
        ProblemDetails(
            status: .serviceUnavailable, code: "request_timeout", title: "Request timed out",
            detail: "the request did not complete within \(format(limit)) s; retry later", retryAfter: 5)
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
