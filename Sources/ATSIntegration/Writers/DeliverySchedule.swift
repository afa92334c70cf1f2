import Foundation

/// When the outbox tries a post-back again. Pure.
///
/// The schedule is the wait before each attempt: `w = [0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 24 h]`,
/// so attempt 1 goes at once and attempt 8 is the last. After attempt `n` (1-based) fails:
///
/// - if `n ≥ w.count` there is no next attempt: `nil`, the post-back goes to the dead letter;
/// - otherwise, with `r` uniform in `[0, 1)` and jitter fraction `j` (0.2 by default),
///   `jittered = w[n] × (1 + j × (2r − 1))` (±20 %), and
///   `delay = min(cap, max(jittered, serverRequested ?? 0))` with `cap = 24 h`.
///
/// A server's `Retry-After` is honoured when it asks for longer than the schedule; a request longer
/// than the cap is cut to the cap (the attempt still counts). Negative or non-finite requests are
/// ignored, and `r` is clamped into `[0, 1)`.
public struct DeliverySchedule: Sendable, Equatable {
    public var waits: [TimeInterval]
    public var jitterFraction: Double
    public var cap: TimeInterval

    public static let standard = DeliverySchedule(
        waits: [0, 5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 24 * 3600],
        jitterFraction: 0.2,
        cap: 24 * 3600
    )

    public init(waits: [TimeInterval], jitterFraction: Double, cap: TimeInterval) {
        self.waits = waits
        self.jitterFraction = jitterFraction
        self.cap = cap
    }

    /// How many attempts a post-back gets before the dead letter.
    public var maxAttempts: Int { waits.count }

    /// The delay before attempt `afterAttempt + 1`, or `nil` when `afterAttempt` was the last.
    public func nextAttemptDelay(afterAttempt attempt: Int, serverRequested: TimeInterval?, random: Double) -> TimeInterval? {
        guard attempt >= 1, attempt < waits.count else { return nil }
        let r = random.isFinite ? min(max(random, 0), 0.999_999_999) : 0.5
        let jittered = waits[attempt] * (1 + jitterFraction * (2 * r - 1))
        var requested: TimeInterval = 0
        if let s = serverRequested, s.isFinite, s > 0 { requested = s }
        return min(cap, max(jittered, requested))
    }
}
