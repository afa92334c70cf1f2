import Foundation

/// Bounded retries with exponential backoff that honours `Retry-After` (a pure schedule).
///
/// Attempt `n` (1-based) that fails with a retryable outcome (HTTP 408, 429, 5xx, a timeout or a
/// connection error) is followed, if `n < maxAttempts`, by a wait of
///
///     delay(n) = min(maxDelay, baseDelay · 2^(n−1))
///
/// unless the reply carried `Retry-After` (delta-seconds or an HTTP-date), in which case the wait
/// is `min(maxRetryAfter, retryAfter)`. There is no jitter: one process talks to one provider, and
/// a deterministic schedule is testable.
public struct RetryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// Upper bound on a provider's `Retry-After` (a hostile or broken provider cannot park us).
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8), maxRetryAfter: Duration = .seconds(60)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait after failed attempt `attempt` (1-based), or nil when no attempt is left.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        if let r = retryAfter { return min(maxRetryAfter, max(.zero, r)) }
        let factor = pow(2.0, Double(max(0, attempt - 1)))
        let seconds = Double(baseDelay.components.seconds) + Double(baseDelay.components.attoseconds) / 1e18
        return min(maxDelay, .milliseconds(Int64((seconds * factor * 1000).rounded())))
    }

    /// Parses a `Retry-After` value: delta-seconds (`"2"`, also a decimal such as `"0.2"`) or an
    /// IMF-fixdate relative to `now`. Nil when absent or unreadable.
    public static func parseRetryAfter(_ value: String?, now: Date = Date()) -> Duration? {
        guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        if let s = Double(v), s.isFinite, s >= 0 { return .milliseconds(Int64((s * 1000).rounded())) }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let d = f.date(from: v) else { return nil }
        return .milliseconds(Int64(max(0, d.timeIntervalSince(now)) * 1000))
    }
}
