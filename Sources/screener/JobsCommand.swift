import ArgumentParser
import Foundation
import ResumeParsing
import Scoring
import ScreenerCore
import ScreenerServer

/// Job criteria tools: lint, derive, and scoring one resume against a criteria file.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Jobs and their criteria.",
        subcommands: [Put.self, List.self, Show.self, Status.self, Lint.self, Derive.self]
    )

    /// Reads criteria from YAML or JSON.
    static func loadCriteria(_ path: String) throws -> JobCriteria {
        guard let data = FileManager.default.contents(atPath: path) else { throw ScreenerError(.invalidInput, "cannot read \(path)") }
        return try CriteriaDocument.decode(data, json: path.hasSuffix(".json"), source: path)
    }

    struct Put: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store criteria as the job's next version (linted first: error flags refuse the put).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Criteria file (YAML or JSON).") var file: String
        @Option(help: "Job id (default: the criteria's id). ATS jobs are '<integration>:<ATS job id>'.") var job: String?

        func run() async throws {
            let criteria = try JobsCommand.loadCriteria(file)
            let jobID = job ?? criteria.id
            guard !jobID.isEmpty else { throw ScreenerError(.invalidInput, "\(file) has no id; pass --job ID") }
            let flags = CriteriaLinter().lint(criteria)
            for f in flags {
                FileHandle.standardError.write(Data("\(f.severity.rawValue): \(f.field): '\(f.term)' (\(f.category)): \(f.explanation)\n".utf8))
            }
            let errors = flags.filter { $0.severity == .error }.count
            if errors > 0 { throw ScreenerError(.invalidInput, "criteria refused: \(errors) lint error(s) in \(file)") }
            let runtime = try Runtime(global)
            let store = try await runtime.openStore()
            let before = try await store.criteria(jobId: jobID, version: nil)?.version
            let version = try await store.putCriteria(criteria, jobId: jobID, source: .cli, now: Date())
            print(before == version ? "job \(jobID): criteria unchanged (version \(version))" : "job \(jobID): stored criteria version \(version)")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs with their newest criteria version.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table or json") var format: OutputFormat = .table

        func run() async throws {
            let jobs = try await Runtime(global).openStore().jobs()
            switch format {
            case .json: try printJSON(jobs)
            case .table:
                printTable(["JOB", "TITLE", "CRITERIA", "REVIEW", "SOURCE"], jobs.map {
                    [$0.id, $0.title ?? "", $0.criteriaVersion.map { "v\($0)" } ?? "none", $0.needsReview ? "needs review" : "",
                     $0.integration ?? "cli"]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a job's criteria (newest version, or --version N).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Job id.") var id: String
        @Option(help: "Criteria version.") var version: Int?

        func run() async throws {
            let store = try await Runtime(global).openStore()
            guard try await store.job(id: id) != nil else { throw ScreenerError(.notFound, "no job with id \(id)") }
            guard let c = try await store.criteria(jobId: id, version: version) else {
                throw ScreenerError(.notFound, version.map { "job \(id) has no criteria version \($0)" } ?? "job \(id) has no criteria yet")
            }
            try printJSON(c)
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per job: candidates received, parsed, scored, failed, shortlisted and delivered.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, md, csv, json or html") var format: String = "table"

        func run() async throws {
            let format = try ReportFormat(parsing: format)
            let report = try await ReportAssembler(store: try await Runtime(global).openStore()).jobsStatus()
            print(try report.render(format))
        }
    }

    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Flag criteria wording that excludes protected groups or stands in for them.")
        @Argument(help: "Criteria file (YAML or JSON).") var file: String
        @Option(help: "table or json") var format: OutputFormat = .table

        func run() async throws {
            let flags = CriteriaLinter().lint(try JobsCommand.loadCriteria(file))
            switch format {
            case .json: try printJSON(flags)
            case .table:
                if flags.isEmpty { print("no flags") } else {
                    printTable(["SEVERITY", "CATEGORY", "FIELD", "TERM", "WHY"], flags.map { [$0.severity.rawValue, $0.category, $0.field, $0.term, $0.explanation] })
                }
            }
            if flags.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
        }
    }

    struct Derive: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Draft criteria from a job ad (marked derived, needs review).")
        @Argument(help: "Job ad text file.") var file: String
        @Option(help: "Job id for the draft.") var id: String?

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw ScreenerError(.invalidInput, "cannot read \(file)") }
            let jobID = id ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
            let c = CriteriaDeriver(taxonomy: try SkillTaxonomy.loadBundled()).derive(jobAd: String(decoding: data, as: UTF8.self), id: jobID)
            try printJSON(c)
        }
    }
}

/// `screener score --job JOB.yaml RESUME`: parse, redact and score one resume with the builtin model.
struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score", abstract: "Score one resume against job criteria and print the explanation.")
    @Option(help: "Criteria file (YAML or JSON).") var job: String
    @Argument(help: "Resume file.") var resume: String
    @Option(help: "table or json") var format: OutputFormat = .table

    func run() async throws {
        let criteria = try JobsCommand.loadCriteria(job)
        guard let data = FileManager.default.contents(atPath: resume) else { throw ScreenerError(.invalidInput, "cannot read \(resume)") }
        let taxonomy = try SkillTaxonomy.loadBundled()
        let parsed = try ResumeParser(taxonomy: taxonomy, clock: SystemClock()).parse(data: data, fileName: URL(fileURLWithPath: resume).lastPathComponent)
        let redacted = Redactor().redact(parsed)
        let score = try await BuiltinModel(taxonomy: taxonomy).score(redacted, criteria: criteria)
        switch format {
        case .json: try printJSON(score)
        case .table: print(ScoreExplanation(score).render())
        }
    }
}
