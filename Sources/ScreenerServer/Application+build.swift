import ATSIntegration
import Foundation
import Hummingbird
import Logging
import ScreenerCore
import ServiceLifecycle

/// The request context for every route.
public typealias ScreenerRequestContext = BasicRequestContext

/// Everything the application is built from: the seams are injected, so tests pass a temp store and a
/// fixed clock, and `screener serve` passes the live ones.
public struct ScreenerDependencies: Sendable {
    public var configuration: ScreenerConfiguration
    public var store: any ScreenerStore
    public var integrations: Integrations
    public var clock: any ScreenerClock
    public var metrics: ScreenerMetrics
    public var logger: Logger
    /// The OpenAPI document served at `/openapi.yaml`.
    public var openAPIDocument: String?

    public init(configuration: ScreenerConfiguration, store: any ScreenerStore, integrations: Integrations, clock: any ScreenerClock = SystemClock(), metrics: ScreenerMetrics = ScreenerMetrics(), logger: Logger, openAPIDocument: String? = nil) {
        self.configuration = configuration
        self.store = store
        self.integrations = integrations
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.openAPIDocument = openAPIDocument
    }
}

/// Builds the router with every route and middleware.
public func buildRouter(_ deps: ScreenerDependencies) -> Router<ScreenerRequestContext> {
    let router = Router(context: ScreenerRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ProblemMiddleware())
    WebhookController<ScreenerRequestContext>(
        integrations: deps.integrations, store: deps.store, clock: deps.clock, metrics: deps.metrics,
        maxBodyBytes: deps.configuration.server.maxBodyBytes, maxAttempts: deps.configuration.workers.maxAttempts
    ).addRoutes(to: router)
    HealthController<ScreenerRequestContext>(store: deps.store, metrics: deps.metrics, openAPIDocument: deps.openAPIDocument)
        .addRoutes(to: router)
    return router
}

/// Builds the whole service: the HTTP server plus the worker services, in one ServiceGroup run by
/// `runService()`, with graceful shutdown on SIGTERM and SIGINT.
public func buildApplication(_ deps: ScreenerDependencies) -> some ApplicationProtocol {
    let workers: [any Service] = (0..<deps.configuration.workers.count).map { n in
        EventProcessor(
            name: "worker-\(n)-\(ProcessInfo.processInfo.processIdentifier)", store: deps.store, integrations: deps.integrations,
            clock: deps.clock, metrics: deps.metrics, logger: deps.logger,
            lease: deps.configuration.workers.leaseSeconds, pollInterval: deps.configuration.workers.pollSeconds
        )
    }
    return Application(
        router: buildRouter(deps),
        configuration: .init(
            address: .hostname(deps.configuration.server.host, port: deps.configuration.server.port),
            serverName: "screener"
        ),
        services: workers,
        logger: deps.logger
    )
}
