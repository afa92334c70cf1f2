/// A hash table from `UInt64` keys to `Int32` values, for the skill matcher's token and trie-edge
/// look-ups: one multiply to place a key (Fibonacci hashing) and linear probing over flat arrays,
/// where `Dictionary` runs SipHash over every key. Grows only; there is no removal.
struct UInt64Table: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    /// Whether a slot holds a key (any `UInt64` is a valid key, so no key can mark an empty slot).
    private var used: [Bool]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 16)
        values = Array(repeating: 0, count: 16)
        used = Array(repeating: false, count: 16)
        shift = 64 - 4
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(key: UInt64) -> Int32? {
        get {
            let mask = keys.count - 1
            var i = slot(key)
            while used[i] {
                if keys[i] == key { return values[i] }
                i = (i + 1) & mask
            }
            return nil
        }
        set {
            // Only insertions and updates: the matcher's index never removes a key.
            guard let newValue else { preconditionFailure("UInt64Table does not remove keys") }
            if (count + 1) * 2 > keys.count { grow() }
            let mask = keys.count - 1
            var i = slot(key)
            while used[i] {
                if keys[i] == key { values[i] = newValue; return }
                i = (i + 1) & mask
            }
            used[i] = true
            keys[i] = key
            values[i] = newValue
            count += 1
        }
    }

    private mutating func grow() {
        let old = (keys, values, used)
        let capacity = keys.count * 2
        keys = Array(repeating: 0, count: capacity)
        values = Array(repeating: 0, count: capacity)
        used = Array(repeating: false, count: capacity)
        shift -= 1
        count = 0
        for i in 0..<old.0.count where old.2[i] { self[old.0[i]] = old.1[i] }
    }
}
