package dev.neardup.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A bounded load generator for the service, loopback only: uploads every image of a folder once
 * ({@code POST /api/v1/images}, {@code concurrency} at a time), checks that each image answered
 * unique is then readable ({@code GET /api/v1/images/{id}}), runs {@code queries} single-image
 * queries, and prints ingest images/s, query latency percentiles, error counts and the server's
 * resident memory (sampled from {@code /proc/PID/status}).
 *
 * <p>Usage: {@code java -cp ... dev.neardup.bench.ServiceLoad PORT IMAGE_DIR MAX_IMAGES CONCURRENCY
 * QUERIES MAX_SECONDS SERVER_PID}. Hits only 127.0.0.1; stops at {@code MAX_SECONDS}.
 */
public final class ServiceLoad {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ServiceLoad() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 7) {
      System.err.println(
          "usage: ServiceLoad PORT IMAGE_DIR MAX_IMAGES CONCURRENCY QUERIES MAX_SECONDS SERVER_PID");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    Path dir = Path.of(args[1]);
    int maxImages = Integer.parseInt(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    int queries = Integer.parseInt(args[4]);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[5]));
    long pid = Long.parseLong(args[6]);
    String base = "http://127.0.0.1:" + port; // loopback only, by construction
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png)$"))
              .sorted()
              .limit(maxImages)
              .toList();
    }
    RssSampler rss = new RssSampler(pid);
    rss.start();

    Map<String, String> uniqueIds = new ConcurrentHashMap<>();
    AtomicInteger unique = new AtomicInteger();
    AtomicInteger duplicate = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicInteger next = new AtomicInteger();
    List<Long> ingestNanos = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    long start = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      pool.execute(
          () -> {
            for (int i;
                (i = next.getAndIncrement()) < files.size() && System.nanoTime() < deadline; ) {
              Path f = files.get(i);
              try {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(upload(base + "/api/v1/images", f), utf8());
                ingestNanos.add(System.nanoTime() - t0);
                if (r.statusCode() == 201) {
                  unique.incrementAndGet();
                  uniqueIds.put(JSON.readTree(r.body()).at("/image/id").asText(), f.toString());
                } else if (r.statusCode() == 200) {
                  duplicate.incrementAndGet();
                } else {
                  errors.incrementAndGet();
                  System.err.println(f + ": " + r.statusCode() + " " + r.body());
                }
              } catch (IOException | InterruptedException e) {
                errors.incrementAndGet();
                System.err.println(f + ": " + e);
              }
            }
          });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.DAYS);
    double ingestSeconds = (System.nanoTime() - start) / 1e9;
    int sent = unique.get() + duplicate.get() + errors.get();

    int lost = 0;
    for (String id : uniqueIds.keySet()) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/api/v1/images/" + id)).build(), utf8());
      if (r.statusCode() != 200) {
        lost++;
      }
    }
    int documents =
        JSON.readTree(
                http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(), utf8())
                    .body())
            .get("documents")
            .asInt();

    List<Long> queryNanos = new ArrayList<>();
    AtomicLong queryErrors = new AtomicLong();
    for (int q = 0; q < queries && !files.isEmpty() && System.nanoTime() < deadline; q++) {
      Path f = files.get((int) ((q * 7919L) % files.size()));
      long t0 = System.nanoTime();
      HttpResponse<String> r = http.send(upload(base + "/api/v1/query", f), utf8());
      queryNanos.add(System.nanoTime() - t0);
      if (r.statusCode() != 200) {
        queryErrors.incrementAndGet();
      }
    }
    rss.stop();
    System.out.printf(
        Locale.ROOT,
        "ingest: %d images in %.1f s = %.2f images/s (concurrency %d): %d unique, %d duplicate,"
            + " %d errors; latency p50 %.0f ms, p99 %.0f ms%n",
        sent,
        ingestSeconds,
        sent / ingestSeconds,
        concurrency,
        unique.get(),
        duplicate.get(),
        errors.get(),
        pct(ingestNanos, 50),
        pct(ingestNanos, 99));
    System.out.printf(
        Locale.ROOT,
        "lost: %d of %d acknowledged unique images not readable afterwards; index documents: %d%n",
        lost,
        uniqueIds.size(),
        documents);
    System.out.printf(
        Locale.ROOT,
        "query: %d single-image queries against %d documents: p50 %.0f ms, p99 %.0f ms,"
            + " %d errors%n",
        queryNanos.size(),
        documents,
        pct(queryNanos, 50),
        pct(queryNanos, 99),
        queryErrors.get());
    System.out.printf(
        Locale.ROOT,
        "server memory: RSS max %.0f MiB (sampled every 200 ms), VmHWM %.0f MiB%n",
        rss.maxKb / 1024.0,
        rss.hwmKb() / 1024.0);
  }

  static HttpResponse.BodyHandler<String> utf8() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  /** A multipart POST of {@code file} as the form field {@code file}. */
  static HttpRequest upload(String url, Path file) throws IOException {
    String boundary = "neardup-load-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName()
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(Files.readAllBytes(file));
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(120))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }

  /** The {@code p}th percentile (nearest rank) of {@code nanos}, in milliseconds; NaN if empty. */
  static double pct(List<Long> nanos, int p) {
    if (nanos.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1))) / 1e6;
  }

  /** Samples the server's VmRSS every 200 ms. */
  private static final class RssSampler {
    private final Path status;
    private volatile boolean running = true;
    private volatile long maxKb;
    private Thread thread;

    RssSampler(long pid) {
      this.status = Path.of("/proc", Long.toString(pid), "status");
    }

    void start() {
      thread =
          new Thread(
              () -> {
                while (running) {
                  maxKb = Math.max(maxKb, field("VmRSS:"));
                  try {
                    Thread.sleep(200);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "rss-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running = false;
      thread.join();
    }

    long hwmKb() {
      return field("VmHWM:");
    }

    private long field(String name) {
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith(name)) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (IOException | NumberFormatException e) {
        // the server is gone
      }
      return 0;
    }
  }
}
