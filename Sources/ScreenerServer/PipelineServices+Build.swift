import ATSIntegration
import AsyncHTTPClient
import Foundation
import Logging
import ModelProviders
import ResumeParsing
import ScreenerCore
import Scoring

extension PipelineServices {
    /// Builds the stages after intake from the configuration, the same way for `serve` and for the
    /// end-to-end tests: the SSRF-guarded fetcher with each integration's `fetch` settings, one ATS
    /// writer per integration with `postBack` settings (and the Assessment Partner PATCH writer for
    /// integrations with `assessment` settings), the parser (worker pool or in process), and
    /// the scoring adapter.
    ///
    /// A post-back setting for a profile without a writer, or a missing writer secret, stops
    /// start-up with a message naming the integration.
    public static func build(
        configuration: ScreenerConfiguration, store: any PipelineStore & AccessControlStore, parser: any DocumentParsing,
        httpClient: HTTPClient, taxonomy: SkillTaxonomy, clock: any ScreenerClock, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        fetcher: (any ResumeFetcher)? = nil, schedule: DeliverySchedule = .standard,
        priorUsage: [String: ModelUsage] = [:]
    ) throws -> PipelineServices {
        var fetchSettings: [String: FetchSettings] = [:]
        var writers: [String: any ATSWriter] = [:]
        var targets: [String: PostBackPlanner.Target] = [:]
        var assessmentSettings: [String: GreenhouseAssessmentSettings] = [:]
        for integration in configuration.integrations {
            if let f = integration.fetch { fetchSettings[integration.name] = f }
            if var settings = integration.postBack {
                settings.integration = integration.name
                writers[integration.name] = try ATSWriters.make(
                    profile: integration.profile, settings: settings, httpClient: httpClient, clock: clock, environment: environment,
                    logger: logger)
                targets[integration.name] = .init(profile: integration.profile, tags: settings.tags.isEmpty ? ["screener-shortlisted"] : settings.tags)
            }
            if let assessment = integration.assessment {
                // Greenhouse Assessment Partner mode: results PATCH the send_test callback, notes
                // (if `postBack` is set) still go through Harvest.
                guard integration.profile == "greenhouse" else {
                    throw ScreenerError(.invalidConfiguration, "integration '\(integration.name)': assessment mode needs profile greenhouse")
                }
                try assessment.validate(integration: integration.name)
                assessmentSettings[integration.name] = assessment
                if assessment.apiKey != nil {
                    let writer = try GreenhouseAssessmentWriter(
                        integration: integration.name, settings: assessment, httpClient: httpClient, clock: clock, environment: environment,
                        logger: logger)
                    writers[integration.name] = KindRoutingWriter(
                        profile: integration.profile, routes: [.assessmentResult: writer], fallback: writers[integration.name])
                }
            }
        }
        guard assessmentSettings.isEmpty || store is any AssessmentStore else {
            throw ScreenerError(.invalidConfiguration, "this store cannot hold Assessment Partner requests")
        }
        let models = try ScoringModels.build(
            configuration: configuration, httpClient: httpClient, taxonomy: taxonomy, environment: environment, logger: logger,
            priorUsage: priorUsage)
        var pipeline = CandidatePipeline(
            store: store,
            fetcher: fetcher ?? ResumeFetchers(settings: fetchSettings, environment: environment),
            parser: parser,
            model: { criteria in models.model(for: criteria) },
            planner: PostBackPlanner(targets: targets, debounce: configuration.delivery.debounceSeconds),
            deriver: CriteriaDeriver(taxonomy: taxonomy),
            clock: clock, logger: logger,
            assessments: (store as? any AssessmentStore).flatMap { assessmentSettings.isEmpty ? nil : AssessmentPartner(
                store: $0, settings: assessmentSettings, maxAttempts: configuration.workers.maxAttempts) })
        pipeline.forgetCachedScores = { inputs in await models.forget(inputSHA256s: inputs) }
        return PipelineServices(
            store: store, pipeline: pipeline, writers: writers, accessControl: store, rateLimiter: TokenRateLimiter(clock: clock),
            schedule: schedule)
    }
}
