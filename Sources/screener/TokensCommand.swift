import ArgumentParser
import Foundation
import ScreenerCore
import Storage

/// `screener tokens create|list|revoke`: API tokens. The secret is printed once at creation and
/// only its SHA-256 is stored.
struct TokensCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens", abstract: "API tokens: create (the secret is shown once), list, revoke.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    static func role(_ text: String) throws -> AccessRole {
        guard let r = AccessRole(rawValue: text.lowercased()) else {
            throw ValidationError("--role must be one of: \(AccessRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return r
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret once.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "recruiter, compliance, admin or ats") var role: String
        @Option(help: "A label for people (default: <role>-<date>).") var name: String?
        @Option(help: "Expiry: a duration (30d, 12h, 2w) or a date (2027-01-01). Default: never.") var expires: String?
        @Option(help: "table or json") var format: OutputFormat = .table

        struct Created: Encodable {
            var token: AccessToken
            var secret: String
        }

        func run() async throws {
            let role = try TokensCommand.role(role)
            let now = Date()
            let expiry = try expires.map { try AccessToken.parseTime($0, now: now) }
            let label = name ?? "\(role.rawValue)-\(now.ISO8601Format(.iso8601.year().month().day()))"
            let store = try await Runtime(global).openStore()
            let (token, secret) = try await store.createToken(name: label, role: role, expiresAt: expiry, now: now)
            switch format {
            case .json:
                try printJSON(Created(token: token, secret: secret))
            case .table:
                print("created token \(token.id) (\(token.role.rawValue), \"\(token.name)\")" + (token.expiresAt.map { ", expires \($0.ISO8601Format())" } ?? ""))
                print("secret (shown once; store it now, it cannot be shown again):")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table or json") var format: OutputFormat = .table

        struct Row: Encodable {
            var token: AccessToken
            var state: AccessToken.State
        }

        func run() async throws {
            let store = try await Runtime(global).openStore()
            let now = Date()
            let rows = try await store.tokens().map { Row(token: $0, state: $0.state(at: now)) }
            switch format {
            case .json: try printJSON(rows)
            case .table:
                printTable(
                    ["ID", "NAME", "ROLE", "STATE", "CREATED", "EXPIRES", "LAST USED"],
                    rows.map { r in
                        [r.token.id, r.token.name, r.token.role.rawValue, r.state.rawValue, r.token.createdAt.ISO8601Format(),
                         r.token.expiresAt?.ISO8601Format() ?? "never", r.token.lastUsedAt?.ISO8601Format() ?? "-"]
                    }
                )
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token at once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Token id (from tokens list).") var id: String

        func run() async throws {
            let store = try await Runtime(global).openStore()
            let token = try await store.revoke(id: id, now: Date())
            print("revoked \(token.id) at \(token.revokedAt?.ISO8601Format() ?? "-")")
        }
    }
}
