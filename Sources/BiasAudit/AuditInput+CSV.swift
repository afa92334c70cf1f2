import Foundation
import ScreenerCore

extension AuditInput {
    /// Reads individuals from CSV (RFC 4180: comma separated, `"` quoting, CRLF or LF).
    ///
    /// The header names the columns, in any order and letter case: `id`, `sex`, `race` and
    /// `selected` are required; `score`, `job` and `date` are optional; any other column is ignored.
    /// - `sex`: `Male`/`Female` (also `M`/`F`); `race`: an EEO-1 category name (a trailing
    ///   "(Not Hispanic or Latino)" and a few common short forms are accepted). An empty cell is
    ///   unknown.
    /// - `selected`: `0`, `1`, `true` or `false` (any case); required.
    /// - `score`: a finite number, or empty when the person was not scored.
    /// - `date`: `YYYY-MM-DD`, `YYYY-MM` or an ISO 8601 timestamp; empty when unknown.
    ///
    /// Errors are `ScreenerError(.invalidInput)` naming the line and column, never the cell's value
    /// (cells can hold personal data).
    public static func parseCSV(_ data: Data) throws -> AuditInput {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScreenerError(.invalidInput, "CSV is not valid UTF-8")
        }
        return try parseCSV(text)
    }

    public static func parseCSV(_ text: String) throws -> AuditInput {
        var header: CSVReader.Row?
        var column: [String: Int] = [:]
        var records: [Record] = []
        var seen = Set<String>()
        try CSVReader.forEachRow(text) { row in
            guard let header else {
                header = row
                column = try columns(of: row)
                return
            }
            if let r = try record(row, header: header, column: column, seen: &seen) { records.append(r) }
        }
        guard header != nil else { throw ScreenerError(.invalidInput, "CSV is empty") }
        return AuditInput(records: records)
    }

    private static func columns(of header: CSVReader.Row) throws -> [String: Int] {
        var column: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() {
            let key = name.trimmingCharacters(in: .whitespaces).lowercased()
            if column[key] != nil, ["id", "sex", "race", "selected", "score", "job", "date"].contains(key) {
                throw ScreenerError(.invalidInput, "line 1: duplicate column '\(key)'")
            }
            if column[key] == nil { column[key] = i }
        }
        for required in ["id", "sex", "race", "selected"] where column[required] == nil {
            throw ScreenerError(.invalidInput, "line 1: missing required column '\(required)'")
        }
        return column
    }

    /// One record from one data row; nil for a blank row.
    private static func record(
        _ row: CSVReader.Row, header: CSVReader.Row, column: [String: Int], seen: inout Set<String>
    ) throws -> Record? {
        if row.fields.allSatisfy({ Categories.trim($0).isEmpty }) { return nil }
        func cell(_ name: String) -> String? {
            guard let i = column[name] else { return nil }
            return i < row.fields.count ? Categories.trim(row.fields[i]) : ""
        }
        func fail(_ what: String) -> ScreenerError {
            ScreenerError(.invalidInput, "line \(row.line): \(what)")
        }
        if row.fields.count != header.fields.count {
            throw fail("expected \(header.fields.count) fields, found \(row.fields.count)")
        }
        let id = cell("id")!
        guard !id.isEmpty else { throw fail("empty id") }
        let job = cell("job").flatMap { $0.isEmpty ? nil : $0 }
        guard seen.insert((job ?? "") + "\u{1F}" + id).inserted else { throw fail("duplicate id") }

        let sexText = cell("sex")!
        let sex: Demographics.Sex?
        if sexText.isEmpty { sex = nil } else {
            guard let s = Categories.sex(sexText) else { throw fail("unrecognised sex category (expected Male, Female or empty)") }
            sex = s
        }
        let raceText = cell("race")!
        let race: Demographics.RaceEthnicity?
        if raceText.isEmpty { race = nil } else {
            guard let r = Categories.race(raceText) else { throw fail("unrecognised race/ethnicity category (expected an EEO-1 name or empty)") }
            race = r
        }
        let selected: Bool
        switch cell("selected")!.lowercased() {
        case "1", "true": selected = true
        case "0", "false": selected = false
        case "": throw fail("empty 'selected' (expected 0, 1, true or false)")
        default: throw fail("invalid 'selected' (expected 0, 1, true or false)")
        }
        var score: Double?
        if let s = cell("score"), !s.isEmpty {
            guard let v = Double(s), v.isFinite else { throw fail("invalid 'score' (expected a number)") }
            score = v
        }
        var date: CalendarDay?
        if let d = cell("date"), !d.isEmpty {
            guard let v = CalendarDay(iso: d) else { throw fail("invalid 'date' (expected YYYY-MM-DD)") }
            date = v
        }
        return Record(id: id, sex: sex, race: race, selected: selected, score: score, job: job, date: date)
    }
}
