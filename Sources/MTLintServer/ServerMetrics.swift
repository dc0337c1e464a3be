import Prometheus

/// The server's Prometheus metrics, one registry per server (no process-wide state, so tests can
/// run several servers side by side): requests by route and status, their latency, and findings by rule.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    static let latencyBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    public init() {}

    /// `route` is the matched route pattern ("unmatched" otherwise), so that a scan of random paths
    /// cannot grow the metrics without bound.
    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "mtlint", metricName: "http_requests", unitName: "total",
                                             helpText: "HTTP requests answered, by method, route and status."),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(namespace: "mtlint", metricName: "http_request_duration", unitName: "seconds",
                                             helpText: "Time from a request's arrival to its response, by route."),
            labels: [("route", route)],
            buckets: Self.latencyBuckets
        ).record(duration)
    }

    func recordFindings(_ countsByRule: [String: Int]) {
        for (rule, count) in countsByRule where count > 0 {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(namespace: "mtlint", metricName: "findings", unitName: "total",
                                                 helpText: "Findings reported to clients, by rule."),
                labels: [("rule", rule)]
            ).increment(by: Int64(count))
        }
    }

    /// The Prometheus text exposition of every metric.
    func render() -> String { registry.emitToString() }
}
