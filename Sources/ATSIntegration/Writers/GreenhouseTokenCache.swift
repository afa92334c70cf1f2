import Foundation
import ScreenerCore

/// Holds one Greenhouse Harvest v3 access token and refreshes it when it is about to expire.
///
/// A cached token is used while `now < expiresAt − margin` (margin 60 s). Concurrent callers that
/// find no usable token share one in-flight fetch, so N parallel deliveries cost one token request.
/// `invalidate(_:)` drops a token the API refused (401) so the next call fetches a fresh one.
actor GreenhouseTokenCache {
    struct Token: Sendable, Equatable {
        var value: String
        var expiresAt: Date
    }

    enum Outcome: Sendable {
        case token(Token)
        case failed(PostBackResult)
    }

    static let margin: TimeInterval = 60
    private var token: Token?
    private var inFlight: Task<Outcome, Never>?
    /// How many token requests were started (for tests and metrics).
    private(set) var fetchCount = 0

    func get(now: Date, fetch: @escaping @Sendable () async -> Outcome) async -> Outcome {
        if let token, now < token.expiresAt.addingTimeInterval(-Self.margin) { return .token(token) }
        if let inFlight { return await inFlight.value }
        fetchCount += 1
        let task = Task { await fetch() }
        inFlight = task
        let outcome = await task.value
        inFlight = nil
        if case .token(let t) = outcome { token = t }
        return outcome
    }

    func invalidate(_ value: String) {
        if token?.value == value { token = nil }
    }
}
