import ATSIntegration
import Foundation
import Logging
import ScreenerCore
import ServiceLifecycle

/// Drains the post-back outbox: claims due post-backs under a lease, hands each to its
/// integration's `ATSWriter`, and records the outcome.
///
/// - delivered → `delivered` with the ATS's id (the idempotency ledger row stays forever);
/// - retry → the next attempt per `DeliverySchedule` (0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 24 h,
///   with jitter; a longer `Retry-After` wins), marked *uncertain* so that an append-only writer
///   first checks whether the earlier attempt landed; after the last attempt → dead letter;
/// - permanent → dead letter at once. `screener deliveries retry ID` puts it back.
///
/// A crash mid-attempt leaves the row `in_flight`; when its lease expires it is claimed again as
/// uncertain, so a note whose 200 was lost is found rather than posted twice.
public struct DeliveryService: Service {
    let store: any PipelineStore
    let writers: [String: any ATSWriter]
    let schedule: DeliverySchedule
    let clock: any ScreenerClock
    let logger: Logger
    let lease: TimeInterval
    let pollInterval: TimeInterval
    let batchSize: Int

    /// `writers` by integration name.
    public init(
        store: any PipelineStore, writers: [String: any ATSWriter], schedule: DeliverySchedule = .standard,
        clock: any ScreenerClock, logger: Logger, lease: TimeInterval = 120, pollInterval: TimeInterval = 0.2, batchSize: Int = 64
    ) {
        self.store = store
        self.writers = writers
        self.schedule = schedule
        self.clock = clock
        self.logger = logger
        self.lease = lease
        self.pollInterval = pollInterval
        self.batchSize = batchSize
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let n = await runOnce()
            if n == 0 { try? await Task.sleep(for: .milliseconds(Int(pollInterval * 1000))) }
        }
    }

    /// Claims and attempts one batch; returns how many post-backs it attempted.
    @discardableResult
    public func runOnce() async -> Int {
        let items: [OutboxItem]
        do {
            items = try await store.claimPostBacks(limit: batchSize, lease: lease, now: clock.now())
        } catch {
            logger.warning("could not claim post-backs", metadata: ["screener.error.code": "\((error as? ScreenerError)?.code.rawValue ?? "store")"])
            return 0
        }
        // Candidate notes go out in the order of the job's newest shortlist, refreshed to their
        // current rank; a candidate who has left the shortlist is not noted at all.
        var shortlists: [String: Shortlist] = [:]
        var ready: [(rank: Int, item: OutboxItem)] = []
        for var item in items {
            guard item.postBack.kind == .candidateNote, let jobId = item.jobId, let candidateId = item.candidateId else {
                ready.append((0, item))
                continue
            }
            if shortlists[jobId] == nil { shortlists[jobId] = try? await store.latestShortlist(jobId: jobId) }
            guard let shortlist = shortlists[jobId], let entry = shortlist.entries.first(where: { $0.candidateId == candidateId }) else {
                try? await store.markSuperseded(postBackId: item.postBack.id, now: clock.now())
                continue
            }
            item.postBack.rank = entry.rank
            item.postBack.score = entry.score
            item.postBack.note = PostBackPlanner.noteText(entry, shortlist: shortlist)
            ready.append((entry.rank, item))
        }
        ready.sort { ($0.item.jobId ?? "", $0.rank) < ($1.item.jobId ?? "", $1.rank) }
        for (_, item) in ready { await attempt(item) }
        return items.count
    }

    func attempt(_ item: OutboxItem) async {
        var log = logger
        log[metadataKey: "screener.postback.id"] = "\(item.postBack.id)"
        log[metadataKey: "screener.postback.attempt"] = "\(item.attempts)"
        guard let writer = writers[item.postBack.integration] else {
            try? await store.markFailed(
                postBackId: item.postBack.id, reason: "integration '\(item.postBack.integration)' has no writer configured",
                uncertain: item.uncertain, retryAt: nil, now: clock.now())
            log.warning("post-back dead-lettered: no writer")
            return
        }
        let result = await writer.deliver(item.postBack, previousAttemptUncertain: item.uncertain)
        do {
            switch result {
            case .delivered(let remoteID):
                try await store.markDelivered(postBackId: item.postBack.id, remoteId: remoteID, now: clock.now())
                log.debug("post-back delivered")
            case .retry(let after, let reason):
                let delay = schedule.nextAttemptDelay(afterAttempt: item.attempts, serverRequested: after, random: Double.random(in: 0...1))
                try await store.markFailed(
                    postBackId: item.postBack.id, reason: reason, uncertain: true,
                    retryAt: delay.map { clock.now().addingTimeInterval($0) }, now: clock.now())
                log.info(delay == nil ? "post-back dead-lettered after the last attempt" : "post-back will be retried",
                         metadata: ["screener.postback.reason": "\(reason)"])
            case .permanent(let reason):
                try await store.markFailed(postBackId: item.postBack.id, reason: reason, uncertain: item.uncertain, retryAt: nil, now: clock.now())
                log.warning("post-back dead-lettered", metadata: ["screener.postback.reason": "\(reason)"])
            }
        } catch {
            // The lease expires and the post-back is claimed again as uncertain.
            log.warning("could not record the post-back outcome")
        }
    }
}
