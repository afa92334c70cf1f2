import Foundation
import Hummingbird
import NIOCore
import NIOPosix

extension EventLoopGroupProvider {
    /// The HTTP server's event loops: one per two cores (at least one), or `SCREENER_SERVER_EVENT_LOOPS`.
    ///
    /// The loops only parse HTTP and move bytes; handlers run on Swift's cooperative pool and
    /// deliveries commit on the store's writer thread. On the 2-core benchmark machine, where wrk
    /// shares the cores, one loop instead of NIO's default one per core answered about 10 % more
    /// webhook deliveries per second (fewer threads contending for the same two cores).
    static var screener: EventLoopGroupProvider {
        .shared(ServerEventLoops.group)
    }
}

enum ServerEventLoops {
    /// The number of loops: `SCREENER_SERVER_EVENT_LOOPS` when set to a positive number, else
    /// `max(1, cores / 2)`.
    static func count(environment: [String: String] = ProcessInfo.processInfo.environment, cores: Int = System.coreCount) -> Int {
        if let n = environment["SCREENER_SERVER_EVENT_LOOPS"].flatMap(Int.init), n > 0 { return n }
        return max(1, cores / 2)
    }

    /// One group for the process (like NIO's singleton), so applications built in tests share it.
    static let group = MultiThreadedEventLoopGroup(numberOfThreads: count())
}
