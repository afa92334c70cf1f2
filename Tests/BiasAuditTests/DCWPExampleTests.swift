import Testing
import ScreenerCore
@testable import BiasAudit

/// Reproduces the worked examples in the NYC DCWP rule on automated employment decision tools,
/// 6 RCNY §5-301 (final rule adopted April 2023): the selection-rate example under §5-301(b)
/// (sex, race/ethnicity and intersectional tables) and the scoring-rate example under §5-301(c)/(d).
///
/// The counts are the rule's. The rule prints rates and ratios rounded (sex and race tables to whole
/// percents and 2 decimals, the intersectional table to 0.1 % and 3 decimals); we compare at that
/// precision, after computing exactly. The intersectional counts sum exactly to the sex table
/// (1,390/667 male, 1,181/555 female), so the sex table is computed from the same individuals. The
/// rule's race table is not the marginal of its intersectional table (Hispanic or Latino: 408/204 vs
/// 395/172), so it is reproduced from its own counts. For the scoring example only the sex table and
/// the first five race/ethnicity rows were reproduced (the remaining rows were not at hand).
@Suite("DCWP worked examples (6 RCNY §5-301)")
struct DCWPExampleTests {
    typealias R = Demographics.RaceEthnicity

    /// (race, sex, applicants, selected, published rate %, published impact ratio)
    static let intersection: [(R, Demographics.Sex, Int, Int, Double, Double)] = [
        (.hispanicOrLatino, .male, 205, 90, 43.9, 0.841),
        (.hispanicOrLatino, .female, 190, 82, 43.2, 0.827),
        (.white, .male, 412, 215, 52.2, 1.000),
        (.white, .female, 385, 197, 51.2, 0.981),
        (.black, .male, 226, 95, 42.0, 0.806),
        (.black, .female, 164, 75, 45.7, 0.876),
        (.nativeHawaiianOrPacificIslander, .male, 87, 37, 42.5, 0.815),
        (.nativeHawaiianOrPacificIslander, .female, 32, 15, 46.9, 0.898),
        (.asian, .male, 321, 167, 52.0, 0.997),
        (.asian, .female, 295, 135, 45.8, 0.877),
        (.americanIndianOrAlaskaNative, .male, 24, 11, 45.8, 0.878),
        (.americanIndianOrAlaskaNative, .female, 17, 7, 41.2, 0.789),
        (.twoOrMore, .male, 115, 52, 45.2, 0.866),
        (.twoOrMore, .female, 98, 44, 44.9, 0.860),
    ]

    /// (race, applicants, selected, published rate %, published impact ratio)
    static let race: [(R, Int, Int, Double, Double)] = [
        (.hispanicOrLatino, 408, 204, 50, 0.97),
        (.white, 797, 412, 52, 1.00),
        (.black, 390, 170, 44, 0.84),
        (.nativeHawaiianOrPacificIslander, 119, 52, 44, 0.85),
        (.asian, 616, 302, 49, 0.95),
        (.americanIndianOrAlaskaNative, 41, 18, 44, 0.85),
        (.twoOrMore, 213, 96, 45, 0.87),
    ]

    static func intersectionRecords(unknowns: Int = 0) -> [AuditInput.Record] {
        var rs = intersection.flatMap { r, s, n, sel, _, _ in Fixture.records("\(r)\(s)", sex: s, race: r, n: n, selected: sel) }
        rs += Fixture.records("unknown", sex: nil, race: nil, n: unknowns, selected: 0)
        return rs
    }

    @Test("Given the §5-301(b) intersectional counts, then the sex table matches the published one")
    func selectionSexTable() {
        let tables = LL144.selectionTables(Self.intersectionRecords(unknowns: 7))
        let sex = tables[0]
        #expect(sex.name == "sex")
        #expect(sex.unknownCount == 7)
        let male = Fixture.row(sex, "Male")!, female = Fixture.row(sex, "Female")!
        #expect((male.n, male.selected) == (1390, 667))
        #expect((female.n, female.selected) == (1181, 555))
        #expect(Fixture.rounded(male.rate!.doubleValue * 100, 0) == 48)
        #expect(Fixture.rounded(female.rate!.doubleValue * 100, 0) == 47)
        #expect(male.impactRatio == .one)
        #expect(Fixture.rounded(female.impactRatio!.doubleValue, 2) == 0.98)
        #expect(female.impactRatio == Rational(555 * 1390, 1181 * 667))
        #expect(!female.fourFifthsFlag)
    }

    @Test("Given the §5-301(b) intersectional counts, then every rate and ratio matches the published table",
          arguments: intersection)
    func selectionIntersectionRow(_ row: (R, Demographics.Sex, Int, Int, Double, Double)) {
        let (race, sex, n, selected, pct, ratio) = row
        let table = LL144.selectionTables(Self.intersectionRecords())[2]
        let r = Fixture.row(table, LL144.intersectionLabel(sex, race))!
        #expect((r.n, r.selected) == (n, selected))
        #expect(Fixture.rounded(r.rate!.doubleValue * 100, 1) == pct)
        #expect(Fixture.rounded(r.impactRatio!.doubleValue, 3) == ratio)
        #expect(r.impactRatio == Rational(selected, n) / Rational(215, 412))
        #expect(r.fourFifthsFlag == (ratio < 0.8))
    }

    @Test("Given the §5-301(b) intersection, then only American Indian or Alaska Native Female (0.789) is below 4/5")
    func selectionIntersectionFlags() {
        let table = LL144.selectionTables(Self.intersectionRecords())[2]
        #expect(table.flaggedRows.map(\.category) == ["American Indian or Alaska Native Female"])
        #expect(table.reference?.category == "White Male")
    }

    @Test("Given the §5-301(b) race/ethnicity counts, then every rate and ratio matches the published table")
    func selectionRaceTable() {
        let records = Self.race.flatMap { r, n, sel, _, _ in Fixture.records("\(r)", sex: nil, race: r, n: n, selected: sel) }
        let table = LL144.selectionTables(records)[1]
        #expect(table.unknownCount == 0)
        #expect(table.reference?.category == "White")
        for (race, n, selected, pct, ratio) in Self.race {
            let r = Fixture.row(table, race.rawValue)!
            #expect((r.n, r.selected) == (n, selected))
            #expect(Fixture.rounded(r.rate!.doubleValue * 100, 0) == pct, "\(race)")
            #expect(Fixture.rounded(r.impactRatio!.doubleValue, 2) == ratio, "\(race)")
        }
        #expect(table.flaggedRows.isEmpty)
    }

    @Test("Given the §5-301(b) race counts and the 2% exclusion, then American Indian or Alaska Native (41 of 2,584 = 1.6%) is excluded but still reported")
    func twoPercentExclusion() {
        let records = Self.race.flatMap { r, n, sel, _, _ in Fixture.records("\(r)", sex: nil, race: r, n: n, selected: sel) }
        let table = LL144.selectionTables(records, options: .init(excludeBelowShare: Rational(2, 100)))[1]
        let ai = Fixture.row(table, R.americanIndianOrAlaskaNative.rawValue)!
        #expect(ai.excluded)
        #expect(ai.n == 41 && ai.rate == Rational(18, 41))
        #expect(ai.impactRatio == nil && !ai.fourFifthsFlag && ai.significance == nil)
        #expect(ai.share == Rational(41, 2584))
        #expect(table.rows.filter(\.excluded).count == 1)
        #expect(table.exclusionJustification?.contains("American Indian or Alaska Native") == true)
        // Native Hawaiian or Other Pacific Islander is 4.6%: kept.
        #expect(Fixture.row(table, R.nativeHawaiianOrPacificIslander.rawValue)!.impactRatio != nil)
    }

    @Test("Given the §5-301(d) scoring example (culture-fit scores), then the scoring rates and ratios match the published ones")
    func scoringExample() throws {
        // Scores 0.9 (above) and 0.1 (below); 84 of 168 above, so the full-sample median is 0.5.
        var sexRecords = Fixture.records("m", sex: .male, race: nil, n: 92, selected: 50, scoreAbove: 0.9, scoreBelow: 0.1)
        sexRecords += Fixture.records("f", sex: .female, race: nil, n: 76, selected: 34, scoreAbove: 0.9, scoreBelow: 0.1)
        let sexScoring = try #require(LL144.scoringTables(sexRecords))
        #expect(sexScoring.median == 0.5)
        let male = Fixture.row(sexScoring.tables[0], "Male")!, female = Fixture.row(sexScoring.tables[0], "Female")!
        #expect(Fixture.rounded(male.rate!.doubleValue * 100, 1) == 54.3)
        #expect(Fixture.rounded(female.rate!.doubleValue * 100, 1) == 44.7)
        #expect(male.impactRatio == .one)
        #expect(Fixture.rounded(female.impactRatio!.doubleValue, 2) == 0.82)

        // Race rows as published: Hispanic or Latino 28 (64.2%, 1.00), White 40 (37.5%, 0.58),
        // Black 32 (50.0%, 0.78), Native Hawaiian or Pacific Islander 8 (62.5%, 0.97), Asian 24 (41.7%, 0.65).
        let rows: [(R, Int, Int, Double)] = [(.hispanicOrLatino, 28, 18, 1.00), (.white, 40, 15, 0.58), (.black, 32, 16, 0.78),
                                              (.nativeHawaiianOrPacificIslander, 8, 5, 0.97), (.asian, 24, 10, 0.65)]
        let raceRecords = rows.flatMap { r, n, above, _ in Fixture.records("\(r)", sex: nil, race: r, n: n, selected: above, scoreAbove: 0.9, scoreBelow: 0.1) }
        let raceScoring = try #require(LL144.scoringTables(raceRecords))
        for (race, n, above, ratio) in rows {
            let r = Fixture.row(raceScoring.tables[1], race.rawValue)!
            #expect((r.n, r.selected) == (n, above))
            #expect(Fixture.rounded(r.impactRatio!.doubleValue, 2) == ratio, "\(race)")
        }
        // The rule prints 64.2% for 18/28 = 64.29%; we report the exact value.
        #expect(Fixture.row(raceScoring.tables[1], "Hispanic or Latino")!.rate == Rational(9, 14))
    }
}
