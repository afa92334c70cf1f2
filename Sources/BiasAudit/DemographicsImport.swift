import Foundation
import ScreenerCore

/// `screener audit import-demographics FILE.csv`: voluntary EEO-1 self-identification for
/// candidates already in the store.
///
/// Columns (header required, any order and letter case): `id` (a Screener candidate id `cand_…`,
/// or `integration:ATS candidate id`), `sex`, `race`; every other column is kept as a configured
/// extra dimension only when named in `otherDimensions`, and ignored otherwise. Category names are
/// EEO-1's (the same spellings `audit rates` accepts); an empty cell is unknown. A row whose every
/// dimension is empty is skipped. Errors name the line and column, never a cell's value.
public enum DemographicsImport {
    public static func parse(_ data: Data, otherDimensions: [String] = []) throws -> [DemographicsImportRow] {
        guard let text = String(data: data, encoding: .utf8) else { throw ScreenerError(.invalidInput, "CSV is not valid UTF-8") }
        var header: CSVReader.Row?
        var column: [String: Int] = [:]
        var rows: [DemographicsImportRow] = []
        var seen = Set<String>()
        let others = otherDimensions.map { $0.lowercased() }
        try CSVReader.forEachRow(text) { row in
            guard let h = header else {
                header = row
                for (i, name) in row.fields.enumerated() {
                    let key = name.trimmingCharacters(in: .whitespaces).lowercased()
                    if column[key] != nil { throw ScreenerError(.invalidInput, "line 1: duplicate column '\(key)'") }
                    column[key] = i
                }
                for required in ["id", "sex", "race"] where column[required] == nil {
                    throw ScreenerError(.invalidInput, "line 1: missing required column '\(required)'")
                }
                return
            }
            if row.fields.allSatisfy({ Categories.trim($0).isEmpty }) { return }
            func fail(_ what: String) -> ScreenerError { ScreenerError(.invalidInput, "line \(row.line): \(what)") }
            guard row.fields.count == h.fields.count else { throw fail("expected \(h.fields.count) fields, found \(row.fields.count)") }
            func cell(_ name: String) -> String { column[name].map { Categories.trim(row.fields[$0]) } ?? "" }
            let id = cell("id")
            guard !id.isEmpty else { throw fail("empty id") }
            guard seen.insert(id).inserted else { throw fail("duplicate id") }
            var d = Demographics()
            let sex = cell("sex"), race = cell("race")
            if !sex.isEmpty {
                guard let s = Categories.sex(sex) else { throw fail("unrecognised sex category (expected Male, Female or empty)") }
                d.sex = s
            }
            if !race.isEmpty {
                guard let r = Categories.race(race) else { throw fail("unrecognised race/ethnicity category (expected an EEO-1 name or empty)") }
                d.race = r
            }
            for name in others {
                let v = cell(name)
                if !v.isEmpty { d.other[name] = v }
            }
            if d != Demographics() { rows.append(DemographicsImportRow(id: id, demographics: d)) }
        }
        guard header != nil else { throw ScreenerError(.invalidInput, "CSV is empty") }
        return rows
    }
}
