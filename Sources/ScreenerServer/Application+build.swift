import ATSIntegration
import Foundation
import Hummingbird
import Logging
import NIOCore
import ScreenerCore
import ServiceLifecycle
import Scoring

/// The request context for every route: it carries the authenticated principal, if any.
public typealias ScreenerRequestContext = AuthRequestContext

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
    /// The stages after intake (fetch, parse, score, shortlist, post-back) and the job and
    /// candidate API. `nil` runs intake and mapping only.
    public var pipeline: PipelineServices?
    /// More services to run in the group (the parse-worker pool), shut down after the workers.
    public var extraServices: [any Service] = []

    public init(configuration: ScreenerConfiguration, store: any ScreenerStore, integrations: Integrations, clock: any ScreenerClock = SystemClock(), metrics: ScreenerMetrics = ScreenerMetrics(), logger: Logger, openAPIDocument: String? = nil, pipeline: PipelineServices? = nil) {
        self.pipeline = pipeline
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
    router.add(middleware: RequestTimeoutMiddleware(timeouts: deps.configuration.server.timeouts))
    WebhookController<ScreenerRequestContext>(deps).addRoutes(to: router)
    HealthController<ScreenerRequestContext>(store: deps.store, metrics: deps.metrics, openAPIDocument: deps.openAPIDocument)
        .addRoutes(to: router)
    if let pipeline = deps.pipeline {
        // Everything under /v1 except webhooks needs a bearer token; jobs, shortlists and
        // candidates are the recruiter's (admins too).
        let recruiter = router.group("v1")
            .add(middleware: BearerAuthMiddleware(store: pipeline.accessControl, clock: deps.clock, rateLimiter: pipeline.rateLimiter))
            .add(middleware: RequireRole([.recruiter, .admin]))
        let accessLog = AccessLogging(store: pipeline.accessControl, clock: deps.clock)
        JobsController<ScreenerRequestContext>(
            store: pipeline.store, linter: pipeline.linter, clock: deps.clock, maxBodyBytes: deps.configuration.server.maxBodyBytes,
            accessLog: accessLog
        ).addRoutes(to: recruiter)
        CandidatesController<ScreenerRequestContext>(
            assembler: ReportAssembler(store: pipeline.store), store: pipeline.store, clock: deps.clock, logger: deps.logger,
            accessLog: accessLog, erase: { [pipeline = pipeline.pipeline] id in try await pipeline.erase(candidateId: id) }
        ).addRoutes(to: recruiter)
        // Bias audits are the compliance role's (admins too); they serve aggregates only.
        let compliance = router.group("v1")
            .add(middleware: BearerAuthMiddleware(store: pipeline.accessControl, clock: deps.clock, rateLimiter: pipeline.rateLimiter))
            .add(middleware: RequireRole([.compliance, .admin]))
        AuditsController<ScreenerRequestContext>(runner: AuditRunner(store: pipeline.store, clock: deps.clock), accessLog: accessLog)
            .addRoutes(to: compliance)
    }
    // Greenhouse's Assessment Partner API: HTTP Basic with an `ats` token (only when configured).
    GreenhouseAssessmentController<ScreenerRequestContext>(deps: deps)?.addRoutes(to: router)
    return router
}

/// Builds the whole service: the HTTP server plus the worker services, in one ServiceGroup run by
/// `runService()`, with graceful shutdown on SIGTERM and SIGINT.
public func buildApplication(_ deps: ScreenerDependencies) -> some ApplicationProtocol {
    let workers: [any Service] = (0..<deps.configuration.workers.count).map { n in
        EventProcessor(
            name: "worker-\(n)-\(ProcessInfo.processInfo.processIdentifier)", store: deps.store, integrations: deps.integrations,
            clock: deps.clock, metrics: deps.metrics, logger: deps.logger,
            lease: deps.configuration.workers.leaseSeconds, pollInterval: deps.configuration.workers.pollSeconds,
            // A full pipeline run takes tens of milliseconds: a worker leases one event at a time so
            // that no event waits behind another's in a claimed batch (mapping alone is cheap: 16).
            batchSize: deps.pipeline == nil ? 16 : 1,
            pipeline: deps.pipeline?.pipeline
        )
    }
    // ServiceGroup shuts services down in reverse order: workers before the parse pool they use.
    var services = deps.extraServices + workers
    if let pipeline = deps.pipeline {
        services.append(RescoreService(pipeline: pipeline.pipeline, logger: deps.logger))
        services.append(RetentionSweeper(store: pipeline.store, policy: deps.configuration.retention, clock: deps.clock, logger: deps.logger))
        services.append(DeliveryService(
            store: pipeline.store, writers: pipeline.writers, schedule: pipeline.schedule, clock: deps.clock, logger: deps.logger,
            lease: deps.configuration.delivery.leaseSeconds, pollInterval: deps.configuration.workers.pollSeconds))
    }
    let intakeHandlers = webhookIntakeHandlers(deps)
    return Application(
        router: buildRouter(deps),
        // The autoclosure runs once per connection: each gets its own handler.
        server: .http1(configuration: .init(additionalChannelHandlers: intakeHandlers())),
        configuration: .init(
            address: .hostname(deps.configuration.server.host, port: deps.configuration.server.port),
            serverName: "screener"
        ),
        services: services,
        eventLoopGroupProvider: .screener,
        logger: deps.logger
    )
}

/// The per-connection channel handlers in front of the router: the webhook intake fast path
/// (`WebhookIntakeHandler`) unless `server.intakeFastPath` is off.
func webhookIntakeHandlers(_ deps: ScreenerDependencies) -> @Sendable () -> [any RemovableChannelHandler] {
    guard deps.configuration.server.intakeFastPath else { return { [] } }
    let shared = WebhookIntakeHandler.Shared(
        intake: WebhookController(deps), logger: deps.logger, timeLimit: deps.configuration.server.timeouts.webhooks)
    return { [WebhookIntakeHandler(shared)] }
}

/// What the stages after intake run on.
public struct PipelineServices: Sendable {
    public var store: any PipelineStore
    public var pipeline: CandidatePipeline
    /// ATS writers by integration name; integrations without one queue no post-backs.
    public var writers: [String: any ATSWriter]
    public var schedule: DeliverySchedule
    public var linter: CriteriaLinter
    /// Tokens and the access log, for the `/v1` API.
    public var accessControl: any AccessControlStore
    public var rateLimiter: TokenRateLimiter

    public init(store: any PipelineStore, pipeline: CandidatePipeline, writers: [String: any ATSWriter], accessControl: any AccessControlStore, rateLimiter: TokenRateLimiter = TokenRateLimiter(), schedule: DeliverySchedule = .standard, linter: CriteriaLinter = CriteriaLinter()) {
        self.store = store
        self.accessControl = accessControl
        self.rateLimiter = rateLimiter
        self.pipeline = pipeline
        self.writers = writers
        self.schedule = schedule
        self.linter = linter
    }
}
