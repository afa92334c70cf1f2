import Foundation

/// Tests of one category against the reference (highest-rate) category of the same table, on the
/// 2×2 table
///
/// ```
///              selected   not selected   total
/// category       a = s₁    b = n₁ − s₁     n₁
/// reference      c = s₂    d = n₂ − s₂     n₂
/// total          K = s₁+s₂ N − K           N = n₁ + n₂
/// ```
///
/// - Pooled two-proportion Z: `p̂ = K / N`, `z = (s₁/n₁ − s₂/n₂) / √(p̂ (1 − p̂) (1/n₁ + 1/n₂))`;
///   two-sided `p = erfc(|z| / √2)`. Undefined (nil) when `p̂ ∈ {0, 1}` (no variance).
/// - Pearson chi-square without continuity correction: `χ² = Σ (O − E)² / E` over the four cells,
///   `E = row total × column total / N`; one degree of freedom, so `p = P(χ²₁ ≥ χ²) = erfc(√(χ²/2))`.
///   For a 2×2 table `χ² = z²`. Undefined when any expected count is zero.
/// - Fisher's exact test, two-sided: with the margins fixed, `X = a` is hypergeometric,
///   `P(X = x) = C(K, x) C(N − K, n₁ − x) / C(N, n₁)`, computed in log space with `lgamma`;
///   `p = Σ P(X = x)` over every `x` with `P(X = x) ≤ P(X = a) · (1 + 10⁻⁷)` (the same relative
///   tolerance as SciPy's `fisher_exact`).
/// - Shortfall to parity: the fewest extra selections in the category that bring its rate up to the
///   reference rate, `⌈n₁ · s₂/n₂ − s₁⌉` (0 when already there), computed exactly.
/// - Shortfall to four-fifths: the fewest extra selections that lift the impact ratio to ≥ 4/5,
///   `⌈(4/5) · n₁ · s₂/n₂ − s₁⌉` (0 when already there).
public struct Significance: Sendable, Equatable, Codable {
    public var zStatistic: Double?
    public var zPValue: Double?
    public var chiSquare: Double?
    public var chiSquarePValue: Double?
    public var fisherPValue: Double?
    public var shortfallToParity: Int
    public var shortfallToFourFifths: Int
    /// Stable warning codes: `small_sample` (either group under 30), `low_expected_count`
    /// (an expected cell under 5, so prefer Fisher over Z and chi-square), `fisher_skipped`
    /// (support too large to enumerate; the asymptotic tests are reliable at that size).
    public var warnings: [String]

    /// Groups below this size get a `small_sample` warning.
    public static let smallSampleSize = 30
    /// The hypergeometric support is enumerated only up to this many points.
    public static let fisherSupportLimit = 20_000_000

    public init(
        zStatistic: Double?, zPValue: Double?, chiSquare: Double?, chiSquarePValue: Double?,
        fisherPValue: Double?, shortfallToParity: Int, shortfallToFourFifths: Int, warnings: [String]
    ) {
        self.zStatistic = zStatistic
        self.zPValue = zPValue
        self.chiSquare = chiSquare
        self.chiSquarePValue = chiSquarePValue
        self.fisherPValue = fisherPValue
        self.shortfallToParity = shortfallToParity
        self.shortfallToFourFifths = shortfallToFourFifths
        self.warnings = warnings
    }

    /// Compares `selected₁` of `n₁` (the category) against `selected₂` of `n₂` (the reference).
    public static func compare(selected s1: Int, of n1: Int, against s2: Int, of n2: Int) -> Significance {
        precondition(n1 > 0 && n2 > 0 && (0...n1).contains(s1) && (0...n2).contains(s2))
        let n = n1 + n2, k = s1 + s2
        var warnings: [String] = []
        if n1 < smallSampleSize || n2 < smallSampleSize { warnings.append("small_sample") }

        let z = zTest(s1, n1, s2, n2)
        let chi = chiSquareTest(a: s1, b: n1 - s1, c: s2, d: n2 - s2)
        let rowTotals = [n1, n2], colTotals = [k, n - k]
        let minExpected = rowTotals.flatMap { r in colTotals.map { Double(r) * Double($0) / Double(n) } }.min() ?? 0
        if minExpected < 5 { warnings.append("low_expected_count") }
        let fisher = fisherExactTwoSided(a: s1, b: n1 - s1, c: s2, d: n2 - s2)
        if fisher == nil { warnings.append("fisher_skipped") }

        let refRate = Rational(s2, n2)
        let parity = Rational(n1) * refRate - Rational(s1)
        let fourFifths = Rational.fourFifths * Rational(n1) * refRate - Rational(s1)
        return Significance(
            zStatistic: z?.z, zPValue: z?.p, chiSquare: chi?.statistic, chiSquarePValue: chi?.p,
            fisherPValue: fisher,
            shortfallToParity: max(0, parity.ceiling), shortfallToFourFifths: max(0, fourFifths.ceiling),
            warnings: warnings)
    }

    /// Pooled two-proportion Z test; nil when the pooled proportion is 0 or 1.
    public static func zTest(_ s1: Int, _ n1: Int, _ s2: Int, _ n2: Int) -> (z: Double, p: Double)? {
        let p1 = Double(s1) / Double(n1), p2 = Double(s2) / Double(n2)
        let pooled = Double(s1 + s2) / Double(n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))
        guard variance > 0 else { return nil }
        let z = (p1 - p2) / variance.squareRoot()
        return (z, erfc(abs(z) / 2.0.squareRoot()))
    }

    /// Pearson chi-square (no continuity correction) on a 2×2 table `[[a, b], [c, d]]`, 1 df.
    public static func chiSquareTest(a: Int, b: Int, c: Int, d: Int) -> (statistic: Double, p: Double)? {
        let cells = [[Double(a), Double(b)], [Double(c), Double(d)]]
        let rows = cells.map { $0[0] + $0[1] }
        let cols = [cells[0][0] + cells[1][0], cells[0][1] + cells[1][1]]
        let n = rows[0] + rows[1]
        var chi = 0.0
        for i in 0..<2 {
            for j in 0..<2 {
                let e = rows[i] * cols[j] / n
                guard e > 0 else { return nil }
                chi += (cells[i][j] - e) * (cells[i][j] - e) / e
            }
        }
        return (chi, erfc((chi / 2).squareRoot()))
    }

    /// `log C(n, k)` through `lgamma`.
    static func logChoose(_ n: Int, _ k: Int) -> Double {
        lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1)
    }

    /// Fisher's exact test, two-sided, on `[[a, b], [c, d]]`; nil when the support exceeds
    /// `fisherSupportLimit`.
    public static func fisherExactTwoSided(a: Int, b: Int, c: Int, d: Int) -> Double? {
        let n1 = a + b, k = a + c, n = a + b + c + d
        let lo = max(0, n1 - (n - k)), hi = min(k, n1)
        guard hi - lo <= fisherSupportLimit else { return nil }
        let logDenominator = logChoose(n, n1)
        func logP(_ x: Int) -> Double { logChoose(k, x) + logChoose(n - k, n1 - x) - logDenominator }
        let observed = logP(a)
        // Compare in log space: P(x) ≤ P(a)(1 + 1e-7) ⇔ log P(x) ≤ log P(a) + log1p(1e-7).
        let cutoff = observed + log1p(1e-7)
        var total = 0.0
        for x in lo...hi {
            let lp = logP(x)
            if lp <= cutoff { total += exp(lp) }
        }
        return min(1, total)
    }
}
