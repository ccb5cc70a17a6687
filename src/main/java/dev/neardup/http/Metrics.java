package dev.neardup.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The service's counters and histograms in a Micrometer {@link PrometheusMeterRegistry}, scraped
 * from {@code GET /metrics} in the Prometheus text format.
 *
 * <p>neardup's own series keep the names and labels they have always had ({@code
 * neardup_http_requests_total{method,route,status}}, {@code neardup_embedding_seconds}, ...): the
 * registry derives them from the dotted Micrometer names. {@link #forService()} adds the standard
 * JVM, GC, thread, class-loading, CPU and file-descriptor meters ({@code jvm_*}, {@code process_*},
 * {@code system_*}) and {@link #bindJetty} the server's thread pool and connections ({@code
 * jetty_*}), which a dashboard built for any Micrometer service already understands.
 *
 * <p>Thread-safe; recording is lock-free.
 */
final class Metrics implements AutoCloseable {
  static final double[] SECONDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
  static final double[] BATCH = {1, 2, 4, 8, 16, 32, 64};

  /** Failure kinds that exist from the start, at 0, so that a rate over them is never absent. */
  private static final List<String> KNOWN_FAILURES =
      List.of("embedding", "too_large", "unreadable");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final AtomicLong documents = new AtomicLong();
  private JvmGcMetrics gc;

  final Counter imagesIndexed =
      Counter.builder("neardup.images.indexed")
          .description("Images added to the index (jobs and ingest).")
          .register(registry);
  final Counter uniqueImages =
      Counter.builder("neardup.ingest.unique")
          .description("Ingested images found unique and kept.")
          .register(registry);
  final Counter duplicatesFound =
      Counter.builder("neardup.duplicates.found")
          .description("Ingested images found to be verified duplicates.")
          .register(registry);
  final Timer embeddingSeconds =
      Timer.builder("neardup.embedding")
          .description("Latency of one model call (one batch).")
          .serviceLevelObjectives(durations(SECONDS))
          .register(registry);
  final DistributionSummary batchSize =
      DistributionSummary.builder("neardup.embedding.batch.size")
          .description("Images per model call.")
          .serviceLevelObjectives(BATCH)
          .register(registry);

  /** neardup's own meters only (a stand-alone review page, tests). */
  Metrics() {
    Gauge.builder("neardup.index.documents", documents, AtomicLong::get)
        .description("Live documents in the index.")
        .register(registry);
    KNOWN_FAILURES.forEach(k -> failureCounter(k));
  }

  /** neardup's meters plus the JVM's and the process's; {@link #close} releases the GC listener. */
  static Metrics forService() {
    Metrics m = new Metrics();
    new ClassLoaderMetrics().bindTo(m.registry);
    new JvmMemoryMetrics().bindTo(m.registry);
    m.gc = new JvmGcMetrics();
    m.gc.bindTo(m.registry);
    new JvmThreadMetrics().bindTo(m.registry);
    new ProcessorMetrics().bindTo(m.registry);
    new UptimeMetrics().bindTo(m.registry);
    new FileDescriptorMetrics().bindTo(m.registry);
    return m;
  }

  /**
   * Meters for Jetty's thread pool and, once the server starts (Javalin adds its connectors before
   * that), for every connector's connections and bytes.
   */
  void bindJetty(Server server) {
    new JettyServerThreadPoolMetrics(server.getThreadPool(), Tags.empty()).bindTo(registry);
    server.addEventListener(
        new LifeCycle.Listener() {
          @Override
          public void lifeCycleStarting(LifeCycle event) {
            JettyConnectionMetrics.addToAllConnectors(server, registry);
          }
        });
  }

  /** Counts a refused or failed image by kind ({@code unreadable}, {@code too_large}, ...). */
  void failure(String kind) {
    failureCounter(kind).increment();
  }

  private Counter failureCounter(String kind) {
    return Counter.builder("neardup.failures")
        .description("Images refused or failed, by kind.")
        .tag("kind", kind)
        .register(registry);
  }

  void request(String method, String route, int status, double seconds) {
    Counter.builder("neardup.http.requests")
        .description("HTTP requests by route and status.")
        .tags("method", method, "route", route, "status", Integer.toString(status))
        .register(registry)
        .increment();
    Timer.builder("neardup.http.request")
        .description("HTTP request latency.")
        .tags("method", method, "route", route)
        .serviceLevelObjectives(durations(SECONDS))
        .register(registry)
        .record((long) (seconds * 1e9), TimeUnit.NANOSECONDS);
  }

  /** The text a Prometheus server scrapes from {@code GET /metrics}. */
  String render(int documents) {
    this.documents.set(documents);
    return registry.scrape();
  }

  private static Duration[] durations(double[] seconds) {
    return Arrays.stream(seconds)
        .mapToObj(s -> Duration.ofNanos(Math.round(s * 1e9)))
        .toArray(Duration[]::new);
  }

  @Override
  public void close() {
    if (gc != null) {
      gc.close();
    }
    registry.close();
  }
}
