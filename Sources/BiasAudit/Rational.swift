import ScreenerCore

/// An exact fraction `numerator / denominator` of machine integers, always reduced, with a
/// positive denominator. Used wherever a threshold decides (four-fifths flag, 2 % exclusion), so
/// that `2/3 ÷ 5/6 = 4/5` is exactly four-fifths and not `0.7999…`.
///
/// Comparison is exact for every `Int` value: `a/b < c/d ⇔ a·d < c·b` (denominators positive),
/// evaluated with 128-bit products (`multipliedFullWidth`), so it never overflows.
/// Multiplication and division cancel common factors first (`(a/b)·(c/d) = (a/g₁ · c/g₂) / (b/g₂ · d/g₁)`
/// with `g₁ = gcd(a, d)`, `g₂ = gcd(c, b)`); with counts up to 10⁹ every product stays below 10¹⁸ < 2⁶³.
/// An operation whose reduced result would still overflow traps rather than wrapping.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let numerator: Int
    public let denominator: Int

    /// `numerator / denominator`, reduced. The denominator must not be zero.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "Rational with zero denominator")
        let sign = denominator < 0 ? -1 : 1
        let g = Rational.gcd(numerator, denominator)
        self.numerator = sign * numerator / g
        self.denominator = sign * denominator / g
    }

    public init(_ integer: Int) { self.init(integer, 1) }

    public static let zero = Rational(0, 1)
    public static let one = Rational(1, 1)
    /// The four-fifths threshold of 29 CFR 1607.4(D).
    public static let fourFifths = Rational(4, 5)

    /// Greatest common divisor, always positive (gcd(0, 0) is taken as 1).
    public static func gcd(_ a: Int, _ b: Int) -> Int {
        var x = a.magnitude, y = b.magnitude
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : Int(x)
    }

    public var doubleValue: Double { Double(numerator) / Double(denominator) }
    public var isZero: Bool { numerator == 0 }
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    public static func < (a: Rational, b: Rational) -> Bool {
        let l = a.numerator.multipliedFullWidth(by: b.denominator)
        let r = b.numerator.multipliedFullWidth(by: a.denominator)
        return l.high != r.high ? l.high < r.high : l.low < r.low
    }

    public static func * (a: Rational, b: Rational) -> Rational {
        let g1 = gcd(a.numerator, b.denominator), g2 = gcd(b.numerator, a.denominator)
        return Rational(checkedMul(a.numerator / g1, b.numerator / g2), checkedMul(a.denominator / g2, b.denominator / g1))
    }

    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(b.numerator != 0, "Rational division by zero")
        return a * Rational(b.denominator, b.numerator)
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        let g = gcd(a.denominator, b.denominator)
        let n = checkedAdd(checkedMul(a.numerator, b.denominator / g), checkedMul(b.numerator, a.denominator / g))
        return Rational(n, checkedMul(a.denominator / g, b.denominator))
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + Rational(-b.numerator, b.denominator) }

    /// The smallest integer `≥ self`.
    public var ceiling: Int {
        let q = numerator / denominator, r = numerator % denominator
        return r > 0 ? q + 1 : q
    }

    /// The largest integer `≤ self`.
    public var floor: Int {
        let q = numerator / denominator, r = numerator % denominator
        return r < 0 ? q - 1 : q
    }

    private static func checkedMul(_ a: Int, _ b: Int) -> Int {
        let (v, o) = a.multipliedReportingOverflow(by: b)
        precondition(!o, "Rational overflow")
        return v
    }

    private static func checkedAdd(_ a: Int, _ b: Int) -> Int {
        let (v, o) = a.addingReportingOverflow(b)
        precondition(!o, "Rational overflow")
        return v
    }

    // Codable as the string "p/q", so that no precision is lost in transit.
    public init(from decoder: any Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        let parts = s.split(separator: "/")
        guard let n = parts.first.flatMap({ Int($0) }), parts.count <= 2 else {
            throw ScreenerError(.invalidInput, "malformed rational")
        }
        let d = parts.count == 2 ? Int(parts[1]) : 1
        guard let d, d != 0 else { throw ScreenerError(.invalidInput, "malformed rational") }
        self.init(n, d)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
