import Foundation
import ScreenerCore
import ScreenerServer
import ScreenerTestSupport
import Testing

/// The token bucket and the per-token limiter, pure (issue 7).
@Suite("Auth: token bucket rate limiter")
struct AuthRateLimiterTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a bucket allows its capacity at once, then answers retry-after from the refill rate")
    func bucket() {
        // Given 5 at once, 2 per second
        var b = TokenBucket(capacity: 5, refillPerSecond: 2, now: t0)
        // When 5 requests come at t0
        let first = (0..<5).map { _ in b.take(now: t0) }
        // Then all pass with falling remaining counts, and the 6th waits ⌈(1 − 0)/2⌉ = 1 s
        #expect(first == [.allowed(remaining: 4), .allowed(remaining: 3), .allowed(remaining: 2), .allowed(remaining: 1), .allowed(remaining: 0)])
        #expect(b.take(now: t0) == .limited(retryAfter: 1))
        // And after 0.5 s one unit has refilled
        #expect(b.take(now: t0.addingTimeInterval(0.5)) == .allowed(remaining: 0))
        #expect(b.take(now: t0.addingTimeInterval(0.5)) == .limited(retryAfter: 1))
        // And a long pause refills only up to capacity
        #expect(b.take(now: t0.addingTimeInterval(1000)) == .allowed(remaining: 4))
    }

    @Test("slow refill gives a longer Retry-After; a clock going backwards adds nothing")
    func slowRefill() {
        var b = TokenBucket(capacity: 1, refillPerSecond: 0.1, now: t0)
        #expect(b.take(now: t0) == .allowed(remaining: 0))
        #expect(b.take(now: t0) == .limited(retryAfter: 10))
        #expect(b.take(now: t0.addingTimeInterval(4)) == .limited(retryAfter: 6))
        #expect(b.take(now: t0.addingTimeInterval(-100)) == .limited(retryAfter: 6))
        #expect(b.take(now: t0.addingTimeInterval(10)) == .allowed(remaining: 0))
    }

    @Test("the limiter keeps one bucket per token and applies role overrides")
    func perToken() {
        let clock = MutableClock(t0)
        let limiter = TokenRateLimiter(policy: .init(burst: 1, perSecond: 1), roleOverrides: [.ats: .init(burst: 3, perSecond: 1)], clock: clock)
        let r = Principal(tokenID: "r", name: "r", role: .recruiter)
        let a = Principal(tokenID: "a", name: "a", role: .ats)
        #expect(limiter.take(for: r) == .allowed(remaining: 0))
        #expect(limiter.take(for: r) == .limited(retryAfter: 1))
        #expect((0..<3).map { _ in limiter.take(for: a) } == [.allowed(remaining: 2), .allowed(remaining: 1), .allowed(remaining: 0)])
        #expect(limiter.take(for: a) == .limited(retryAfter: 1))
        clock.advance(by: 1)
        #expect(limiter.take(for: r) == .allowed(remaining: 0))
    }
}
