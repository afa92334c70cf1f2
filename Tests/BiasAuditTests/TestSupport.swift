import Foundation
import ScreenerCore
@testable import BiasAudit

/// Builders shared by the BiasAudit tests.
enum Fixture {
    /// `n` records of one category, the first `selected` of them selected.
    static func records(
        _ prefix: String, sex: Demographics.Sex?, race: Demographics.RaceEthnicity?, n: Int, selected: Int,
        scoreAbove: Double? = nil, scoreBelow: Double? = nil, job: String? = nil, date: CalendarDay? = nil
    ) -> [AuditInput.Record] {
        (0..<n).map { i in
            AuditInput.Record(
                id: "\(prefix)-\(i)", sex: sex, race: race, selected: i < selected,
                score: i < selected ? scoreAbove : scoreBelow, job: job, date: date)
        }
    }

    static let auditDay = CalendarDay(year: 2026, month: 11, day: 29)

    static func options(exclude: Rational? = nil) -> AuditRates.Options {
        AuditRates.Options(title: "Test audit", auditDate: auditDay, dataSource: "synthetic test data", excludeBelowShare: exclude)
    }

    /// `<repo>/../shared/data`, found from this file; nil when absent.
    static func sharedData(_ file: String = #filePath) -> URL? {
        let repo = URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = repo.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// `<repo>/schemas/audit-report.schema.json`.
    static func schemaURL(_ file: String = #filePath) -> URL {
        URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("schemas/audit-report.schema.json")
    }

    static func row(_ table: ImpactTable, _ category: String) -> ImpactTable.Row? {
        table.rows.first { $0.category == category }
    }

    /// Rounds like a published table: `x` to `digits` decimals.
    static func rounded(_ x: Double, _ digits: Int) -> Double {
        let p = pow(10.0, Double(digits))
        return (x * p).rounded() / p
    }
}

func relativelyClose(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    if a == b { return true }
    return abs(a - b) <= tolerance * max(abs(a), abs(b), 1e-300)
}
