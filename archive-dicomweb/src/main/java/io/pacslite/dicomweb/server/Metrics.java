package io.pacslite.dicomweb.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters for {@code GET /metrics}: requests and their latency per endpoint and status,
 * bytes sent, and instances stored over HTTP. Written as Prometheus text exposition format
 * (version 0.0.4). Thread-safe and lock-free on the request path.
 */
public final class Metrics {

    /** Upper bounds of the latency histogram, in seconds. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder instancesStored = new LongAdder();

    private static final class Endpoint {
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();

        Endpoint() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    /** Counts one finished request. */
    void request(String endpoint, int status, long nanos, long bytes) {
        Endpoint e = endpoints.computeIfAbsent(endpoint, name -> new Endpoint());
        e.byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        e.count.increment();
        e.nanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                e.buckets[i].increment();
            }
        }
        bytesSent.add(Math.max(0, bytes));
    }

    /** Counts instances stored by STOW-RS. */
    public void stored(int instances) {
        instancesStored.add(instances);
    }

    /** The metrics as Prometheus text; {@code archiveInstances} is the index's current count. */
    public String prometheusText(long archiveInstances) {
        StringBuilder out = new StringBuilder();
        out.append("# HELP pacslite_archive_instances Instances in the archive.\n");
        out.append("# TYPE pacslite_archive_instances gauge\n");
        out.append("pacslite_archive_instances ").append(archiveInstances).append('\n');
        out.append("# HELP pacslite_http_instances_stored_total Instances stored by STOW-RS since start.\n");
        out.append("# TYPE pacslite_http_instances_stored_total counter\n");
        out.append("pacslite_http_instances_stored_total ").append(instancesStored.sum()).append('\n');
        out.append("# HELP pacslite_http_sent_bytes_total Response bytes sent since start.\n");
        out.append("# TYPE pacslite_http_sent_bytes_total counter\n");
        out.append("pacslite_http_sent_bytes_total ").append(bytesSent.sum()).append('\n');
        Map<String, Endpoint> sorted = new TreeMap<>(endpoints);
        out.append("# HELP pacslite_http_requests_total HTTP requests by endpoint and status.\n");
        out.append("# TYPE pacslite_http_requests_total counter\n");
        sorted.forEach((name, e) -> new TreeMap<>(e.byStatus).forEach((status, count) ->
                out.append("pacslite_http_requests_total{endpoint=\"").append(name).append("\",status=\"")
                        .append(status).append("\"} ").append(count.sum()).append('\n')));
        out.append("# HELP pacslite_http_request_duration_seconds HTTP request latency by endpoint.\n");
        out.append("# TYPE pacslite_http_request_duration_seconds histogram\n");
        sorted.forEach((name, e) -> {
            String label = "pacslite_http_request_duration_seconds_bucket{endpoint=\"" + name + "\",le=\"";
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append(label).append(BUCKETS[i]).append("\"} ").append(e.buckets[i].sum()).append('\n');
            }
            out.append(label).append("+Inf\"} ").append(e.count.sum()).append('\n');
            out.append("pacslite_http_request_duration_seconds_sum{endpoint=\"").append(name).append("\"} ")
                    .append(e.nanos.sum() / 1e9).append('\n');
            out.append("pacslite_http_request_duration_seconds_count{endpoint=\"").append(name).append("\"} ")
                    .append(e.count.sum()).append('\n');
        });
        return out.toString();
    }
}
