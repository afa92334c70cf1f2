/// A bounded least-recently-used map (a value type; wrap it in an actor to share it).
///
/// `get` and `set` are O(1) amortised on the map and O(n) for an eviction scan, which keeps the
/// code simple for the few thousand entries a response cache holds.
public struct LRUStore<Value> {
    public let capacity: Int
    private var entries: [String: (value: Value, tick: UInt64)] = [:]
    private var tick: UInt64 = 0

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    public var count: Int { entries.count }

    public mutating func get(_ key: String) -> Value? {
        guard let e = entries[key] else { return nil }
        tick += 1
        entries[key] = (e.value, tick)
        return e.value
    }

    public mutating func set(_ key: String, _ value: Value) {
        tick += 1
        entries[key] = (value, tick)
        while entries.count > capacity, let oldest = entries.min(by: { $0.value.tick < $1.value.tick })?.key {
            entries[oldest] = nil
        }
    }

    public func contains(_ key: String) -> Bool { entries[key] != nil }

    /// Removes every entry whose value matches; returns how many.
    @discardableResult
    public mutating func removeAll(where matches: (Value) -> Bool) -> Int {
        let doomed = entries.filter { matches($0.value.value) }.map(\.key)
        for k in doomed { entries[k] = nil }
        return doomed.count
    }
}
