import ATSIntegration
import Foundation
import Logging
import ScreenerCore
import ServiceLifecycle

/// A worker: claims work items under a lease, maps each event through its integration's profile, and
/// records the canonical event. A mapping failure is permanent (the profile must be fixed), so the
/// event is quarantined with the reason at once; any other failure is retried with backoff, then
/// quarantined after the last attempt. `screener events replay` puts a quarantined event back.
///
/// With a `CandidatePipeline`, it then runs the later stages (fetch, parse, score, shortlist,
/// post-backs); every step is idempotent, so a retry repeats no side effect.
public struct EventProcessor: Service {
    let name: String
    let store: any ScreenerStore
    let integrations: Integrations
    let clock: any ScreenerClock
    let metrics: ScreenerMetrics
    let logger: Logger
    let lease: TimeInterval
    let pollInterval: TimeInterval
    let retryPolicy: RetryPolicy
    let batchSize: Int
    /// The steps after mapping (fetch, parse, score, shortlist). `nil` maps and records only.
    let pipeline: CandidatePipeline?

    public init(name: String, store: any ScreenerStore, integrations: Integrations, clock: any ScreenerClock, metrics: ScreenerMetrics, logger: Logger, lease: TimeInterval = 60, pollInterval: TimeInterval = 0.25, retryPolicy: RetryPolicy = RetryPolicy(), batchSize: Int = 16, pipeline: CandidatePipeline? = nil) {
        self.pipeline = pipeline
        self.name = name
        self.store = store
        self.integrations = integrations
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.lease = lease
        self.pollInterval = pollInterval
        self.retryPolicy = retryPolicy
        self.batchSize = batchSize
    }

    public func run() async throws {
        // Finish the item in hand on graceful shutdown; an unfinished lease simply expires and the
        // item is claimed again after restart, so nothing acknowledged is lost.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let processed = await runOnce()
            if processed == 0 {
                try? await Task.sleep(for: .milliseconds(Int(pollInterval * 1000)))
            }
        }
    }

    /// Claims and processes one batch. Returns how many items it handled.
    @discardableResult
    public func runOnce() async -> Int {
        let items: [WorkItem]
        do {
            items = try await store.claimWork(owner: name, limit: batchSize, lease: lease, now: clock.now())
        } catch {
            logger.warning("could not claim work", metadata: ["screener.error.code": "\((error as? ScreenerError)?.code.rawValue ?? "store")"])
            return 0
        }
        for item in items { await process(item) }
        if let depth = try? await store.queueDepth() { metrics.setQueueDepth(depth) }
        return items.count
    }

    func process(_ item: WorkItem) async {
        var log = logger
        log[metadataKey: "screener.event.id"] = .string(item.eventID)
        log[metadataKey: "screener.work.attempt"] = .stringConvertible(item.attempts)
        do {
            guard let event = try await store.event(id: item.eventID) else {
                try await store.failWork(item, reason: "event row missing", permanent: true, policy: retryPolicy, now: clock.now())
                return
            }
            guard let integration = integrations[event.integration] else {
                try await store.failWork(item, reason: "integration '\(event.integration)' is no longer configured", permanent: false, policy: retryPolicy, now: clock.now())
                metrics.workItem(outcome: "retry")
                return
            }
            let mapped: CandidateEvent
            do {
                if event.eventType == GreenhouseAssessment.sendTestEventType {
                    // A Greenhouse Assessment Partner `send_test`, recorded by the partner routes.
                    mapped = try GreenhouseAssessment.SendTestRequest.decode(event.body).candidateEvent()
                } else {
                    mapped = try integration.mapper.map(body: event.body, eventType: event.eventType.isEmpty ? nil : event.eventType)
                }
            } catch let e as ScreenerError {
                try await store.failWork(item, reason: e.description, permanent: true, policy: retryPolicy, now: clock.now())
                metrics.workItem(outcome: "quarantined")
                log.warning("event quarantined: mapping failed", metadata: ["screener.error.code": "\(e.code.rawValue)"])
                return
            }
            if let pipeline {
                do {
                    try await pipeline.handle(mapped, raw: event)
                } catch let failure as PipelineFailure {
                    try await store.failWork(item, reason: failure.reason, permanent: true, policy: retryPolicy, now: clock.now())
                    metrics.workItem(outcome: "quarantined")
                    log.warning("event quarantined", metadata: ["screener.reason": "\(failure.reason)"])
                    return
                }
            }
            let data = try JSONEncoder.sorted.encode(mapped)
            try await store.completeWork(item, result: data, now: clock.now())
            metrics.workItem(outcome: "done")
            log.debug("event processed", metadata: ["screener.event.kind": "\(mapped.kind.rawValue)"])
        } catch {
            let state = try? await store.failWork(item, reason: (error as? ScreenerError)?.description ?? "\(type(of: error))", permanent: false, policy: retryPolicy, now: clock.now())
            metrics.workItem(outcome: state == .quarantined ? "quarantined" : "retry")
            log.warning("work item failed", metadata: ["screener.work.state": "\(state?.rawValue ?? "unknown")"])
        }
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }
}
