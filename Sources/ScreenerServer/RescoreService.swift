import Foundation
import Logging
import ScreenerCore
import ServiceLifecycle

/// Scores parsed applications again when their job gets new criteria (from `screener jobs put`, the
/// HTTP API, or derivation), then recomputes the job's shortlist.
public struct RescoreService: Service {
    let pipeline: CandidatePipeline
    let pollInterval: TimeInterval
    let logger: Logger

    public init(pipeline: CandidatePipeline, pollInterval: TimeInterval = 1, logger: Logger) {
        self.pipeline = pipeline
        self.pollInterval = pollInterval
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            var scored = 0
            do {
                scored = try await pipeline.rescoreStale()
            } catch {
                logger.warning("rescoring failed; will retry", metadata: ["screener.error.code": "\((error as? ScreenerError)?.code.rawValue ?? "\(type(of: error))")"])
            }
            if scored == 0 { try? await Task.sleep(for: .milliseconds(Int(pollInterval * 1000))) }
        }
    }
}
