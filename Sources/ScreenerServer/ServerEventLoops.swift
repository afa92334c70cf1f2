import Foundation
import Hummingbird
import NIOCore
import NIOPosix

extension EventLoopGroupProvider {
    /// The HTTP server's event loops: one per core, or `SCREENER_SERVER_EVENT_LOOPS`.
    ///
    /// Webhook deliveries are verified and answered on the loops (`WebhookIntakeHandler`) and
    /// commit on the store's writer thread; other handlers run on Swift's cooperative pool. On the
    /// 2-core benchmark machine, with wrk sharing the cores, two loops answered 15–20 % more
    /// deliveries per second than one (quiet machine, 2026-11-29). Before the intake fast path, when
    /// the loops only moved bytes, one loop had been about 10 % better.
    static var screener: EventLoopGroupProvider {
        .shared(ServerEventLoops.group)
    }
}

enum ServerEventLoops {
    /// The number of loops: `SCREENER_SERVER_EVENT_LOOPS` when set to a positive number, else one
    /// per core.
    static func count(environment: [String: String] = ProcessInfo.processInfo.environment, cores: Int = System.coreCount) -> Int {
        if let n = environment["SCREENER_SERVER_EVENT_LOOPS"].flatMap(Int.init), n > 0 { return n }
        return max(1, cores)
    }

    /// One group for the process (like NIO's singleton), so applications built in tests share it.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: count())
}
