import Foundation

/// The Wilson score interval for a binomial proportion, used for the confidence bars on selection
/// rates:
///
/// `centre = (p̂ + z²/(2n)) / (1 + z²/n)`,
/// `half-width = z / (1 + z²/n) · √(p̂(1 − p̂)/n + z²/(4n²))`,
/// with `p̂ = s/n` and `z = 1.959963984540054` for 95 %. Nil when `n = 0`.
public struct WilsonInterval: Sendable, Equatable, Codable {
    public var lower: Double
    public var upper: Double

    public static let z95 = 1.959963984540054

    public init?(successes s: Int, trials n: Int, z: Double = WilsonInterval.z95) {
        guard n > 0, (0...n).contains(s) else { return nil }
        let nn = Double(n), p = Double(s) / nn, z2 = z * z
        let denom = 1 + z2 / nn
        let centre = (p + z2 / (2 * nn)) / denom
        let half = z / denom * (p * (1 - p) / nn + z2 / (4 * nn * nn)).squareRoot()
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }
}
