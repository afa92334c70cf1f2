import Testing
@testable import BiasAudit

/// Expected values come from SciPy 1.17 via `scripts/audit/crosscheck.py` (committed in
/// `CrossCheckExpected.swift`).
@Suite("Significance against SciPy")
struct SignificanceTests {
    @Test("Given a 2×2 table, then Z, chi-square, their p-values and Fisher's exact p match SciPy",
          arguments: CrossCheckExpected.significance)
    func matchesScipy(_ e: CrossCheckExpected.Sig) {
        let s = Significance.compare(selected: e.s1, of: e.n1, against: e.s2, of: e.n2)
        #expect(relativelyClose(s.zStatistic, e.z, 1e-9) || (e.z == 0 && s.zStatistic == 0))
        #expect(relativelyClose(s.chiSquare, e.chi2, 1e-9) || (e.chi2 == 0 && s.chiSquare == 0))
        #expect(relativelyClose(s.zPValue, e.zP, 1e-7))
        #expect(relativelyClose(s.chiSquarePValue, e.zP, 1e-7))
        #expect(relativelyClose(s.fisherPValue, e.fisherP, 1e-7), "fisher \(String(describing: s.fisherPValue)) vs \(e.fisherP)")
        #expect(s.shortfallToParity == e.shortfallParity)
        #expect(s.shortfallToFourFifths == e.shortfallFourFifths)
    }

    @Test("Given small groups, then the small-sample and low-expected-count warnings are raised")
    func smallSampleWarnings() {
        let s = Significance.compare(selected: 1, of: 4, against: 7, of: 8)
        #expect(s.warnings.contains("small_sample"))
        #expect(s.warnings.contains("low_expected_count"))
        let big = Significance.compare(selected: 555, of: 1181, against: 667, of: 1390)
        #expect(big.warnings.isEmpty)
    }

    @Test("Given no variance (nobody selected anywhere), then Z and chi-square are undefined and Fisher is 1")
    func noVariance() {
        let s = Significance.compare(selected: 0, of: 10, against: 0, of: 10)
        #expect(s.zStatistic == nil && s.chiSquare == nil)
        #expect(s.fisherPValue == 1)
    }

    @Test("Given a count, then the Wilson 95% interval matches SciPy", arguments: CrossCheckExpected.wilson)
    func wilsonMatchesScipy(_ e: CrossCheckExpected.Wilson) throws {
        let w = try #require(WilsonInterval(successes: e.k, trials: e.n))
        #expect(abs(w.lower - e.lower) < 1e-12)
        #expect(abs(w.upper - e.upper) < 1e-12)
    }
}

@Suite("Significance at scale")
struct SignificanceScaleTests {
    @Test("Given counts near 10^9, then Z is defined, Fisher is skipped with a warning and the shortfall is exact")
    func hugeCounts() {
        let s = Significance.compare(selected: 400_000_000, of: 1_000_000_000, against: 500_000_001, of: 1_000_000_000)
        #expect(s.fisherPValue == nil)
        #expect(s.warnings.contains("fisher_skipped"))
        #expect((s.zStatistic ?? 0) < -1000)
        #expect(s.shortfallToParity == 100_000_001)
        // 4/5 · 500,000,001 = 400,000,000.8, so one more selection lifts the ratio to 4/5 or above.
        #expect(s.shortfallToFourFifths == 1)
        #expect(Rational(400_000_000, 1_000_000_000) / Rational(500_000_001, 1_000_000_000) < .fourFifths)
        #expect(!(Rational(400_000_001, 1_000_000_000) / Rational(500_000_001, 1_000_000_000) < .fourFifths))
    }
}
