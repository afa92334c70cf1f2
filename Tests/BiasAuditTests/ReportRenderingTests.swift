import Testing
import Foundation
import ScreenerCore
import ScreenerTestSupport
@testable import BiasAudit

@Suite("Report renderers")
struct ReportRenderingTests {
    static func report() throws -> AuditReport {
        try AuditRates.run(csv: Data(CrossCheckExpected.syntheticCSV.utf8), options: Fixture.options(exclude: Rational(2, 100)))
    }

    static func validator() throws -> SchemaValidator {
        try #require(JSONSchemaCheck.available, "python3 with jsonschema is needed (make test installs it)")
        return SchemaValidator(schema: Fixture.schemaURL())
    }

    @Test("Given a report, then its JSON validates against schemas/audit-report.schema.json")
    func jsonMatchesSchema() throws {
        let json = try Self.report().render(.json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let problems = try Self.validator().validate(object)
        #expect(problems.isEmpty, "\(problems.prefix(10))")
    }

    @Test("Given a JSON document that breaks the schema, then the validator reports it (the check can fail)")
    func validatorCatchesViolations() throws {
        let json = try Self.report().render(.json)
        var object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        object.removeValue(forKey: "tables")
        object["surprise"] = 1
        var tables: [[String: Any]] = [["name": "sex"]]
        tables[0]["outcome"] = "lottery"
        object["flags"] = tables
        let problems = try Self.validator().validate(object)
        #expect(problems.contains { $0.contains("'tables' is a required property") }, "\(problems)")
        #expect(problems.contains { $0.contains("'surprise' was unexpected") }, "\(problems)")
        #expect(problems.contains { $0.contains(": flags/0") }, "\(problems)")
    }

    @Test("Given all rates zero, then the JSON carries null impact ratios and the reason")
    func undefinedInJSON() throws {
        let records = Fixture.records("a", sex: .male, race: .white, n: 3, selected: 0) + Fixture.records("b", sex: .female, race: .asian, n: 3, selected: 0)
        let json = try AuditRates.run(input: AuditInput(records: records), options: Fixture.options()).render(.json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let table = (object["tables"] as! [[String: Any]])[0]
        #expect(table["undefinedReason"] as? String == "all_rates_zero")
        let categories = table["categories"] as! [[String: Any]]
        #expect(categories.allSatisfy { $0["impactRatio"] is NSNull && ($0["fourFifthsFlag"] as? Bool) == false })
        #expect(try Self.validator().validate(object).isEmpty)
    }

    @Test("Given a report, then the JSON names each table and gives n, selected, rate, ratio, flag, Z, Fisher and chi-square p per category")
    func jsonCarriesRequiredFields() throws {
        let object = try JSONSerialization.jsonObject(with: Data(try Self.report().render(.json).utf8)) as! [String: Any]
        let tables = object["tables"] as! [[String: Any]]
        #expect(tables.map { "\($0["outcome"]!)/\($0["name"]!)" } == ["selection/sex", "selection/race_ethnicity", "selection/intersection", "scoring/sex", "scoring/race_ethnicity", "scoring/intersection"])
        let female = (tables[0]["categories"] as! [[String: Any]]).first { $0["category"] as? String == "Female" }!
        for key in ["n", "selected", "rate", "impactRatio", "fourFifthsFlag", "z", "fisherPValue", "chiSquarePValue"] {
            #expect(female[key] != nil && !(female[key] is NSNull), "\(key)")
        }
        #expect(tables[0]["unknownCount"] as? Int == CrossCheckExpected.unknownCounts["selection/sex"])
    }

    @Test("Given a report, then the Markdown has the posting summary, every table, flags and methodology")
    func markdown() throws {
        let r = try Self.report()
        let md = try r.render(.md)
        #expect(md.contains("## Summary for public posting (NYC Local Law 144)"))
        #expect(md.contains("- Number of individuals assessed: 400"))
        #expect(md.contains("### Sex × race/ethnicity — selection rates"))
        #expect(md.contains("### Race/ethnicity — scoring rates"))
        #expect(md.contains("## Flags (four-fifths rule)"))
        #expect(md.contains("## Methodology"))
        #expect(md.contains("excluded"))  // American Indian or Alaska Native is under 2% in this data
        #expect(md.contains("Excluded from the impact-ratio calculation"))
    }

    @Test("Given a report, then the CSV has one row per category per table with a stable header")
    func csv() throws {
        let r = try Self.report()
        let lines = try r.render(.csv).split(separator: "\n")
        #expect(lines[0].hasPrefix("job,table,outcome,category,n,selected,rate,rate_exact,impact_ratio"))
        let expected = r.allTables.reduce(0) { $0 + $1.rows.count } + r.jobs.reduce(0) { $0 + $1.tables.reduce(0) { $0 + $1.rows.count } }
        #expect(lines.count == expected + 1)
        let parsed = try CSVReader.rows(String(try r.render(.csv)))
        #expect(parsed.allSatisfy { $0.fields.count == 22 })
    }

    @Test("Given a report, then the HTML is one self-contained file with SVG charts and the posting summary")
    func html() throws {
        let html = try Self.report().render(.html)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("<link"))
        #expect(html.components(separatedBy: "<svg").count - 1 >= 7)
        #expect(html.contains("0.8 (four-fifths)"))
        #expect(html.contains("Wilson 95% intervals"))
        #expect(html.contains("Monthly trend"))
        #expect(html.contains("Summary for public posting"))
        #expect(html.contains("Audit date</dt><dd>2026-11-29"))
        #expect(html.contains("Methodology"))
    }

    @Test("Given hostile text in the data source, then HTML and Markdown escape it and CSV defuses formulas")
    func escaping() throws {
        var options = Fixture.options()
        options.dataSource = "<script>alert(1)</script> | x"
        let records = Fixture.records("a", sex: .male, race: .white, n: 3, selected: 1, job: "=cmd()")
            + Fixture.records("b", sex: .female, race: .white, n: 3, selected: 1, job: "J2")
        let r = try AuditRates.run(input: AuditInput(records: records), options: options)
        #expect(!(try r.render(.html)).contains("<script>"))
        #expect((try r.render(.md)).contains("\\| x"))
        #expect((try r.render(.csv)).contains("'=cmd()"))
    }
}
