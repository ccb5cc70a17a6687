package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.TestData;
import dev.neardup.index.ImageIds;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service end to end: a real server on a random port, the random-weight TorchScript model, a
 * real Lucene index in a temporary folder, real images. One server for the class (the model loads
 * once); each test uses its own images so that the tests do not depend on each other's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServiceApiTest {
  static final String TOKEN = "s3cret-token";
  static final long MAX_UPLOAD = 1 << 20;
  static final long MAX_PIXELS = 1_000_000;

  @TempDir static Path tmp;
  Path root;
  Path photos;
  NeardupService service;
  Client client;
  JsonNode job;

  @BeforeAll
  void startServerAndIndexAFolder() throws IOException {
    root = tmp.resolve("root");
    photos = root.resolve("photos");
    TestData.copy(
        photos,
        "cctv/pets2001/in000010.jpg",
        "ukbench/ukbench00000.jpg",
        "stills/baboon.jpg",
        "peers/imagededup/mixed_images/ukbench09268_corrupt.jpg");
    Files.write(
        photos.resolve("in000010-copy.jpg"),
        Images.reencoded(TestData.shared("cctv/pets2001/in000010.jpg"), 0.9f));
    ServiceConfig config =
        ServiceConfig.defaults(List.of(root), root.resolve("uploads")).toBuilder()
            .port(0)
            .build()
            .toBuilder()
            .token(TOKEN)
            .build()
            .toBuilder()
            .quarantine(tmp.resolve("quarantine"))
            .build()
            .toBuilder()
            .maxUploadBytes(MAX_UPLOAD)
            .build();
    service =
        NeardupService.start(
            ServiceTestBase.engine(tmp.resolve("idx"), true, MAX_PIXELS),
            config,
            Clock.systemUTC());
    client = new Client(service.port(), TOKEN);

    Client.Reply started = client.postJson("/api/v1/index", "{\"paths\": [\"" + photos + "\"]}");
    assertEquals(202, started.status(), started.text());
    String id = started.json().get("id").asText();
    job = client.get("/api/v1/jobs/" + id + "?wait=240").json();
  }

  @AfterAll
  void stop() throws IOException {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void an_index_job_reports_its_progress_result_and_unreadable_files_with_reasons() {
    assertEquals("done", job.get("state").asText(), job.toString());
    assertEquals(5, job.at("/result/scanned").asInt(), job.toString());
    assertEquals(4, job.at("/result/indexed").asInt(), job.toString());
    assertEquals(1, job.at("/result/unreadable").asInt(), job.toString());
    assertEquals(5, job.at("/progress/done").asInt(), job.toString());
    assertEquals(5, job.at("/progress/total").asInt(), job.toString());
    assertEquals(0, job.at("/progress/eta_seconds").asInt(), job.toString());
    JsonNode failure = job.get("failures").get(0);
    assertTrue(failure.get("path").asText().endsWith("ukbench09268_corrupt.jpg"), job.toString());
    assertFalse(failure.get("reason").asText().isBlank(), job.toString());
  }

  @Test
  void query_returns_the_indexed_original_of_a_re_encoded_copy_and_changes_nothing()
      throws IOException {
    int before = client.get("/health").json().get("documents").asInt();
    byte[] copy = Images.reencoded(TestData.shared("stills/baboon.jpg"), 0.8f);
    Client.Reply r = client.postFile("/api/v1/query", "baboon-q80.jpg", copy);
    assertEquals(200, r.status(), r.text());
    JsonNode result = r.json().get("results").get(0);
    assertEquals("baboon-q80.jpg", result.get("file").asText());
    assertTrue(result.get("duplicate").asBoolean(), r.text());
    JsonNode best = result.get("matches").get(0);
    assertEquals(photos.resolve("baboon.jpg").toString(), best.get("path").asText());
    assertEquals(ImageIds.of(photos.resolve("baboon.jpg").toString()), best.get("id").asText());
    assertEquals("embedding", best.at("/evidence/via").asText());
    assertTrue(best.at("/evidence/cosine").asDouble() >= 0.99, r.text());
    assertTrue(best.at("/evidence/pixel_diff/changed_fraction").asDouble() <= 0.05, r.text());
    assertTrue(best.at("/evidence/duplicate").asBoolean());
    assertEquals(before, client.get("/health").json().get("documents").asInt());
  }

  @Test
  void a_burst_of_parallel_uploads_of_the_same_image_yields_one_unique_and_the_rest_duplicates()
      throws Exception {
    Path frame = TestData.shared("ukbench/ukbench00100.jpg");
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      bodies.add(Images.bytes(frame));
    }
    for (float q : new float[] {0.95f, 0.9f, 0.85f, 0.8f}) {
      bodies.add(Images.reencoded(frame, q));
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
    List<Future<Client.Reply>> replies = new ArrayList<>();
    try {
      for (int i = 0; i < bodies.size(); i++) {
        byte[] body = bodies.get(i);
        String name = "burst-" + i + ".jpg";
        replies.add(
            pool.submit(
                () -> {
                  go.await();
                  return client.postFile("/api/v1/images", name, body);
                }));
      }
      go.countDown();
      List<JsonNode> unique = new ArrayList<>();
      List<JsonNode> duplicates = new ArrayList<>();
      for (Future<Client.Reply> f : replies) {
        Client.Reply r = f.get();
        if (r.status() == 201) {
          unique.add(r.json());
        } else {
          assertEquals(200, r.status(), r.text());
          duplicates.add(r.json());
        }
      }
      assertEquals(1, unique.size(), "unique answers: " + unique);
      assertEquals(bodies.size() - 1, duplicates.size());
      JsonNode kept = unique.get(0).get("image");
      for (JsonNode d : duplicates) {
        assertEquals("duplicate", d.get("status").asText());
        assertEquals(kept.get("id").asText(), d.at("/duplicate_of/id").asText(), d.toString());
        assertTrue(d.at("/duplicate_of/evidence/duplicate").asBoolean(), d.toString());
        assertTrue(Files.isRegularFile(Path.of(d.get("quarantined_at").asText())), d.toString());
      }
      Path stored = Path.of(kept.get("path").asText());
      String sha = kept.get("sha256").asText();
      assertEquals(
          root.resolve("uploads").resolve(sha.substring(0, 2)).resolve(sha + ".jpeg"), stored);
      assertTrue(Files.isRegularFile(stored));
      Client.Reply meta = client.get("/api/v1/images/" + kept.get("id").asText());
      assertEquals(200, meta.status(), meta.text());
      assertEquals(stored.toString(), meta.json().get("path").asText());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void an_uploaded_unique_image_can_be_read_thumbnailed_and_deleted() throws IOException {
    Client.Reply up =
        client.postFile(
            "/api/v1/images", "fruits.jpg", Images.bytes(TestData.shared("stills/fruits.jpg")));
    assertEquals(201, up.status(), up.text());
    String id = up.json().at("/image/id").asText();
    Path stored = Path.of(up.json().at("/image/path").asText());

    Client.Reply again =
        client.postFile(
            "/api/v1/images",
            "fruits-again.jpg",
            Images.bytes(TestData.shared("stills/fruits.jpg")));
    assertEquals(200, again.status(), again.text());
    assertEquals("exact", again.json().at("/duplicate_of/evidence/via").asText());

    Client.Reply meta = client.get("/api/v1/images/" + id);
    assertEquals(200, meta.status(), meta.text());
    assertEquals(512, meta.json().get("width").asInt());
    assertEquals("JPEG", meta.json().get("format").asText());

    Client.Reply thumb = client.get("/api/v1/images/" + id + "/thumbnail");
    assertEquals(200, thumb.status());
    assertEquals("image/png", thumb.contentType());
    BufferedImage t = ImageIO.read(new ByteArrayInputStream(thumb.bytes()));
    // fruits.jpg (512 px wide) is small enough to be stored at full resolution for verification.
    assertEquals(512, Math.max(t.getWidth(), t.getHeight()));

    Client.Reply del = client.delete("/api/v1/images/" + id);
    assertEquals(200, del.status(), del.text());
    assertEquals(stored.toString(), del.json().at("/deleted/0/path").asText());
    assertFalse(Files.exists(stored));
    assertEquals(404, client.get("/api/v1/images/" + id).status());
    assertEquals(404, client.delete("/api/v1/images/" + id).status());
    assertEquals(400, client.get("/api/v1/images/not-an-id").status());
  }

  @Test
  void groups_list_the_kept_image_and_its_duplicates_page_by_page() {
    Client.Reply r = client.get("/api/v1/groups?page=1&size=50");
    assertEquals(200, r.status(), r.text());
    JsonNode group = null;
    for (JsonNode g : r.json().get("groups")) {
      if (g.at("/kept/path").asText().startsWith(photos.toString())) {
        group = g;
      }
    }
    assertTrue(group != null, r.text());
    assertEquals(1, group.get("members").size());
    assertEquals(
        java.util.Set.of(
            photos.resolve("in000010.jpg").toString(),
            photos.resolve("in000010-copy.jpg").toString()),
        java.util.Set.of(group.at("/kept/path").asText(), group.at("/members/0/path").asText()));
    assertTrue(group.at("/members/0/evidence/duplicate").asBoolean(), group.toString());
    Client.Reply one = client.get("/api/v1/groups/" + group.get("id").asInt());
    assertEquals(200, one.status(), one.text());
    assertEquals(group.at("/kept/id"), one.json().at("/kept/id"));
    Client.Reply beyond = client.get("/api/v1/groups?page=1000&size=50");
    assertEquals(0, beyond.json().get("groups").size());
    assertEquals(400, client.get("/api/v1/groups?size=0").status());
    assertEquals(404, client.get("/api/v1/groups/100000").status());
  }

  @Test
  void paths_outside_the_roots_are_refused_with_403() throws IOException {
    Path outside = tmp.resolve("outside");
    TestData.copy(outside, "stills/apple.jpg");
    Path link = Files.createSymbolicLink(root.resolve("link-out"), outside);
    String[] refused = {
      outside.toString(),
      root + "/../outside",
      root + "/photos/../../outside/apple.jpg",
      link.toString(),
      link.resolve("apple.jpg").toString(),
      "photos",
      "/etc"
    };
    for (String p : refused) {
      String json = Client.JSON.writeValueAsString(Map.of("paths", List.of(p)));
      Client.Reply r = client.postJson("/api/v1/index", json);
      assertEquals(403, r.status(), p + ": " + r.text());
      assertEquals("forbidden", r.json().get("error").asText());
      Client.Reply i =
          client.postJson("/api/v1/images", Client.JSON.writeValueAsString(Map.of("path", p)));
      assertEquals(403, i.status(), p + ": " + i.text());
    }
  }

  @Test
  void endpoints_that_change_state_need_the_bearer_token() throws IOException {
    Client anonymous = new Client(service.port(), null);
    Client wrong = new Client(service.port(), "guess");
    byte[] img = Images.bytes(TestData.shared("stills/apple.jpg"));
    for (Client c : List.of(anonymous, wrong)) {
      Client.Reply up = c.postFile("/api/v1/images", "apple.jpg", img);
      assertEquals(401, up.status(), up.text());
      assertEquals("unauthorized", up.json().get("error").asText());
      assertEquals(401, c.postJson("/api/v1/index", "{\"paths\": [\"" + photos + "\"]}").status());
      assertEquals(401, c.delete("/api/v1/images/0123456789abcdef").status());
    }
    assertEquals(200, anonymous.get("/health").status());
    assertEquals(200, anonymous.postFile("/api/v1/query", "apple.jpg", img).status());
  }

  @Test
  void bad_uploads_get_a_4xx_json_error_that_names_the_reason() throws IOException {
    byte[] jpeg = Images.bytes(TestData.shared("stills/apple.jpg"));
    byte[] random = new byte[(int) MAX_UPLOAD + 1];
    new java.util.Random(42).nextBytes(random);
    Map<String, Object[]> cases = new LinkedHashMap<>();
    cases.put("notes.txt", new Object[] {"just some text".getBytes(), 422, "not an image"});
    cases.put(
        "half.jpg", new Object[] {Arrays.copyOf(jpeg, jpeg.length / 2), 422, "truncated JPEG"});
    cases.put(
        "drawing.svg",
        new Object[] {
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"/>".getBytes(),
          422,
          "unsupported format: SVG"
        });
    cases.put("bomb.png", new Object[] {Images.blackPng(2000), 422, "too many pixels"});
    cases.put("empty.jpg", new Object[] {new byte[0], 422, "empty file"});
    cases.put("huge.jpg", new Object[] {random, 413, "limit"});
    for (String endpoint : List.of("/api/v1/images", "/api/v1/query")) {
      for (Map.Entry<String, Object[]> c : cases.entrySet()) {
        Client.Reply r = client.postFile(endpoint, c.getKey(), (byte[]) c.getValue()[0]);
        String what = endpoint + " " + c.getKey() + ": " + r.text();
        assertEquals(c.getValue()[1], r.status(), what);
        assertTrue(r.json().get("detail").asText().contains((String) c.getValue()[2]), what);
        assertFalse(r.text().contains("Exception"), what);
      }
    }
    Client.Reply noFile = client.postJson("/api/v1/images", "{\"not_a_path\": 1}");
    assertEquals(400, noFile.status(), noFile.text());
    assertEquals(400, client.postJson("/api/v1/images", "{broken").status());
    Client.Reply empty = client.postFiles("/api/v1/query", Map.of());
    assertTrue(empty.status() == 400, empty.text());
    assertEquals(404, client.get("/api/v1/nothing-here").status());
    assertTrue(Files.exists(root.resolve("uploads")));
    try (var s = Files.list(root.resolve("uploads").resolve(".incoming"))) {
      assertEquals(0, s.count(), "temporary upload files are cleaned up");
    }
  }

  @Test
  void health_and_metrics_report_the_model_the_index_and_what_happened() {
    JsonNode h = client.get("/health").json();
    assertEquals("ok", h.get("status").asText());
    assertTrue(h.get("model_loaded").asBoolean());
    assertTrue(h.get("model").asText().startsWith("resnet50-random.pt sha256:"), h.toString());
    assertTrue(h.get("index_open").asBoolean());
    assertTrue(h.get("documents").asInt() >= 5, h.toString());
    Client.Reply m = client.get("/metrics");
    assertEquals(200, m.status());
    assertTrue(m.contentType().startsWith("text/plain"), m.contentType());
    String text = m.text();
    assertTrue(text.contains("# TYPE neardup_http_request_seconds histogram"), text);
    assertTrue(
        text.contains(
            "neardup_http_requests_total{method=\"GET\",route=\"/health\",status=\"200\"}"),
        text);
    assertTrue(text.contains("neardup_index_documents " + h.get("documents").asInt()), text);
    assertNotEquals(-1, text.indexOf("neardup_embedding_seconds_count "), text);
    long calls = metric(text, "neardup_embedding_seconds_count");
    assertTrue(calls >= 1, text);
    assertEquals(calls, metric(text, "neardup_embedding_batch_size_count"));
    // Failure kinds exist at 0 before the first failure, so a rate over them is never absent.
    assertTrue(text.contains("neardup_failures_total{kind=\"too_large\"} "), text);
    // Micrometer's standard meters: the JVM, its GC, the process and Jetty.
    for (String family :
        List.of(
            "jvm_memory_used_bytes",
            "jvm_gc_max_data_size_bytes", // registered at start; the pause timer only after a GC
            "jvm_threads_live_threads",
            "process_uptime_seconds",
            "jetty_threads_busy",
            "jetty_connections_current_connections")) {
      assertTrue(text.contains("# TYPE " + family + " "), family + " in\n" + text);
    }
  }

  @Test
  void every_registered_route_is_described_in_openapi_yaml_and_nothing_else_is()
      throws IOException {
    List<String> described = OpenApi.operations(client.get("/openapi.yaml").bytes());
    List<String> declared =
        service.routes().stream().map(r -> r.method().name() + " " + r.path()).sorted().toList();
    assertEquals(declared, service.registeredEndpoints());
    assertEquals(declared, described);
    assertArrayEquals(
        AdminApi.openapiText(), Files.readAllBytes(Path.of("src/main/resources/openapi.yaml")));
  }

  private static long metric(String text, String name) {
    for (String line : text.split("\n")) {
      if (line.startsWith(name + " ")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    throw new AssertionError(name + " missing from\n" + text);
  }
}
