import Foundation
import Logging
import ScreenerCore
import ServiceLifecycle

/// Purges expired data on a schedule (`retention:` in the configuration), logging counts only.
public struct RetentionSweeper: Service {
    let store: any PipelineStore
    let policy: RetentionPolicy
    let interval: TimeInterval
    let clock: any ScreenerClock
    let logger: Logger

    public init(store: any PipelineStore, policy: RetentionPolicy, interval: TimeInterval = 3600, clock: any ScreenerClock, logger: Logger) {
        self.store = store
        self.policy = policy
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await sweepOnce()
            // An hour-long sleep must end at graceful shutdown, or SIGTERM would wait for it.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .milliseconds(Int(interval * 1000))) }
        }
    }

    /// One sweep; returns what it purged (nil when the store failed: the next sweep tries again).
    @discardableResult
    public func sweepOnce() async -> RetentionReport? {
        do {
            let r = try await store.purgeExpired(policy, now: clock.now())
            if r.total > 0 {
                logger.info("retention sweep purged expired data", metadata: [
                    "screener.retention.raw_events": "\(r.rawEvents)", "screener.retention.documents": "\(r.documents)",
                    "screener.retention.parses": "\(r.parses)", "screener.retention.scores": "\(r.scores)",
                ])
            }
            return r
        } catch {
            logger.warning("retention sweep failed; will retry", metadata: ["screener.error.code": "\((error as? ScreenerError)?.code.rawValue ?? "store")"])
            return nil
        }
    }
}
