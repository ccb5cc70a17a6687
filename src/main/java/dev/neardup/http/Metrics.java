package dev.neardup.http;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The service's counters and histograms, rendered in the Prometheus text exposition format (version
 * 0.0.4). Written here rather than pulled in as a dependency: a dozen series, no registry needed.
 * Thread-safe and lock-free on the recording side.
 */
final class Metrics {
  static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  static final double[] BATCH = {1, 2, 4, 8, 16, 32, 64};

  final LongAdder imagesIndexed = new LongAdder();
  final LongAdder uniqueImages = new LongAdder();
  final LongAdder duplicatesFound = new LongAdder();
  private final Map<String, LongAdder> failures = new ConcurrentSkipListMap<>();
  private final Map<String, LongAdder> requests = new ConcurrentSkipListMap<>();
  private final Map<String, Histogram> requestSeconds = new ConcurrentHashMap<>();
  final Histogram embeddingSeconds = new Histogram(SECONDS);
  final Histogram batchSize = new Histogram(BATCH);

  /** Counts a refused or failed image by kind ({@code unreadable}, {@code too_large}, ...). */
  void failure(String kind) {
    failures.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  void request(String method, String route, int status, double seconds) {
    String labels = "method=\"" + method + "\",route=\"" + route + "\",status=\"" + status + "\"";
    requests.computeIfAbsent(labels, k -> new LongAdder()).increment();
    requestSeconds
        .computeIfAbsent(
            "method=\"" + method + "\",route=\"" + route + "\"", k -> new Histogram(SECONDS))
        .observe(seconds);
  }

  /** The text a Prometheus server scrapes from {@code GET /metrics}. */
  String render(int documents) {
    StringBuilder b = new StringBuilder();
    gauge(b, "neardup_index_documents", "Live documents in the index.", documents);
    counter(
        b,
        "neardup_images_indexed_total",
        "Images added to the index (jobs and ingest).",
        imagesIndexed);
    counter(
        b, "neardup_ingest_unique_total", "Ingested images found unique and kept.", uniqueImages);
    counter(
        b,
        "neardup_duplicates_found_total",
        "Ingested images found to be verified duplicates.",
        duplicatesFound);
    b.append("# HELP neardup_failures_total Images refused or failed, by kind.\n");
    b.append("# TYPE neardup_failures_total counter\n");
    failures.forEach(
        (k, v) ->
            b.append("neardup_failures_total{kind=\"")
                .append(k)
                .append("\"} ")
                .append(v.sum())
                .append('\n'));
    b.append("# HELP neardup_http_requests_total HTTP requests by route and status.\n");
    b.append("# TYPE neardup_http_requests_total counter\n");
    requests.forEach(
        (k, v) ->
            b.append("neardup_http_requests_total{")
                .append(k)
                .append("} ")
                .append(v.sum())
                .append('\n'));
    b.append("# HELP neardup_http_request_seconds HTTP request latency.\n");
    b.append("# TYPE neardup_http_request_seconds histogram\n");
    new ConcurrentSkipListMap<>(requestSeconds)
        .forEach((k, h) -> h.render(b, "neardup_http_request_seconds", k));
    b.append("# HELP neardup_embedding_seconds Latency of one model call (one batch).\n");
    b.append("# TYPE neardup_embedding_seconds histogram\n");
    embeddingSeconds.render(b, "neardup_embedding_seconds", "");
    b.append("# HELP neardup_embedding_batch_size Images per model call.\n");
    b.append("# TYPE neardup_embedding_batch_size histogram\n");
    batchSize.render(b, "neardup_embedding_batch_size", "");
    return b.toString();
  }

  private static void counter(StringBuilder b, String name, String help, LongAdder v) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" counter\n");
    b.append(name).append(' ').append(v.sum()).append('\n');
  }

  private static void gauge(StringBuilder b, String name, String help, long v) {
    b.append("# HELP ").append(name).append(' ').append(help).append('\n');
    b.append("# TYPE ").append(name).append(" gauge\n");
    b.append(name).append(' ').append(v).append('\n');
  }

  /** A cumulative histogram with fixed upper bounds. */
  static final class Histogram {
    private final double[] bounds;
    private final LongAdder[] buckets;
    private final LongAdder count = new LongAdder();
    private final DoubleAdder sum = new DoubleAdder();

    Histogram(double[] bounds) {
      this.bounds = bounds.clone();
      this.buckets = new LongAdder[bounds.length];
      for (int i = 0; i < bounds.length; i++) {
        buckets[i] = new LongAdder();
      }
    }

    void observe(double v) {
      for (int i = 0; i < bounds.length; i++) {
        if (v <= bounds[i]) {
          buckets[i].increment();
          break;
        }
      }
      count.increment();
      sum.add(v);
    }

    long count() {
      return count.sum();
    }

    void render(StringBuilder b, String name, String labels) {
      String sep = labels.isEmpty() ? "" : labels + ",";
      long cumulative = 0;
      for (int i = 0; i < bounds.length; i++) {
        cumulative += buckets[i].sum();
        b.append(name)
            .append("_bucket{")
            .append(sep)
            .append("le=\"")
            .append(format(bounds[i]))
            .append("\"} ")
            .append(cumulative)
            .append('\n');
      }
      b.append(name)
          .append("_bucket{")
          .append(sep)
          .append("le=\"+Inf\"} ")
          .append(count.sum())
          .append('\n');
      String braces = labels.isEmpty() ? "" : "{" + labels + "}";
      b.append(name)
          .append("_sum")
          .append(braces)
          .append(' ')
          .append(format(sum.sum()))
          .append('\n');
      b.append(name).append("_count").append(braces).append(' ').append(count.sum()).append('\n');
    }

    private static String format(double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e15
          ? Long.toString((long) d)
          : String.format(Locale.ROOT, "%s", d);
    }
  }
}
