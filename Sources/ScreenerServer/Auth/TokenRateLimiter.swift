import Foundation
import ScreenerCore
import Synchronization

/// A token bucket: `capacity` units, refilled continuously at `refillPerSecond`.
///
/// At time t, after the last update at u with level L:
///   level(t) = min(capacity, L + (t − u) · refillPerSecond)
/// A request is allowed when level(t) ≥ 1 and then spends one unit; otherwise it must wait
///   retryAfter = ⌈(1 − level(t)) / refillPerSecond⌉ seconds (at least 1).
/// A clock that goes backwards adds nothing (t − u is clamped at 0).
public struct TokenBucket: Sendable, Equatable {
    public var capacity: Double
    public var refillPerSecond: Double
    public private(set) var level: Double
    public private(set) var updatedAt: Date

    public init(capacity: Double, refillPerSecond: Double, now: Date) {
        precondition(capacity >= 1 && refillPerSecond > 0, "a bucket needs capacity ≥ 1 and a positive refill rate")
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
        self.level = capacity
        self.updatedAt = now
    }

    public enum Decision: Sendable, Equatable {
        case allowed(remaining: Int)
        case limited(retryAfter: Int)
    }

    public mutating func take(now: Date) -> Decision {
        let elapsed = max(0, now.timeIntervalSince(updatedAt))
        level = min(capacity, level + elapsed * refillPerSecond)
        updatedAt = max(updatedAt, now)
        if level >= 1 {
            level -= 1
            return .allowed(remaining: Int(level.rounded(.down)))
        }
        return .limited(retryAfter: max(1, Int(((1 - level) / refillPerSecond).rounded(.up))))
    }
}

/// Per-token rate limiting: one `TokenBucket` per token id, with a policy per role (the `ats` role
/// may need a larger burst than people). Pure apart from a mutex; time comes from the caller or the
/// injected clock. Memory is one bucket per token that made a request.
public final class TokenRateLimiter: Sendable {
    public struct Policy: Sendable, Equatable {
        /// Requests allowed at once (bucket capacity).
        public var burst: Int
        /// Sustained requests per second (refill rate).
        public var perSecond: Double
        public init(burst: Int, perSecond: Double) {
            self.burst = burst
            self.perSecond = perSecond
        }
        /// 120 at once, 20 per second sustained.
        public static let standard = Policy(burst: 120, perSecond: 20)
    }

    let policy: Policy
    let roleOverrides: [AccessRole: Policy]
    let clock: any ScreenerClock
    let buckets = Mutex<[String: TokenBucket]>([:])

    public init(policy: Policy = .standard, roleOverrides: [AccessRole: Policy] = [:], clock: any ScreenerClock = SystemClock()) {
        self.policy = policy
        self.roleOverrides = roleOverrides
        self.clock = clock
    }

    /// Spends one unit of `key`'s bucket at `now` (the clock's time when nil).
    public func take(key: String, role: AccessRole? = nil, now: Date? = nil) -> TokenBucket.Decision {
        let t = now ?? clock.now()
        let p = role.flatMap { roleOverrides[$0] } ?? policy
        return buckets.withLock { all in
            var bucket = all[key] ?? TokenBucket(capacity: Double(max(1, p.burst)), refillPerSecond: max(p.perSecond, 1e-9), now: t)
            let decision = bucket.take(now: t)
            all[key] = bucket
            return decision
        }
    }

    public func take(for principal: Principal, now: Date? = nil) -> TokenBucket.Decision {
        take(key: principal.tokenID, role: principal.role, now: now)
    }
}
