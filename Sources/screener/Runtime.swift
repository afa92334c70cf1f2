import ATSIntegration
import Foundation
import Logging
import ScreenerCore
import ScreenerServer
import Storage

/// What most commands need: the configuration, the store and the integrations, built the same way
/// as `serve` builds them.
struct Runtime {
    let configuration: ScreenerConfiguration
    let logger: Logger

    init(_ options: GlobalOptions) throws {
        configuration = try ScreenerConfiguration.load(path: options.config)
        LoggingSetup.bootstrap(format: configuration.logging.format, level: configuration.logging.level)
        logger = Logger(label: "screener")
    }

    /// Opens the store, sealing personal data with the data key when one is configured
    /// (`SCREENER_DATA_KEY`); without one, data is stored in clear (development only: `serve`
    /// refuses to run that way unless `--insecure-dev` is given).
    func openStore(migrate: Bool = true) async throws -> SQLiteStore {
        let keyring = try dataKeyring()
        let store = try SQLiteStore(path: configuration.database.path, sealer: keyring ?? PlaintextSealer())
        if migrate { try await store.migrate() }
        return store
    }

    /// The data key from `SCREENER_DATA_KEY`, else from the configuration's `dataKey`; nil if neither.
    func dataKeyring() throws -> DataKeyring? {
        var env = ProcessInfo.processInfo.environment
        if (env["SCREENER_DATA_KEY"] ?? "").isEmpty, let ref = configuration.dataKey { env["SCREENER_DATA_KEY"] = ref }
        return try DataKeyring.loadIfConfigured(environment: env)
    }

    func catalog() throws -> ProfileCatalog {
        try ProfileCatalog(directory: URL(fileURLWithPath: configuration.profilesDirectory))
    }

    func integrations(clock: any ScreenerClock = SystemClock()) throws -> Integrations {
        try Integrations(configuration: configuration, catalog: catalog(), clock: clock)
    }

    /// The OpenAPI document next to the profiles (`schemas/openapi.yaml` of the checkout), if present.
    func openAPIDocument() -> String? {
        let candidates = [
            ProcessInfo.processInfo.environment["SCREENER_OPENAPI"],
            URL(fileURLWithPath: configuration.profilesDirectory).deletingLastPathComponent().appendingPathComponent("schemas/openapi.yaml").path,
            "schemas/openapi.yaml",
        ].compactMap { $0 }
        for path in candidates {
            if let s = try? String(contentsOfFile: path, encoding: .utf8) { return s }
        }
        return nil
    }
}

/// Prints rows as an aligned text table.
func printTable(_ header: [String], _ rows: [[String]]) {
    var widths = header.map(\.count)
    for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
    func line(_ cells: [String]) -> String {
        cells.enumerated().map { i, c in c.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
            .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    print(line(header))
    print(line(widths.map { String(repeating: "-", count: $0) }))
    for r in rows { print(line(r)) }
}

func printJSON<T: Encodable>(_ value: T) throws {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    e.dateEncodingStrategy = .iso8601
    print(String(decoding: try e.encode(value), as: UTF8.self))
}
