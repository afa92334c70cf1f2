import Foundation

/// The source of "now". Injected everywhere time matters (signature freshness, leases, experience
/// up to "Present"), so tests can pin it.
public protocol ScreenerClock: Sendable {
    func now() -> Date
}

public struct SystemClock: ScreenerClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that always answers the same instant.
public struct FixedClock: ScreenerClock {
    public var instant: Date
    public init(_ instant: Date) { self.instant = instant }
    public init(unix seconds: TimeInterval) { self.instant = Date(timeIntervalSince1970: seconds) }
    public func now() -> Date { instant }
}
