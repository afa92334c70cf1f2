import ArgumentParser
import Foundation
import ScreenerCore

struct IntegrationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integrations", abstract: "Configured ATS integrations.", subcommands: [List.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List integrations with their profile, URL and success status.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table or json") var format: OutputFormat = .table

        struct Row: Encodable {
            var name: String
            var profile: String
            var url: String
            var successStatus: Int
            var secrets: Int
        }

        func run() async throws {
            let runtime = try Runtime(global)
            let integrations = try runtime.integrations()
            let c = runtime.configuration
            let rows = c.integrations.map { i in
                Row(
                    name: i.name, profile: i.profile,
                    url: "http://\(c.server.host):\(c.server.port)/v1/webhooks/\(i.name)",
                    successStatus: integrations[i.name]?.profile.successStatus ?? 200, secrets: i.secrets.count
                )
            }
            switch format {
            case .json: try printJSON(rows)
            case .table:
                printTable(["NAME", "PROFILE", "URL", "SUCCESS", "SECRETS"], rows.map { [$0.name, $0.profile, $0.url, String($0.successStatus), String($0.secrets)] })
            }
        }
    }
}
