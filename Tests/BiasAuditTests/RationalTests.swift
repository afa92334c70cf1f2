import Testing
@testable import BiasAudit

@Suite("Exact rationals")
struct RationalTests {
    @Test func reducesAndNormalisesSign() {
        #expect(Rational(6, -8) == Rational(-3, 4))
        #expect(Rational(0, 5) == .zero)
        #expect(Rational(10, 5).description == "2")
        #expect(Rational(-3, 4).description == "-3/4")
    }

    @Test("Given 2/3 and 5/6, when divided exactly, then the ratio is exactly 4/5 although Double says otherwise")
    func twoThirdsOverFiveSixthsIsExactlyFourFifths() {
        let ratio = Rational(2, 3) / Rational(5, 6)
        #expect(ratio == .fourFifths)
        #expect(!(ratio < .fourFifths))
        // The floating-point quotient falls just below 0.8: exactly why thresholds use rationals.
        #expect((2.0 / 3.0) / (5.0 / 6.0) < 0.8)
    }

    @Test("Given counts near 10^9, when compared, then the order is exact")
    func largeCountsCompareExactly() {
        let a = Rational(799_999_999, 1_000_000_000), b = Rational(800_000_000, 1_000_000_000)
        #expect(a < b)
        #expect(b == .fourFifths)
        let r = Rational(999_999_937, 1_000_000_000) / Rational(999_999_999, 1_000_000_000)
        #expect(r < .one)
        #expect(Rational(Int.max, 3) > Rational(Int.max - 1, 3))
    }

    @Test(arguments: [(Rational(7, 2), 4, 3), (Rational(-7, 2), -3, -4), (Rational(4), 4, 4), (Rational(-1, 3), 0, -1)])
    func ceilingAndFloor(value: Rational, ceiling: Int, floor: Int) {
        #expect(value.ceiling == ceiling)
        #expect(value.floor == floor)
    }

    @Test func arithmetic() {
        #expect(Rational(1, 3) + Rational(1, 6) == Rational(1, 2))
        #expect(Rational(1, 3) - Rational(1, 2) == Rational(-1, 6))
        #expect(Rational(3, 4) * Rational(2, 9) == Rational(1, 6))
    }
}
