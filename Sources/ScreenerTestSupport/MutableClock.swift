import Foundation
import ScreenerCore
import Synchronization

/// A clock tests move by hand.
public final class MutableClock: ScreenerClock {
    private let instant: Mutex<Date>
    public init(_ start: Date) { instant = Mutex(start) }
    public func now() -> Date { instant.withLock { $0 } }
    public func advance(by seconds: TimeInterval) { instant.withLock { $0 = $0.addingTimeInterval(seconds) } }
    public func set(_ date: Date) { instant.withLock { $0 = date } }
}

/// A log handler that keeps every rendered line, so tests can check what was logged.
public final class CapturingLogSink: Sendable {
    private let lines = Mutex<[String]>([])
    public init() {}
    public func append(_ line: String) { lines.withLock { $0.append(line) } }
    public var all: [String] { lines.withLock { $0 } }
}
