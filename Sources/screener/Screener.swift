import ArgumentParser
import Foundation
import ScreenerCore

/// `screener`: the service and its command-line tools.
struct Screener: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screener",
        abstract: "Resume screening for applicant tracking systems.",
        subcommands: [
            Serve.self, Migrate.self, IntegrationsCommand.self, EventsCommand.self, AuditCommand.self, TaxonomyCommand.self,
            ParseCommand.self, ParseWorkerCommand.self, JobsCommand.self, ScoreCommand.self, RankCommand.self,
            ShortlistCommand.self, CandidateCommand.self, DeliveriesCommand.self, ReviewCommand.self,
            TokensCommand.self, AccessLogCommand.self, KeysCommand.self, DoctorCommand.self,
        ]
    )
}

/// Options every command that reads the configuration takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Configuration file (YAML or JSON). Defaults to $SCREENER_CONFIG, then built-in defaults.")
    var config: String?
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}

@main
enum Main {
    /// Runs the command. Errors print one line on stderr: usage errors exit 2, failures exit 1.
    static func main() async {
        do {
            var command = try Screener.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ScreenerError {
            FileHandle.standardError.write(Data("screener: \(error.message)\n".utf8))
            exit(1)
        } catch let code as ExitCode {
            // The command has already said why (e.g. `doctor` findings, `jobs lint` flags).
            exit(code.rawValue)
        } catch {
            let code = Screener.exitCode(for: error)
            if code == .success {
                Screener.exit(withError: error)
            }
            let message = Screener.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            if code == .validationFailure {
                FileHandle.standardError.write(Data("screener: \(message)\nUsage: see 'screener --help'\n".utf8))
                exit(2)
            }
            FileHandle.standardError.write(Data("screener: \(message)\n".utf8))
            exit(code.rawValue == 0 ? 1 : (code == .failure ? 1 : code.rawValue))
        }
    }
}
