import ArgumentParser
import Foundation
import ScreenerCore
import Storage

/// `screener access-log`: the append-only record of who read or erased which candidate, shortlist,
/// audit, job or delivery, oldest first.
struct AccessLogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "access-log", abstract: "Who accessed which candidate, shortlist or audit, and when.")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Only entries since: a date (2027-01-01, ISO 8601) or a duration back from now (7d, 12h).") var since: String?
    @Option(help: "At most this many entries.") var limit = 1000
    @Option(help: "table or json") var format: OutputFormat = .table

    func run() async throws {
        let from = try since.map { try AccessToken.parseTime($0, now: Date(), direction: -1) }
        let store = try await Runtime(global).openStore()
        let entries = try await store.accessLog(since: from, limit: limit)
        switch format {
        case .json: try printJSON(entries)
        case .table:
            printTable(
                ["AT", "TOKEN", "ROLE", "ACTION", "RESOURCE", "ID", "OUTCOME"],
                entries.map { [$0.at.ISO8601Format(), $0.tokenID, $0.role.rawValue, $0.action.rawValue, $0.resourceType.rawValue, $0.resourceID ?? "-", $0.outcome.rawValue] }
            )
        }
    }
}
