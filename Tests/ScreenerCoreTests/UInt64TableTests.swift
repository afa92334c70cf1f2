@testable import ScreenerCore
import Testing

@Suite("UInt64Table")
struct UInt64TableTests {
    @Test("answers as a Dictionary does, through growth, for structured and random keys")
    func matchesDictionary() {
        var table = UInt64Table()
        var reference: [UInt64: Int32] = [:]
        var state: UInt64 = 42
        func random() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        // Trie-edge-like keys (node << 32 | token << 1 | flag), colliding low bits, 0 and all ones.
        var keys: [UInt64] = [0, .max, 1 << 63]
        for node in 0..<200 { for token in 0..<20 { keys.append(UInt64(node) << 32 | UInt64(token) << 1 | UInt64(node & 1)) } }
        for _ in 0..<20_000 { keys.append(random()) }
        for (n, k) in keys.enumerated() {
            table[k] = Int32(n)
            reference[k] = Int32(n)
        }
        // Updates keep one entry per key.
        for k in keys.prefix(100) {
            table[k] = -7
            reference[k] = -7
        }
        #expect(table.count == reference.count)
        for k in keys { #expect(table[k] == reference[k]) }
        for _ in 0..<20_000 {
            let k = random()
            #expect(table[k] == reference[k])
        }
    }
}
