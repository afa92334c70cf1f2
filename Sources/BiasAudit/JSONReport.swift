import Foundation

/// The encodable shape of `schemas/audit-report.schema.json`.
struct JSONReport: Encodable {
    struct Range: Encodable { var from: String; var to: String }
    struct Unknown: Encodable { var sex: Int; var raceEthnicity: Int; var intersection: Int }
    struct Interval: Encodable { var lower: Double; var upper: Double }
    struct Category: Encodable {
        var category: String
        var sex: Nullable<String>
        var race: Nullable<String>
        var n: Int
        var selected: Int
        var rate: Nullable<Double>
        var rateExact: Nullable<String>
        var ci95: Nullable<Interval>
        var share: Nullable<Double>
        var impactRatio: Nullable<Double>
        var impactRatioExact: Nullable<String>
        var fourFifthsFlag: Bool
        var reference: Bool
        var excluded: Bool
        var z: Nullable<Double>
        var zPValue: Nullable<Double>
        var chiSquare: Nullable<Double>
        var chiSquarePValue: Nullable<Double>
        var fisherPValue: Nullable<Double>
        var shortfallToParity: Nullable<Int>
        var shortfallToFourFifths: Nullable<Int>
        var warnings: [String]
    }
    struct Table: Encodable {
        var name: String
        var outcome: String
        var unknownCount: Int
        var knownCount: Int
        var reference: Nullable<String>
        var undefinedReason: Nullable<String>
        var exclusionJustification: Nullable<String>
        var categories: [Category]
    }
    struct Month: Encodable {
        var month: String
        var n: Int
        var selected: Int
        var rate: Nullable<Double>
        var lowestImpactRatio: [String: Nullable<Double>]
    }
    struct Job: Encodable {
        var job: String
        var n: Int
        var selected: Int
        var dateRange: Nullable<Range>
        var tables: [Table]
    }
    struct Flag: Encodable {
        var table: String
        var outcome: String
        var category: String
        var impactRatio: Double
        var impactRatioExact: String
        var significantAt05: Bool
    }

    var schemaVersion = AuditReport.schemaVersion
    var title: String
    var auditDate: String
    var dataSource: String
    var dateRange: Nullable<Range>
    var individuals: Int
    var undatedIndividuals: Int
    var scoredIndividuals: Int
    var medianScore: Nullable<Double>
    var unknownCounts: Unknown
    var exclusionThreshold: Nullable<Double>
    var tables: [Table]
    var monthly: [Month]
    var jobs: [Job]
    var flags: [Flag]
    var warnings: [String]
    var methodology: [String]
    var counterfactual: Nullable<CounterfactualReport>

    init(_ r: AuditReport) {
        func range(_ d: ClosedRange<CalendarDay>?) -> Nullable<Range> {
            Nullable(d.map { Range(from: $0.lowerBound.description, to: $0.upperBound.description) })
        }
        func unknown(_ name: String) -> Int { r.selectionTables.first { $0.name == name }?.unknownCount ?? 0 }
        title = r.title
        auditDate = r.auditDate.description
        dataSource = r.dataSource
        dateRange = range(r.dateRange)
        individuals = r.individuals
        undatedIndividuals = r.undatedIndividuals
        scoredIndividuals = r.scoredIndividuals
        medianScore = Nullable(r.medianScore)
        unknownCounts = Unknown(sex: unknown(LL144.sexTableName), raceEthnicity: unknown(LL144.raceTableName),
                                intersection: unknown(LL144.intersectionTableName))
        exclusionThreshold = Nullable(r.exclusionThreshold?.doubleValue)
        tables = r.allTables.map(JSONReport.table)
        monthly = r.monthly.map { m in
            Month(month: m.month, n: m.n, selected: m.selected, rate: Nullable(m.rate?.doubleValue),
                  lowestImpactRatio: [LL144.sexTableName, LL144.raceTableName].reduce(into: [:]) {
                      $0[$1] = Nullable(m.lowestImpactRatio($1)?.doubleValue)
                  })
        }
        jobs = r.jobs.map { j in
            Job(job: j.job, n: j.n, selected: j.selected, dateRange: range(j.dateRange), tables: j.tables.map(JSONReport.table))
        }
        flags = r.flags.map {
            Flag(table: $0.table, outcome: $0.outcome.rawValue, category: $0.category, impactRatio: $0.impactRatio.doubleValue,
                 impactRatioExact: $0.impactRatio.description, significantAt05: $0.significantAt05)
        }
        warnings = r.warnings
        methodology = r.methodology
        counterfactual = Nullable(r.counterfactual)
    }

    static func table(_ t: ImpactTable) -> Table {
        Table(
            name: t.name, outcome: t.outcome.rawValue, unknownCount: t.unknownCount, knownCount: t.knownCount,
            reference: Nullable(t.reference?.category), undefinedReason: Nullable(t.undefinedReason),
            exclusionJustification: Nullable(t.exclusionJustification),
            categories: t.rows.map { row in
                let s = row.significance
                return Category(
                    category: row.category, sex: Nullable(row.sex), race: Nullable(row.race), n: row.n, selected: row.selected,
                    rate: Nullable(row.rate?.doubleValue), rateExact: Nullable(row.rate?.description),
                    ci95: Nullable(WilsonInterval(successes: row.selected, trials: row.n).map { Interval(lower: $0.lower, upper: $0.upper) }),
                    share: Nullable(row.share?.doubleValue),
                    impactRatio: Nullable(row.impactRatio?.doubleValue), impactRatioExact: Nullable(row.impactRatio?.description),
                    fourFifthsFlag: row.fourFifthsFlag, reference: row.isReference, excluded: row.excluded,
                    z: Nullable(s?.zStatistic), zPValue: Nullable(s?.zPValue), chiSquare: Nullable(s?.chiSquare),
                    chiSquarePValue: Nullable(s?.chiSquarePValue), fisherPValue: Nullable(s?.fisherPValue),
                    shortfallToParity: Nullable(s?.shortfallToParity), shortfallToFourFifths: Nullable(s?.shortfallToFourFifths),
                    warnings: s?.warnings ?? [])
            })
    }
}
