import ArgumentParser
import Foundation
import Scoring
import ScreenerCore
import ScreenerServer

/// `screener shortlist --job J [--top N] [--explain] [--revision R] [--format …]`.
struct ShortlistCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shortlist", abstract: "A job's ranked shortlist, with what changed since the previous revision.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Job id.") var job: String
    @Option(help: "Show only the first N entries.") var top: Int?
    @Option(help: "A past revision instead of the newest.") var revision: Int?
    @Flag(help: "Add each entry's score breakdown with evidence.") var explain = false
    @Option(help: "table, md, csv, json or html") var format: String = "table"

    func run() async throws {
        let format = try ReportFormat(parsing: format)
        if let top, top < 1 { throw ValidationError("--top must be at least 1") }
        let store = try await Runtime(global).openStore()
        let report = try await ReportAssembler(store: store).shortlist(jobId: job, revision: revision, explain: explain, top: top)
        print(try report.render(format))
        // LL144 §20-871: warn while scores are used without a bias audit from the past year.
        if let shortlist = try await store.latestShortlist(jobId: job),
           let warning = try await AuditRunner(store: store, clock: SystemClock()).auditWarning(for: shortlist) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
    }
}

/// `screener candidate show ID`.
struct CandidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "candidates", abstract: "Candidates: show what Screener holds and decided; erase on request.",
        subcommands: [Show.self, Erase.self], aliases: ["candidate"])

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Everything Screener holds and decided about one candidate.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Candidate id (cand_…).") var id: String
        @Flag(help: "Include contact details (email, phone) in the report.") var contact = false
        @Option(help: "table, md, csv, json or html") var format: String = "table"

        func run() async throws {
            let format = try ReportFormat(parsing: format)
            let store = try await Runtime(global).openStore()
            let data = try await ReportAssembler(store: store).candidate(id: id)
            print(try CandidateReport(data, includeContact: contact).render(format))
        }
    }
}

/// `screener deliveries list|show|retry`: the post-back outbox and its dead letters.
struct DeliveriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliveries", abstract: "Post-backs to the ATS: list, show, retry dead letters.",
        subcommands: [List.self, Show.self, Retry.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List post-backs, newest state first.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "pending, in_flight, delivered or dead") var state: String?
        @Flag(help: "Only dead letters.") var dead = false
        @Option(help: "Only this job.") var job: String?
        @Option var limit = 100
        @Option(help: "table or json") var format: OutputFormat = .table

        func run() async throws {
            var wanted: OutboxItem.State?
            if dead { wanted = .dead }
            if let state {
                guard let s = OutboxItem.State(rawValue: state) else { throw ValidationError("unknown state '\(state)'") }
                wanted = s
            }
            let items = try await Runtime(global).openStore().postBacks(state: wanted, jobId: job, candidateId: nil, limit: limit)
            switch format {
            case .json: try printJSON(items)
            case .table:
                printTable(["ID", "INTEGRATION", "KIND", "JOB", "STATE", "ATTEMPTS", "LAST ERROR"], items.map {
                    [$0.postBack.id, $0.postBack.integration, $0.postBack.kind.rawValue, $0.jobId ?? "", $0.state.rawValue,
                     String($0.attempts), $0.lastError ?? ""]
                })
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One post-back with its state and content.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            guard let item = try await Runtime(global).openStore().postBack(id: id) else {
                throw ScreenerError(.notFound, "no post-back with id \(id)")
            }
            try printJSON(item)
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Put a dead-lettered post-back back on the queue, due now.")
        @OptionGroup var global: GlobalOptions
        @Argument var id: String

        func run() async throws {
            try await Runtime(global).openStore().retryPostBack(id: id, now: Date())
            print("post-back \(id) queued")
        }
    }
}

/// `screener review APPLICATION --decision advanced|rejected|hired [--note TEXT]`: records a
/// recruiter's decision as an outcome, which the bias audits read. It changes nothing in the ATS.
struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", abstract: "Record a recruiter's decision on an application (read by the bias audits).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Application id (app_…), or a candidate id with --job.") var id: String
    @Option(help: "Job id, when ID is a candidate id.") var job: String?
    @Option(help: "advanced, rejected or hired") var decision: String
    @Option(help: "A short note (no personal data).") var note: String?

    static let decisions: Set<String> = ["advanced", "rejected", "hired"]

    func run() async throws {
        guard Self.decisions.contains(decision) else { throw ValidationError("--decision must be advanced, rejected or hired") }
        let store = try await Runtime(global).openStore()
        var applicationID = id
        if let job {
            guard let a = try await store.applications(candidateId: id).first(where: { $0.jobId == job }) else {
                throw ScreenerError(.notFound, "candidate \(id) has no application to job \(job)")
            }
            applicationID = a.id
        }
        guard try await store.application(id: applicationID) != nil else { throw ScreenerError(.notFound, "no application with id \(applicationID)") }
        try await store.recordOutcome(OutcomeRecord(applicationId: applicationID, source: .recruiter, decision: decision, note: note, at: Date()))
        print("recorded \(decision) for \(applicationID)")
    }
}

extension CandidateCommand {
    /// `screener candidates erase ID`: GDPR Art. 17 erasure of one candidate.
    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase every copy of a candidate's personal data (kept: score totals and outcomes for audits).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Candidate id (cand_…).") var id: String

        func run() async throws {
            let runtime = try Runtime(global)
            let report = try await runtime.openStore().eraseCandidate(id: id, now: Date())
            runtime.logger.notice("candidate erased from the CLI", metadata: ["screener.candidate.id": "\(id)"])
            print("erased \(id): \(report.applications) application(s), \(report.documents) document(s), \(report.rawEvents) raw event(s), \(report.postBacksScrubbed) post-back(s) scrubbed")
        }
    }
}
