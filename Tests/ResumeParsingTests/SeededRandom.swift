/// A fixed-seed linear congruential generator (Knuth's MMIX constants): the random-text tests
/// that compare a fast path with its reference draw the same inputs on every run.
struct SeededRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<n`.
    mutating func next(_ n: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(n))
    }

    /// One to `most + 1` pieces drawn at random, joined.
    mutating func text(of pieces: [String], most: Int) -> String {
        (0...next(most)).map { _ in pieces[next(pieces.count)] }.joined()
    }

    /// `count` texts of `text(of:most:)`, from a generator seeded with `seed`.
    static func texts(of pieces: [String], count: Int, most: Int, seed: UInt64) -> [String] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in rng.text(of: pieces, most: most) }
    }
}
