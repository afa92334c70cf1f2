import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ScreenerCore
import ScreenerServer

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP service and its workers until SIGTERM or SIGINT.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Override server.host.") var host: String?
    @Option(help: "Override server.port.") var port: Int?

    func run() async throws {
        var runtime = try Runtime(global)
        var config = runtime.configuration
        if let host { config.server.host = host }
        if let port { config.server.port = port }
        runtime = Runtime(configuration: config, logger: runtime.logger)
        let store = try await runtime.openStore()
        let deps = ScreenerDependencies(
            configuration: config, store: store, integrations: try runtime.integrations(),
            logger: runtime.logger, openAPIDocument: runtime.openAPIDocument()
        )
        runtime.logger.info("starting screener", metadata: [
            "screener.listen": "\(config.server.host):\(config.server.port)",
            "screener.integrations": "\(config.integrations.count)",
            "screener.workers": "\(config.workers.count)",
        ])
        let app = buildApplication(deps)
        try await app.runService()
    }
}

extension Runtime {
    init(configuration: ScreenerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let runtime = try Runtime(global)
        let store = try await runtime.openStore(migrate: false)
        let pending = try await store.pendingMigrations()
        try await store.migrate()
        if pending.isEmpty {
            print("database \(runtime.configuration.database.path) is up to date")
        } else {
            for name in pending { print("applied \(name)") }
        }
    }
}
