import ArgumentParser
import Foundation
import Hummingbird
import Logging
import ScreenerCore
import ResumeParsing
import ScreenerServer
import ServiceLifecycle
import Storage
import AsyncHTTPClient

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the HTTP service and its workers until SIGTERM or SIGINT.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Override server.host.") var host: String?
    @Option(help: "Override server.port.") var port: Int?
    @Flag(help: "Run without a data key: personal data is stored unencrypted. Development only.") var insecureDev = false

    func run() async throws {
        var runtime = try Runtime(global)
        var config = runtime.configuration
        if let host { config.server.host = host }
        if let port { config.server.port = port }
        runtime = Runtime(configuration: config, logger: runtime.logger)
        let integrations = try runtime.integrations()
        // No key, no start: personal data is sealed with AES-256-GCM at rest.
        if try runtime.dataKeyring() == nil {
            guard insecureDev else {
                throw ScreenerError(.keyMissing, "no data key: set SCREENER_DATA_KEY to base64 of 32 random bytes or to file:PATH (screener keys generate PATH), or pass --insecure-dev")
            }
            runtime.logger.warning("--insecure-dev: personal data is stored unencrypted")
        }
        let store = try await runtime.openStore()
        let taxonomy = try SkillTaxonomy.loadBundled()
        let clock = SystemClock()
        var extraServices: [any Service] = []
        let parser: any DocumentParsing
        if config.parsing.inProcess {
            runtime.logger.warning("parsing.inProcess is set: resumes are parsed inside the server, without isolation")
            parser = InProcessDocumentParser(parser: ResumeParser(configuration: config.parsing.parserConfiguration, taxonomy: taxonomy, clock: clock))
        } else {
            let poolConfiguration = ParseWorkerPool.Configuration(
                executable: Runtime.executableURL(), arguments: config.parsing.workerArguments, workers: config.parsing.workers,
                deadline: config.parsing.deadlineSeconds, allocator: config.parsing.workerAllocator)
            let pool = ParseWorkerPool(configuration: poolConfiguration)
            if poolConfiguration.allocator == .jemalloc && poolConfiguration.allocatorLibrary == nil {
                runtime.logger.notice("parsing.workerAllocator is jemalloc but libjemalloc.so.2 is not installed (Debian: libjemalloc2): parse workers use the system allocator")
            }
            parser = PooledDocumentParser(pool: pool)
            extraServices.append(ParseWorkerPoolService(pool: pool))
        }
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let pipeline = try PipelineServices.build(
            configuration: config, store: store, parser: parser, httpClient: httpClient, taxonomy: taxonomy, clock: clock,
            logger: runtime.logger, priorUsage: try await store.modelUsageByJob())
        var deps = ScreenerDependencies(
            configuration: config, store: store, integrations: integrations, clock: clock,
            logger: runtime.logger, openAPIDocument: runtime.openAPIDocument(), pipeline: pipeline
        )
        deps.extraServices = extraServices
        runtime.logger.info("starting screener", metadata: [
            "screener.listen": "\(config.server.host):\(config.server.port)",
            "screener.integrations": "\(config.integrations.count)",
            "screener.workers": "\(config.workers.count)",
        ])
        let app = buildApplication(deps)
        do {
            try await app.runService()
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
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

extension Runtime {
    /// This executable, for spawning `screener parse-worker` children.
    static func executableURL() -> URL {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return URL(fileURLWithPath: path) }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }
}
