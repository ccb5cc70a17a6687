package dev.neardup.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times the service on an index that {@code neardup index} built: starts {@code neardup serve} as a
 * child on a free loopback port, sends each query image alone to {@code POST /api/v1/query}, then
 * uploads each upload image alone to {@code POST /api/v1/images}, one request at a time, and stops
 * the service with SIGTERM (it commits the index on the way out). One untimed query comes first.
 *
 * <p>One request at a time, because the target is the answer time a user sees, not throughput
 * ({@link ServiceLoad} measures that). Queries come first, so that every query sees the same index.
 */
final class ServiceProbe {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Duration START_LIMIT = Duration.ofMinutes(5);

  private ServiceProbe() {}

  /**
   * What the service answered.
   *
   * @param queryMs each query's round trip
   * @param uploadMs each upload's round trip
   * @param errors requests answered with a status other than 200 or 201
   * @param peakRssBytes the service's resident-memory high-water mark when it was stopped
   */
  record Answers(List<Double> queryMs, List<Double> uploadMs, int errors, long peakRssBytes) {}

  /**
   * Starts the service on {@code index} and times the requests.
   *
   * @param serveArgs the engine options of the run ({@code --model ...}), added after {@code serve}
   * @param root the one folder the service may touch; uploads are stored under it
   */
  static Answers run(
      ChildNeardup neardup,
      Path index,
      List<String> serveArgs,
      Path root,
      List<Path> queries,
      List<Path> uploads,
      Path log)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("serve", "--index", index.toString()));
    args.addAll(serveArgs);
    args.addAll(
        List.of(
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--roots",
            root.toString(),
            "--storage",
            root.resolve("uploads").toString()));
    Process p = neardup.start(log, args);
    try {
      String base = "http://127.0.0.1:" + awaitPort(p, log);
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      // One untimed query first: the service's first request loads and compiles its classes,
      // which no later request pays.
      int errors =
          queries.isEmpty()
              ? 0
              : timed(http, base + "/api/v1/query", queries.get(0), new ArrayList<>());
      List<Double> queryMs = new ArrayList<>();
      for (Path q : queries) {
        errors += timed(http, base + "/api/v1/query", q, queryMs);
      }
      List<Double> uploadMs = new ArrayList<>();
      for (Path u : uploads) {
        errors += timed(http, base + "/api/v1/images", u, uploadMs);
      }
      return new Answers(queryMs, uploadMs, errors, ChildNeardup.highWaterMark(p.pid()));
    } finally {
      p.destroy();
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly().waitFor();
      }
    }
  }

  /** Sends one image; returns 1 when the answer was not a success. */
  private static int timed(HttpClient http, String url, Path image, List<Double> ms)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    HttpResponse<String> r = http.send(ServiceLoad.upload(url, image), ServiceLoad.utf8());
    ms.add((System.nanoTime() - t0) / 1e6);
    return r.statusCode() == 200 || r.statusCode() == 201 ? 0 : 1;
  }

  /** Waits until the service says where it listens. */
  private static int awaitPort(Process p, Path log) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)) {
        Matcher m = LISTENING.matcher(Files.readString(log));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      if (!p.isAlive()) {
        throw new IOException(
            "neardup serve exited with " + p.exitValue() + ":\n" + ChildNeardup.tail(log));
      }
      Thread.sleep(100);
    }
    throw new IOException(
        "neardup serve did not start within " + START_LIMIT + ":\n" + ChildNeardup.tail(log));
  }
}
