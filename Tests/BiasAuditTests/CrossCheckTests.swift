import Testing
import Foundation
@testable import BiasAudit

/// The seeded synthetic audit from `scripts/audit/crosscheck.py`, whose every table was computed
/// independently with Python's exact `fractions` and `statistics.median`.
@Suite("Cross-check against an independent implementation")
struct CrossCheckTests {
    static func report() throws -> AuditReport {
        try AuditRates.run(csv: Data(CrossCheckExpected.syntheticCSV.utf8), options: Fixture.options())
    }

    @Test("Given the synthetic CSV, then every category's n, count, exact rate, exact ratio and flag match the Python values")
    func everyRowMatches() throws {
        let report = try Self.report()
        for e in CrossCheckExpected.rows {
            let tables = e.outcome == "selection" ? report.selectionTables : report.scoringTables
            let table = try #require(tables.first { $0.name == e.table })
            let row = try #require(Fixture.row(table, e.category), "\(e.table)/\(e.category)")
            #expect(row.n == e.n && row.selected == e.selected, "\(e.outcome)/\(e.table)/\(e.category)")
            #expect(row.rate == e.rate, "\(e.outcome)/\(e.table)/\(e.category)")
            #expect(row.impactRatio == e.ratio, "\(e.outcome)/\(e.table)/\(e.category)")
            #expect(row.fourFifthsFlag == e.flag, "\(e.outcome)/\(e.table)/\(e.category)")
        }
        // Categories absent from the Python output have no individuals.
        let expected = Set(CrossCheckExpected.rows.map { "\($0.outcome)/\($0.table)/\($0.category)" })
        for t in report.allTables {
            for r in t.rows where !expected.contains("\(t.outcome.rawValue)/\(t.name)/\(r.category)") {
                #expect(r.n == 0)
            }
        }
    }

    @Test("Given the synthetic CSV, then unknown counts, the median and the scored count match")
    func unknownsAndMedian() throws {
        let report = try Self.report()
        for t in report.allTables {
            #expect(CrossCheckExpected.unknownCounts["\(t.outcome.rawValue)/\(t.name)"] == t.unknownCount, "\(t.name)")
        }
        #expect(report.medianScore == CrossCheckExpected.median)
        #expect(report.scoredIndividuals == CrossCheckExpected.scoredCount)
        #expect(report.individuals == 400)
        #expect(report.flags.contains { $0.table == "sex" && $0.category == "Female" } == CrossCheckExpected.rows.contains { $0.outcome == "selection" && $0.table == "sex" && $0.category == "Female" && $0.flag })
    }

    @Test("Given the synthetic CSV with two jobs over six months, then the trend, per-job tables and date range are built")
    func trendsAndJobs() throws {
        let report = try Self.report()
        #expect(report.monthly.map(\.month) == ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06"])
        #expect(report.monthly.reduce(0) { $0 + $1.n } == 400)
        #expect(report.jobs.map(\.job).sorted() == ["J-100", "J-200"])
        #expect(report.jobs.reduce(0) { $0 + $1.n } == 400)
        // Pooled = per-category sums across jobs.
        for category in ["Male", "Female"] {
            let pooled = Fixture.row(report.selectionTables[0], category)!
            let perJob = report.jobs.map { Fixture.row($0.tables[0], category)! }
            #expect(pooled.n == perJob.reduce(0) { $0 + $1.n })
            #expect(pooled.selected == perJob.reduce(0) { $0 + $1.selected })
        }
        let range = try #require(report.dateRange)
        #expect(range.lowerBound.monthKey == "2025-01" && range.upperBound.monthKey == "2025-06")
    }
}

@Suite("Selecting records by job and date")
struct AuditInputFilterTests {
    @Test("Given a job and a date range, then only that job's records within the range (inclusive) remain")
    func filterByJobAndDates() throws {
        let input = try AuditInput.parseCSV(CrossCheckExpected.syntheticCSV)
        let from = CalendarDay(year: 2025, month: 2, day: 1), to = CalendarDay(year: 2025, month: 3, day: 31)
        let subset = input.filtered(job: "J-100", from: from, to: to)
        #expect(!subset.records.isEmpty)
        #expect(subset.records.allSatisfy { $0.job == "J-100" && from <= $0.date! && $0.date! <= to })
        let expected = input.records.filter { $0.job == "J-100" && $0.date! >= from && $0.date! <= to }.count
        #expect(subset.records.count == expected)
        #expect(input.filtered().records.count == input.records.count)
        let report = try AuditRates.run(input: subset, options: Fixture.options())
        #expect(report.monthly.map(\.month) == ["2025-02", "2025-03"])
    }

    @Test("Given the same input twice, then the JSON is byte-identical (so a hash of it identifies the result)")
    func deterministicJSON() throws {
        let a = try AuditRates.run(csv: Data(CrossCheckExpected.syntheticCSV.utf8), options: Fixture.options()).render(.json)
        let b = try AuditRates.run(csv: Data(CrossCheckExpected.syntheticCSV.utf8), options: Fixture.options()).render(.json)
        #expect(a == b)
    }
}
