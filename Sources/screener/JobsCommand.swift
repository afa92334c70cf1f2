import ArgumentParser
import Foundation
import ResumeParsing
import Scoring
import ScreenerCore
import Yams

/// Job criteria tools: lint, derive, and scoring one resume against a criteria file.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Job criteria.", subcommands: [Lint.self, Derive.self]
    )

    /// Reads criteria from YAML or JSON.
    static func loadCriteria(_ path: String) throws -> JobCriteria {
        guard let data = FileManager.default.contents(atPath: path) else { throw ScreenerError(.invalidInput, "cannot read \(path)") }
        do {
            if path.hasSuffix(".json") { return try JSONDecoder().decode(JobCriteria.self, from: data) }
            return try YAMLDecoder().decode(JobCriteria.self, from: String(decoding: data, as: UTF8.self))
        } catch let DecodingError.keyNotFound(key, ctx) {
            throw ScreenerError(.invalidInput, "\(path): missing '\((ctx.codingPath + [key]).map(\.stringValue).joined(separator: "."))'")
        } catch let DecodingError.typeMismatch(_, ctx) {
            throw ScreenerError(.invalidInput, "\(path): wrong type at '\(ctx.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw ScreenerError(.invalidInput, "\(path) is not valid criteria YAML or JSON")
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
