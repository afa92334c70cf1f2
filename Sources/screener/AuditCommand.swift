import ArgumentParser
import BiasAudit
import Foundation
import ScreenerCore

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Bias audits for compliance staff.", subcommands: [Rates.self]
    )

    /// `screener audit rates FILE.csv`: LL144 selection and scoring rates, impact ratios, the
    /// four-fifths rule and significance tests from an auditor's own CSV, without touching the store.
    struct Rates: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute LL144 rate tables from a CSV of individuals (id,sex,race,selected[,score][,job][,date]).",
            discussion: "Category names are EEO-1's; an empty cell means unknown; selected is 0/1 or true/false; a score column adds scoring-rate tables."
        )
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "json, md, html or csv") var format: String = "json"
        @Option(help: "Report title.") var title: String = "Bias audit"
        @Option(name: .customLong("data-source"), help: "Where the data came from (printed in the LL144 summary).") var dataSource: String?
        @Option(name: .customLong("exclude-below-percent"), help: "Leave categories under this share of the data out of impact ratios (LL144 allows 2). Default: keep all.") var excludeBelowPercent: Int?
        @Option(name: .customLong("audit-date"), help: "Audit date YYYY-MM-DD (default: today, UTC).") var auditDate: String?
        @Option(name: [.short, .customLong("output")], help: "Write the report to this file instead of stdout.") var output: String?

        func run() async throws {
            guard let fmt = AuditReport.Format(rawValue: format) else {
                throw ValidationError("--format must be one of: \(AuditReport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let day: CalendarDay
            if let auditDate {
                guard let d = CalendarDay(iso: auditDate) else { throw ValidationError("--audit-date must be YYYY-MM-DD") }
                day = d
            } else {
                day = CalendarDay(Date())
            }
            if let p = excludeBelowPercent, !(0...100).contains(p) { throw ValidationError("--exclude-below-percent must be 0…100") }
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ScreenerError(.invalidInput, "cannot read \(file)")
            }
            let report = try AuditRates.run(csv: data, options: .init(
                title: title, auditDate: day, dataSource: dataSource ?? URL(fileURLWithPath: file).lastPathComponent,
                excludeBelowShare: excludeBelowPercent.map { Rational($0, 100) }
            ))
            let text = try report.render(fmt)
            if let output {
                do {
                    try text.write(toFile: output, atomically: true, encoding: .utf8)
                } catch {
                    throw ScreenerError(.invalidInput, "cannot write \(output)")
                }
            } else {
                print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
            }
        }
    }
}
