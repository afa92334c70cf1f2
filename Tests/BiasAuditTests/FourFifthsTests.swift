import Testing
@testable import BiasAudit

@Suite("Four-fifths rule, 29 CFR 1607.4(D)")
struct FourFifthsTests {
    func table(_ tallies: [(String, Int, Int)]) -> ImpactTable {
        ImpactTable.compute(name: "t", outcome: .selection,
                            tallies: tallies.map { .init(category: $0.0, n: $0.1, selected: $0.2) }, unknownCount: 0)
    }

    @Test("Given rates 2/3 and 5/6, then the ratio is exactly 4/5 and NOT flagged")
    func exactlyFourFifthsIsNotFlagged() {
        let t = table([("A", 6, 5), ("B", 3, 2)])
        let b = Fixture.row(t, "B")!
        #expect(b.impactRatio == Rational(4, 5))
        #expect(b.fourFifthsFlag == false)
    }

    @Test("Given ratios just either side of 4/5 in exact arithmetic, then only the lower is flagged",
          arguments: [(800, 1000, false), (799, 1000, true), (801, 1000, false),
                      (800_000_000, 1_000_000_000, false), (799_999_999, 1_000_000_000, true)])
    func boundary(selected: Int, of n: Int, flagged: Bool) {
        let t = table([("Top", n, n), ("Other", n, selected)])
        #expect(Fixture.row(t, "Other")!.impactRatio == Rational(selected, n))
        #expect(Fixture.row(t, "Other")!.fourFifthsFlag == flagged)
        #expect(Fixture.row(t, "Top")!.fourFifthsFlag == false)
    }

    @Test("EEOC Uniform Guidelines Q&A: 48 of 80 whites (60%) vs 12 of 40 blacks (30%) → impact ratio 50%, flagged")
    func eeocAdverseImpactExample() {
        let t = table([("White", 80, 48), ("Black", 40, 12)])
        let black = Fixture.row(t, "Black")!
        #expect(Fixture.row(t, "White")!.rate == Rational(3, 5))
        #expect(black.rate == Rational(3, 10))
        #expect(black.impactRatio == Rational(1, 2))
        #expect(black.fourFifthsFlag)
        #expect(t.reference?.category == "White")
        // 12 more selections would equalise the rates (24/40 = 60%); 8 more reach the 4/5 line.
        #expect(black.significance?.shortfallToParity == 12)
        #expect(black.significance?.shortfallToFourFifths == 8)
    }
}
