package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.OddImages;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 at the service: the catalogue of odd images next to real photos never gives a 5xx, not
 * on upload, query, 20 parallel uploads of one strip, an index job or {@code /api/v1/groups}; and a
 * {@code serve} restarted on the index that holds them starts and answers. No model: every kept
 * image is a candidate, so every odd image meets every other at the default {@code aligned} level
 * (and at {@code scene} after the restart).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OddImagesServiceTest {
  static final long MAX_UPLOAD = 16L << 20;

  @TempDir static Path tmp;
  Path root;
  Path odd;
  List<Path> files;
  NeardupService service;
  Client client;

  ServiceConfig config() {
    return ServiceConfig.defaults(List.of(root), root.resolve("uploads")).toBuilder()
        .port(0)
        .build()
        .toBuilder()
        .maxUploadBytes(MAX_UPLOAD)
        .build();
  }

  EngineConfig engine(VerifyMode verify) {
    EngineConfig e = ServiceTestBase.engine(tmp.resolve("idx"), false, 0);
    return e.toBuilder().grouping(e.grouping().toBuilder().verify(verify).build()).build();
  }

  @BeforeAll
  void start() throws IOException {
    root = tmp.resolve("root");
    odd = root.resolve("odd");
    files = OddImages.withPhotos(odd);
    service = NeardupService.start(engine(VerifyMode.ALIGNED), config(), Clock.systemUTC());
    client = new Client(service.port(), null);
  }

  @AfterAll
  void stop() throws IOException {
    if (service != null) {
      service.close();
    }
  }

  static void no5xx(Client.Reply r, String what) {
    assertTrue(r.status() < 500, what + ": " + r.status() + " " + r.text());
  }

  @Test
  void uploads_queries_an_index_job_groups_and_a_restart_never_give_a_5xx() throws Exception {
    // 20 parallel uploads of one strip: exactly one is stored, the others are its exact copies.
    byte[] strip = Files.readAllBytes(odd.resolve("strip-4000x20.png"));
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Client.Reply>> parallel = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Callable<Client.Reply> upload =
            () -> client.postFile("/api/v1/images", "strip-4000x20.png", strip);
        parallel.add(pool.submit(upload));
      }
      int created = 0;
      for (Future<Client.Reply> f : parallel) {
        Client.Reply r = f.get();
        no5xx(r, "parallel strip upload");
        assertTrue(r.status() == 201 || r.status() == 200, r.text());
        created += r.status() == 201 ? 1 : 0;
      }
      assertEquals(1, created, "of identical uploads exactly one is stored");
    } finally {
      pool.shutdownNow();
    }

    // Each file uploaded, and queried alone and in batches.
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      String name = f.getFileName().toString();
      Client.Reply up = client.postFile("/api/v1/images", name, bytes);
      no5xx(up, "upload " + name);
      assertTrue(List.of(200, 201, 422).contains(up.status()), name + ": " + up.text());
      Client.Reply q = client.postFile("/api/v1/query", name, bytes);
      no5xx(q, "query " + name);
      if (up.status() != 422) {
        assertEquals(200, q.status(), name + ": " + q.text());
        JsonNode result = q.json().get("results").get(0);
        assertTrue(result.get("duplicate").asBoolean(), "its upload is indexed: " + q.text());
      }
    }
    for (int from = 0; from < files.size(); from += 8) {
      Map<String, byte[]> batch = new LinkedHashMap<>();
      for (Path f : files.subList(from, Math.min(files.size(), from + 8))) {
        batch.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
      no5xx(client.postFiles("/api/v1/query", batch), "query batch at " + from);
    }

    // An index job on the folder, then the groups of the whole index and the review page.
    Client.Reply started = client.postJson("/api/v1/index", "{\"paths\": [\"" + odd + "\"]}");
    assertEquals(202, started.status(), started.text());
    JsonNode job =
        client.get("/api/v1/jobs/" + started.json().get("id").asText() + "?wait=240").json();
    assertEquals("done", job.get("state").asText(), job.toString());
    JsonNode result = job.get("result");
    assertEquals(files.size(), result.get("scanned").asInt(), job.toString());
    assertEquals(
        files.size(),
        result.get("indexed").asInt() + result.get("unreadable").asInt(),
        "every file is indexed or reported unreadable: " + job);
    int documents = client.get("/health").json().get("documents").asInt();
    JsonNode groups = groupsAnswer(client);
    assertEquals(documents, groups.get("images").asInt(), groups.toString());

    // serve restarted on that index (at the scene level too) starts and answers.
    service.close();
    service = null;
    service = NeardupService.start(engine(VerifyMode.SCENE), config(), Clock.systemUTC());
    client = new Client(service.port(), null);
    JsonNode health = client.get("/health").json();
    assertEquals("ok", health.get("status").asText());
    assertEquals(documents, health.get("documents").asInt(), health.toString());
    assertEquals(documents, groupsAnswer(client).get("images").asInt());
  }

  /** {@code /api/v1/groups} and the review page's groups: both 200, every failure listed. */
  static JsonNode groupsAnswer(Client client) {
    Client.Reply g = client.get("/api/v1/groups?size=500");
    assertEquals(200, g.status(), g.text());
    JsonNode groups = g.json();
    if (groups.has("failed_checks")) {
      for (JsonNode f : groups.get("failed_checks")) {
        assertTrue(f.get("reason").asText().length() > 0, f.toString());
      }
    }
    Client.Reply summary = client.get("/api/review/summary");
    assertEquals(200, summary.status(), summary.text());
    Client.Reply page = client.get("/api/review/groups?page=1&size=50");
    assertEquals(200, page.status(), page.text());
    return groups;
  }

  @Test
  void every_413_counts_as_a_too_large_failure() throws IOException {
    long before = tooLarge(client.get("/metrics").text());
    byte[] huge = new byte[(int) MAX_UPLOAD + 1];
    new Random(413).nextBytes(huge);
    for (String endpoint : List.of("/api/v1/images", "/api/v1/query")) {
      Client.Reply r = client.postFile(endpoint, "huge.jpg", huge);
      assertEquals(413, r.status(), endpoint + ": " + r.text());
    }
    assertEquals(before + 2, tooLarge(client.get("/metrics").text()));
  }

  static long tooLarge(String metrics) {
    String series = "neardup_failures_total{kind=\"too_large\"} ";
    int at = metrics.indexOf(series);
    assertTrue(at >= 0, metrics);
    int end = metrics.indexOf('\n', at);
    return (long) Double.parseDouble(metrics.substring(at + series.length(), end).strip());
  }
}
