import ArgumentParser
import BiasAudit
import Foundation
import ScreenerCore
import Scoring
import ScreenerServer

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Bias audits for compliance staff.",
        subcommands: [Report.self, Rates.self, Counterfactual.self, ImportDemographics.self, Runs.self], defaultSubcommand: Report.self
    )

    /// The person running a CLI audit, for the audit-run record.
    static var cliActor: String { "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? NSUserName()) }

    static func write(_ text: String, to output: String?) throws {
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

    static func day(_ text: String?, _ option: String) throws -> CalendarDay? {
        guard let text else { return nil }
        guard let d = CalendarDay(iso: text) else { throw ValidationError("\(option) must be YYYY-MM-DD") }
        return d
    }

    /// `screener audit --job J | --all [--from DATE] [--to DATE] [--outcome shortlisted|downstream]
    /// [--format md|html|json|csv]`: the LL144 tables, four-fifths flags and significance over the
    /// store's scored applications and their demographics. Every run is recorded.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Audit the store: LL144 selection and scoring rates, impact ratios, significance (the default audit command).",
            discussion: "Examples: screener audit --job greenhouse:371417 --format html -o audit.html; screener audit --all --from 2026-01-01 --to 2026-06-30")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Audit one job.") var job: String?
        @Flag(help: "Audit every job (tables pooled across jobs, plus one table set per job).") var all = false
        @Option(help: "First application date, YYYY-MM-DD (inclusive).") var from: String?
        @Option(help: "Last application date, YYYY-MM-DD (inclusive).") var to: String?
        @Option(help: "shortlisted (the tool's own decision, default) or downstream (ATS/recruiter decisions).") var outcome: String = "shortlisted"
        @Option(help: "md, html, json or csv") var format: String = "md"
        @Option(name: .customLong("exclude-below-percent"), help: "Leave categories under this share of the data out of impact ratios (LL144 allows 2). Default: keep all.") var excludeBelowPercent: Int?
        @Option(name: [.short, .customLong("output")], help: "Write the report to this file instead of stdout.") var output: String?

        func validate() throws {
            guard (job != nil) != all else { throw ValidationError("give exactly one of --job J or --all") }
            guard AuditReport.Format(rawValue: format) != nil else {
                throw ValidationError("--format must be one of: \(AuditReport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard StoreAudit.Outcome(rawValue: outcome) != nil else {
                throw ValidationError("--outcome must be one of: \(StoreAudit.Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let request = AuditRunner.Request(
                jobId: job, from: try AuditCommand.day(from, "--from"), to: try AuditCommand.day(to, "--to"),
                outcome: StoreAudit.Outcome(rawValue: outcome)!, excludeBelowPercent: excludeBelowPercent)
            let store = try await Runtime(global).openStore()
            let (report, run) = try await AuditRunner(store: store, clock: SystemClock()).run(request, actor: AuditCommand.cliActor)
            try AuditCommand.write(try report.render(AuditReport.Format(rawValue: format)!), to: output)
            FileHandle.standardError.write(Data("audit run \(run.id) recorded (\(run.individuals) individuals, result sha256 \(run.resultSHA256))\n".utf8))
        }
    }

    /// `screener audit counterfactual --job J [--sample N] [--model builtin|configured]`.
    struct Counterfactual: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-score name-, pronoun-, age- and gap-swapped copies of a job's stored resumes and report score, rank and selection changes.",
            discussion: "Variants go through redaction and the scoring adapter exactly as live candidates do. Names come from the bundled lists (BiasAudit/Resources/names/SOURCE.md).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Job id.") var job: String
        @Option(help: "At most this many stored resumes, spread evenly over the job's applications.") var sample: Int = 50
        @Option(help: "builtin, configured (the configuration's default scoring adapter, the default), or a name from scoringModels.") var model: String = "configured"
        @Option(help: "Flag score changes larger than this many points (0-100 scale).") var threshold: Double = 2
        @Option(help: "md, html, json or csv") var format: String = "md"
        @Option(name: [.short, .customLong("output")], help: "Write the report to this file instead of stdout.") var output: String?

        func validate() throws {
            guard sample >= 1 else { throw ValidationError("--sample must be at least 1") }
            guard threshold >= 0 else { throw ValidationError("--threshold must not be negative") }
            guard AuditReport.Format(rawValue: format) != nil else {
                throw ValidationError("--format must be one of: \(AuditReport.Format.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() async throws {
            let runtime = try Runtime(global)
            let store = try await runtime.openStore()
            let taxonomy = try SkillTaxonomy.loadBundled()
            let scoring: any ScoringModel
            let models = try ScoringModels.build(configuration: runtime.configuration, httpClient: .shared, taxonomy: taxonomy, logger: runtime.logger)
            switch model {
            case "builtin": scoring = BuiltinModel(taxonomy: taxonomy)
            case "configured": scoring = models.standard
            default:
                guard let named = models.named[model] else {
                    throw ValidationError("--model must be builtin, configured or a name from scoringModels (\(runtime.configuration.scoringModels.keys.sorted().joined(separator: ", ")))")
                }
                scoring = named
            }
            let runner = CounterfactualRunner(store: store, model: scoring, names: try NameBank.loadBundled(), clock: SystemClock())
            let (report, run) = try await runner.run(.init(jobId: job, sample: sample, threshold: threshold), actor: AuditCommand.cliActor)
            try AuditCommand.write(try report.render(AuditReport.Format(rawValue: format)!), to: output)
            let verdict = report.counterfactual?.biasDetected == true ? "changes over the threshold FLAGGED" : "no change over the threshold"
            FileHandle.standardError.write(Data("counterfactual run \(run.id) recorded (\(run.individuals) resumes, \(verdict))\n".utf8))
        }
    }

    /// `screener audit import-demographics FILE.csv`: voluntary self-identification (id,sex,race).
    struct ImportDemographics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import-demographics",
            abstract: "Import voluntary EEO-1 self-identification from a CSV (id,sex,race), stored sealed and apart from profiles.",
            discussion: "id is a Screener candidate id (cand_…) or integration:ATS candidate id. Category names are EEO-1's; an empty cell is unknown.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The CSV file.") var file: String
        @Option(name: .customLong("dimension"), help: "Also keep this extra column as a configured dimension (repeatable).") var dimensions: [String] = []

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ScreenerError(.invalidInput, "cannot read \(file)") }
            let rows = try DemographicsImport.parse(data, otherDimensions: dimensions)
            let store = try await Runtime(global).openStore()
            let result = try await store.importDemographics(rows, now: Date())
            print("stored demographics for \(result.stored) candidate(s)")
            if !result.unmatchedRows.isEmpty {
                let shown = result.unmatchedRows.prefix(20).map(String.init).joined(separator: ", ")
                FileHandle.standardError.write(Data("\(result.unmatchedRows.count) row(s) matched no candidate (data rows \(shown)\(result.unmatchedRows.count > 20 ? ", …" : ""))\n".utf8))
                if result.stored == 0 { throw ExitCode.failure }
            }
        }
    }

    /// `screener audit runs`: the audit-run record, newest first.
    struct Runs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The record of audit runs: who, when, parameters, result hash.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "How many runs to show.") var limit: Int = 50
        @Option(help: "table or json") var format: OutputFormat = .table

        func run() async throws {
            guard limit > 0 else { throw ValidationError("--limit must be positive") }
            let runs = try await Runtime(global).openStore().auditRuns(limit: limit)
            switch format {
            case .json: try printJSON(runs)
            case .table:
                printTable(["ID", "AT", "ACTOR", "KIND", "N", "TOOLS", "SHA256"], runs.map {
                    [$0.id, ISO8601DateFormatter().string(from: $0.at), $0.actor, $0.kind, String($0.individuals),
                     $0.toolConfigurations.joined(separator: " "), String($0.resultSHA256.prefix(16))]
                })
            }
        }
    }

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
