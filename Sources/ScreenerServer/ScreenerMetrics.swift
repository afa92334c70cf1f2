import CoreMetrics
import Foundation
import Prometheus

/// The service's metrics, registered on one Prometheus registry that `/metrics` renders. The factory
/// is passed explicitly, so several applications (as in tests) never share global state.
public final class ScreenerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory
    let queueDepth: CoreMetrics.Gauge

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
        CoreMetrics.Counter(label: "screener_deliveries_total", dimensions: [("integration", integration), ("outcome", outcome)], factory: factory).increment()
    }

    /// Intake latency from the first byte handled to the answer, per integration.
    func intakeDuration(integration: String, nanoseconds: UInt64) {
        CoreMetrics.Timer(label: "screener_intake_duration_seconds", dimensions: [("integration", integration)], preferredDisplayUnit: .seconds, factory: factory)
            .recordNanoseconds(Int64(nanoseconds))
    }

    func workItem(outcome: String) {
        CoreMetrics.Counter(label: "screener_work_items_total", dimensions: [("outcome", outcome)], factory: factory).increment()
    }

    func setQueueDepth(_ depth: Int) { queueDepth.record(depth) }

    public func render() -> String { registry.emitToString() }
}
