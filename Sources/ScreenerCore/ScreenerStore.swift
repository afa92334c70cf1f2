import Foundation

/// The persistence seam. `Storage` provides `SQLiteStore` (and later a PostgreSQL store); both pass
/// the same test suite. No database type appears in this API.
public protocol ScreenerStore: Sendable {
    /// Applies every pending named migration. Idempotent.
    func migrate() async throws
    /// Names of migrations that exist in code but are not applied yet (empty means ready).
    func pendingMigrations() async throws -> [String]
    /// A cheap round trip to the database, for `/readyz`.
    func ping() async throws

    /// Stores a verified delivery and its work item in one transaction. A delivery whose
    /// `(integration, dedupeKey)` exists already is not stored again and queues nothing.
    func recordDelivery(_ delivery: NewRawEvent) async throws -> RecordOutcome
    /// `recordDelivery` for a caller outside Swift concurrency (the HTTP event loop's intake path):
    /// `completion` runs exactly once, on any thread, after the commit that holds the row (or with
    /// the error). The default implementation runs the async method in a task.
    func recordDelivery(_ delivery: NewRawEvent, completion: @escaping @Sendable (Result<RecordOutcome, any Error>) -> Void)

    func event(id: String) async throws -> RawEvent?
    func events(_ filter: EventFilter) async throws -> [RawEvent]

    /// Claims up to `limit` ready work items under a lease of `lease` seconds for `owner`.
    /// Items whose lease has expired are claimable again (their attempt still counts).
    func claimWork(owner: String, limit: Int, lease: TimeInterval, now: Date) async throws -> [WorkItem]
    /// Marks an item done; `result` (e.g. the mapped event JSON) is stored with the event.
    func completeWork(_ item: WorkItem, result: Data?, now: Date) async throws
    /// Records a failed attempt. A `permanent` failure, or one after the last attempt, quarantines the
    /// item and its event with `reason`; otherwise the item is retried after `policy.delay(after:)`.
    @discardableResult
    func failWork(_ item: WorkItem, reason: String, permanent: Bool, policy: RetryPolicy, now: Date) async throws -> WorkItem.State
    /// Puts a quarantined (or processed) event back on the queue with a fresh attempt budget.
    func replay(eventID: String, now: Date) async throws
    /// Work items queued or leased.
    func queueDepth() async throws -> Int
}

/// A verified webhook delivery, as it is about to be stored.
public struct NewRawEvent: Sendable {
    public var integration: String
    public var profile: String
    public var dedupeKey: String
    public var eventType: String
    /// Only the headers an audit needs (delivery ids, timestamps): never secrets or signatures' keys.
    public var headers: [String: String]
    public var body: Data
    public var receivedAt: Date
    public var maxAttempts: Int

    public init(integration: String, profile: String, dedupeKey: String, eventType: String, headers: [String: String], body: Data, receivedAt: Date, maxAttempts: Int = 8) {
        self.integration = integration
        self.profile = profile
        self.dedupeKey = dedupeKey
        self.eventType = eventType
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
        self.maxAttempts = maxAttempts
    }
}

public enum RecordOutcome: Sendable, Equatable {
    case stored(eventID: String)
    case duplicate(eventID: String)

    public var eventID: String {
        switch self {
        case .stored(let id), .duplicate(let id): id
        }
    }

    public var isDuplicate: Bool {
        if case .duplicate = self { return true }
        return false
    }
}

/// A stored webhook delivery.
public struct RawEvent: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case queued, processed, quarantined
    }
    public var id: String
    public var integration: String
    public var profile: String
    public var dedupeKey: String
    public var eventType: String
    public var headers: [String: String]
    public var body: Data
    public var receivedAt: Date
    public var status: Status
    public var attempts: Int
    public var lastError: String?
    /// The canonical event the profile mapped it to, once processed.
    public var mapped: Data?

    public init(id: String, integration: String, profile: String, dedupeKey: String, eventType: String, headers: [String: String], body: Data, receivedAt: Date, status: Status, attempts: Int, lastError: String?, mapped: Data?) {
        self.id = id
        self.integration = integration
        self.profile = profile
        self.dedupeKey = dedupeKey
        self.eventType = eventType
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
        self.status = status
        self.attempts = attempts
        self.lastError = lastError
        self.mapped = mapped
    }
}

public struct EventFilter: Sendable {
    public var status: RawEvent.Status?
    public var integration: String?
    public var limit: Int
    public init(status: RawEvent.Status? = nil, integration: String? = nil, limit: Int = 100) {
        self.status = status
        self.integration = integration
        self.limit = limit
    }
}

/// A unit of queued work for one event.
public struct WorkItem: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        case queued, leased, done, quarantined
    }
    public var id: Int64
    public var eventID: String
    public var integration: String
    public var profile: String
    public var state: State
    /// Attempts started so far, including the current one.
    public var attempts: Int
    public var maxAttempts: Int
    public var leaseOwner: String?
    public var leaseExpiresAt: Date?

    public init(id: Int64, eventID: String, integration: String, profile: String, state: State, attempts: Int, maxAttempts: Int, leaseOwner: String?, leaseExpiresAt: Date?) {
        self.id = id
        self.eventID = eventID
        self.integration = integration
        self.profile = profile
        self.state = state
        self.attempts = attempts
        self.maxAttempts = maxAttempts
        self.leaseOwner = leaseOwner
        self.leaseExpiresAt = leaseExpiresAt
    }
}

/// Exponential backoff: the delay after attempt `n` (1-based) is
/// `min(maxDelay, baseDelay × multiplier^(n−1))`, then scaled by a jitter factor in
/// `[1 − jitter, 1]` drawn from `random`. With `jitter = 0` the schedule is exact.
public struct RetryPolicy: Sendable, Equatable {
    public var baseDelay: TimeInterval
    public var multiplier: Double
    public var maxDelay: TimeInterval
    public var jitter: Double

    public init(baseDelay: TimeInterval = 2, multiplier: Double = 4, maxDelay: TimeInterval = 3600, jitter: Double = 0.2) {
        self.baseDelay = baseDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    public func delay(after attempt: Int, random: Double = Double.random(in: 0...1)) -> TimeInterval {
        let n = max(1, attempt)
        let raw = min(maxDelay, baseDelay * pow(multiplier, Double(n - 1)))
        return raw * (1 - jitter * random)
    }
}

extension ScreenerStore {
    public func recordDelivery(_ delivery: NewRawEvent, completion: @escaping @Sendable (Result<RecordOutcome, any Error>) -> Void) {
        Task {
            do { completion(.success(try await recordDelivery(delivery))) } catch { completion(.failure(error)) }
        }
    }
}
