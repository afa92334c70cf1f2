import Testing
import ScreenerCore
@testable import BiasAudit

@Suite("Unknown categories, undefined ratios and the median rule")
struct UnknownAndUndefinedTests {
    @Test("Given nobody selected, then every impact ratio is undefined (nil), never 0 or 1, and nothing is flagged")
    func allRatesZeroIsUndefined() {
        let rs = Fixture.records("m", sex: .male, race: .white, n: 10, selected: 0)
            + Fixture.records("f", sex: .female, race: .asian, n: 12, selected: 0)
        for t in LL144.selectionTables(rs) {
            #expect(t.undefinedReason == "all_rates_zero")
            #expect(t.rows.allSatisfy { $0.impactRatio == nil && !$0.fourFifthsFlag && !$0.isReference })
            #expect(t.reference == nil)
        }
        let male = Fixture.row(LL144.selectionTables(rs)[0], "Male")!
        #expect(male.rate == .zero)
    }

    @Test("Given a category with no individuals, then its rate and ratio are undefined while the others are computed")
    func emptyCategoryIsUndefined() {
        let rs = Fixture.records("m", sex: .male, race: .white, n: 10, selected: 5)
        let race = LL144.selectionTables(rs)[1]
        #expect(Fixture.row(race, "White")!.impactRatio == .one)
        let asian = Fixture.row(race, "Asian")!
        #expect(asian.n == 0 && asian.rate == nil && asian.impactRatio == nil && !asian.fourFifthsFlag)
        #expect(race.undefinedReason == nil)
    }

    @Test("Given only unknowns, then the tables report the unknown count and no data")
    func onlyUnknowns() {
        let rs = Fixture.records("u", sex: nil, race: nil, n: 5, selected: 2)
        for t in LL144.selectionTables(rs) {
            #expect(t.unknownCount == 5)
            #expect(t.knownCount == 0)
            #expect(t.undefinedReason == "no_data")
        }
    }

    @Test("Given partly identified people, then each table counts its own unknowns and leaves them out of the rates")
    func unknownCountsPerTable() {
        let rs = Fixture.records("a", sex: .male, race: nil, n: 4, selected: 4)
            + Fixture.records("b", sex: nil, race: .black, n: 3, selected: 0)
            + Fixture.records("c", sex: .female, race: .black, n: 5, selected: 1)
        let t = LL144.selectionTables(rs)
        #expect(t[0].unknownCount == 3)   // sex unknown
        #expect(t[1].unknownCount == 4)   // race unknown
        #expect(t[2].unknownCount == 7)   // either unknown
        #expect(Fixture.row(t[0], "Male")!.rate == .one)
        #expect(Fixture.row(t[1], "Black or African American")!.rate == Rational(1, 8))
        #expect(Fixture.row(t[2], "Black or African American Female")!.rate == Rational(1, 5))
    }

    @Test("Median with ties: a score equal to the median does not count as above it",
          arguments: [
            ([1.0, 2, 2, 2, 3], 2.0, 1),      // odd count, median tied three times
            ([1.0, 2, 2, 3], 2.0, 1),         // even count, both middle values tie
            ([1.0, 2, 3, 4], 2.5, 2),         // even count, median between values
            ([5.0, 5, 5, 5], 5.0, 0),         // everyone tied: nobody above
          ])
    func medianRule(scores: [Double], median: Double, above: Int) throws {
        let rs = scores.enumerated().map { i, s in
            AuditInput.Record(id: "\(i)", sex: .female, race: .white, selected: false, score: s)
        }
        let scoring = try #require(LL144.scoringTables(rs))
        #expect(scoring.median == median)
        #expect(Fixture.row(scoring.tables[0], "Female")!.selected == above)
    }

    @Test("Given every score tied, then all scoring rates are zero and the scoring ratios are undefined")
    func allTiedScoresUndefined() throws {
        let rs = (0..<6).map { AuditInput.Record(id: "\($0)", sex: $0 % 2 == 0 ? .male : .female, race: .asian, selected: true, score: 3) }
        let scoring = try #require(LL144.scoringTables(rs))
        #expect(scoring.tables.allSatisfy { $0.undefinedReason == "all_rates_zero" })
    }

    @Test("Given unknown-category people, then they still count towards the full-sample median")
    func medianIncludesUnknowns() throws {
        let rs = [
            AuditInput.Record(id: "1", sex: .male, race: nil, selected: false, score: 1),
            AuditInput.Record(id: "2", sex: nil, race: nil, selected: false, score: 10),
            AuditInput.Record(id: "3", sex: nil, race: nil, selected: false, score: 10),
            AuditInput.Record(id: "4", sex: .female, race: nil, selected: false, score: 9),
            AuditInput.Record(id: "5", sex: .male, race: nil, selected: false, score: 8),
        ]
        let scoring = try #require(LL144.scoringTables(rs))
        #expect(scoring.median == 9)
        #expect(Fixture.row(scoring.tables[0], "Female")!.selected == 0)
        #expect(scoring.tables[0].unknownCount == 2)
        #expect(scoring.tables[0].undefinedReason == "all_rates_zero")
    }
}
