import CoreMetrics
import Foundation
import Prometheus
import Synchronization

/// The service's metrics, registered on one Prometheus registry that `/metrics` renders. The factory
/// is passed explicitly, so several applications (as in tests) never share global state.
public final class ScreenerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    let queueDepth: CoreMetrics.Gauge
    /// Metric handles by label set, so the hot path does one dictionary lookup instead of a
    /// registry lookup (label sanitising, string building, registry lock) per request.
    private let counters = Mutex<[String: CoreMetrics.Counter]>([:])
    private let timers = Mutex<[String: CoreMetrics.Timer]>([:])

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["screener_intake_duration_seconds"] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(1000),
        ]
        self.factory = factory
        queueDepth = CoreMetrics.Gauge(label: "screener_queue_depth", factory: factory)
    }

    /// Counts a delivery by integration and outcome (`stored`, `duplicate`, `ping`, `bad_signature`,
    /// `stale_timestamp`, `malformed_payload`, `store_unavailable`, …).
    func delivery(integration: String, outcome: String) {
        let key = DeliveryKey(integration: integration, outcome: outcome)
        let handle = deliveries.withLock { cache in
            if let c = cache[key] { return c }
            let c = self.counter("screener_deliveries_total", [("integration", integration), ("outcome", outcome)])
            cache[key] = c
            return c
        }
        handle.increment()
    }

    /// Per-delivery counters by (integration, outcome), looked up without building a key string.
    private struct DeliveryKey: Hashable {
        var integration: String
        var outcome: String
    }
    private let deliveries = Mutex<[DeliveryKey: CoreMetrics.Counter]>([:])

    private func counter(_ label: String, _ dimensions: [(String, String)]) -> CoreMetrics.Counter {
        let key = ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: "|")
        return counters.withLock { cache in
            if let c = cache[key] { return c }
            let c = CoreMetrics.Counter(label: label, dimensions: dimensions, factory: factory)
            cache[key] = c
            return c
        }
    }

    /// Intake latency from the first byte handled to the answer, per integration.
    func intakeDuration(integration: String, nanoseconds: UInt64) {
        let timer = timers.withLock { cache in
            if let t = cache[integration] { return t }
            let t = CoreMetrics.Timer(label: "screener_intake_duration_seconds", dimensions: [("integration", integration)], preferredDisplayUnit: .seconds, factory: factory)
            cache[integration] = t
            return t
        }
        timer.recordNanoseconds(Int64(nanoseconds))
    }

    func workItem(outcome: String) {
        counter("screener_work_items_total", [("outcome", outcome)]).increment()
    }

    func setQueueDepth(_ depth: Int) { queueDepth.record(depth) }

    public func render() -> String { registry.emitToString() }
}
