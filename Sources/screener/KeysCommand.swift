import ArgumentParser
import Foundation
import ScreenerCore
import Storage

/// `screener keys generate FILE` and `screener keys rotate`: data keys for encryption at rest.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys", abstract: "Data keys for encryption at rest: generate a key file, re-seal data under the active key.",
        subcommands: [Generate.self, Rotate.self]
    )

    /// Every sealed column of the schema, re-sealed by `keys rotate`. Each column's blobs must be
    /// sealed with context "<table>.<column>". LEAD: list the pipeline's sealed columns here, e.g.
    /// `.init(table: "raw_events", column: "body", keyColumn: "key_id")`.
    static let sealedColumns: [SQLiteStore.SealedColumn] = SQLiteStore.sealedColumns

    struct Generate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write a new random 256-bit key (base64) to FILE with mode 0600; never overwrites.")
        @Argument(help: "Key file to create.") var file: String

        func run() async throws {
            let id = try DataKeyring.generateKeyFile(path: file)
            print("wrote \(file) (key id \(id), mode 0600)")
            print("use it with: SCREENER_DATA_KEY=file:\(file)")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-seal every sealed value under the active key (SCREENER_DATA_KEY), opening old values with SCREENER_DATA_KEYS_RETIRED.",
            discussion: "Rotation: generate a new key, set SCREENER_DATA_KEY to it and move the old one to SCREENER_DATA_KEYS_RETIRED, run this, then drop the retired key. Safe to re-run."
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Rows per transaction.") var batchSize = 500
        @Flag(help: "Also seal values still stored in clear (turning encryption on for old data).") var sealPlaintext = false
        @Option(help: "table or json") var format: OutputFormat = .table

        func run() async throws {
            let runtime = try Runtime(global)
            guard let keyring = try runtime.dataKeyring() else { throw ScreenerError(.keyMissing, "no data key: set SCREENER_DATA_KEY or dataKey in the configuration") }
            let store = try await runtime.openStore()
            let reports = try await store.reseal(KeysCommand.sealedColumns, using: keyring, batchSize: batchSize, sealPlaintext: sealPlaintext)
            switch format {
            case .json: try printJSON(reports)
            case .table:
                print("active key \(keyring.active.idHex); \(keyring.retired.count) retired")
                printTable(
                    ["TABLE", "COLUMN", "EXAMINED", "RESEALED", "CURRENT", "PLAINTEXT", "SEALED NOW"],
                    reports.map { [$0.table, $0.column, String($0.examined), String($0.resealed), String($0.current), String($0.plaintext), String($0.plaintextSealed)] }
                )
                if KeysCommand.sealedColumns.isEmpty { print("no sealed columns are registered yet") }
            }
        }
    }
}
