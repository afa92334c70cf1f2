import ScreenerCore

/// The tables of a NYC Local Law 144 bias audit (6 RCNY §5-301): sex, race/ethnicity and the
/// intersection sex × race/ethnicity, for selection rates and, when scores exist, scoring rates.
///
/// - Selection: `s_g` = number selected in category `g`, over everyone in `g`.
/// - Scoring: `m` = median score of the full scored sample (every scored individual, known or
///   unknown category): the middle value when the count is odd, the mean of the two middle values
///   when it is even. `s_g` = number in `g` scoring strictly above `m` (a score equal to the median
///   does not count), over the scored individuals in `g`.
/// - Unknown: an individual without a sex (race) is counted as unknown in the sex (race) table and
///   takes no part in its rates; in the intersection table, one missing either is unknown.
public enum LL144 {
    public static let sexTableName = "sex"
    public static let raceTableName = "race_ethnicity"
    public static let intersectionTableName = "intersection"

    /// Intersection label, e.g. "Hispanic or Latino Female".
    public static func intersectionLabel(_ sex: Demographics.Sex, _ race: Demographics.RaceEthnicity) -> String {
        "\(race.rawValue) \(sex.rawValue)"
    }

    /// Intersection label, or nil when the race/ethnicity is unknown.
    static func intersectionLabel(_ sex: Demographics.Sex, _ race: Demographics.RaceEthnicity?) -> String? {
        race.map { intersectionLabel(sex, $0) }
    }

    /// The three selection-rate tables.
    public static func selectionTables(
        _ records: [AuditInput.Record], options: ImpactTable.Options = .init(), namePrefix: String = ""
    ) -> [ImpactTable] {
        tables(records, outcome: .selection, positive: \.selected, options: options, namePrefix: namePrefix)
    }

    /// The median and three scoring-rate tables, nil when nobody was scored.
    public static func scoringTables(
        _ records: [AuditInput.Record], options: ImpactTable.Options = .init(), namePrefix: String = ""
    ) -> (median: Double, tables: [ImpactTable])? {
        let scored = records.filter { $0.score != nil }
        guard let m = median(scored.map { $0.score! }) else { return nil }
        return (m, tables(scored, outcome: .scoring, positive: { $0.score! > m }, options: options, namePrefix: namePrefix))
    }

    /// Median of `values`: the middle order statistic for an odd count, the mean of the two middle
    /// ones for an even count; nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] : s[mid - 1] / 2 + s[mid] / 2
    }

    static func tables(
        _ records: [AuditInput.Record], outcome: ImpactTable.Outcome,
        positive: (AuditInput.Record) -> Bool, options: ImpactTable.Options, namePrefix: String
    ) -> [ImpactTable] {
        let sexes = Demographics.Sex.allCases, races = Demographics.RaceEthnicity.allCases
        let sexIndex = Dictionary(uniqueKeysWithValues: sexes.enumerated().map { ($1, $0) })
        let raceIndex = Dictionary(uniqueKeysWithValues: races.enumerated().map { ($1, $0) })
        // One pass: n and positives per (sex, race) cell, with index `count` meaning unknown.
        let rows = sexes.count + 1, cols = races.count + 1
        var n = [Int](repeating: 0, count: rows * cols), pos = n
        for r in records {
            let i = r.sex.map { sexIndex[$0]! } ?? sexes.count
            let j = r.race.map { raceIndex[$0]! } ?? races.count
            n[i * cols + j] += 1
            if positive(r) { pos[i * cols + j] += 1 }
        }
        func sum(_ a: [Int], sex i: Int?, race j: Int?) -> Int {
            var t = 0
            for a0 in 0..<rows where i == nil || a0 == i { for b0 in 0..<cols where j == nil || b0 == j { t += a[a0 * cols + b0] } }
            return t
        }
        let sexTallies = sexes.enumerated().map { i, s in
            ImpactTable.Tally(category: s.rawValue, sex: s.rawValue, n: sum(n, sex: i, race: nil), selected: sum(pos, sex: i, race: nil))
        }
        let raceTallies = races.enumerated().map { j, r in
            ImpactTable.Tally(category: r.rawValue, race: r.rawValue, n: sum(n, sex: nil, race: j), selected: sum(pos, sex: nil, race: j))
        }
        var crossTallies: [ImpactTable.Tally] = []
        for (j, r) in races.enumerated() {
            for (i, s) in sexes.enumerated() {
                crossTallies.append(.init(category: intersectionLabel(s, r), sex: s.rawValue, race: r.rawValue,
                                          n: n[i * cols + j], selected: pos[i * cols + j]))
            }
        }
        let unknownSex = sum(n, sex: sexes.count, race: nil), unknownRace = sum(n, sex: nil, race: races.count)
        let unknownEither = records.count - crossTallies.reduce(0) { $0 + $1.n }
        return [
            ImpactTable.compute(name: namePrefix + sexTableName, outcome: outcome, tallies: sexTallies,
                                unknownCount: unknownSex, options: options),
            ImpactTable.compute(name: namePrefix + raceTableName, outcome: outcome, tallies: raceTallies,
                                unknownCount: unknownRace, options: options),
            ImpactTable.compute(name: namePrefix + intersectionTableName, outcome: outcome, tallies: crossTallies,
                                unknownCount: unknownEither, options: options),
        ]
    }
}
