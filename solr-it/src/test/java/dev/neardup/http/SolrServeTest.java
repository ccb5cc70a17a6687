package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.TestCluster;
import dev.neardup.TestData;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code neardup serve} with its index in a collection of the 2-node SolrCloud, as a real child JVM
 * (the application jar: Javalin's Jetty 12 cannot share this module's classpath): the same flows as
 * {@link CrashRecoveryTest} on the embedded index — a burst of uploads killed with SIGKILL, then a
 * restarted server holding every acknowledged upload exactly once — and an upload answered as a
 * duplicate with its first upload's source.
 */
class SolrServeTest {
  static final int UPLOADERS = 4;
  static final int IMAGES = 40;
  static final int KILL_AFTER_ACKS = 10;

  private static TestCluster solr;

  @BeforeAll
  static void startCluster() throws Exception {
    solr = TestCluster.start("serve", 2048);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  @Test
  void a_server_on_solr_killed_mid_burst_restarts_holding_every_acknowledged_upload_once()
      throws Exception {
    Path index = solr.setting(solr.newCollection("serve", 2, 1));
    Path tmp = Files.createDirectories(solr.home().resolve("kill"));
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path storage = root.resolve("uploads");
    Map<String, String> acknowledged = new ConcurrentHashMap<>(); // id -> sha256 of uniques
    AtomicInteger acks = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKS);
    ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
    Process server = startChild(tmp, root, storage, index, "first");
    try {
      Client client = new Client(awaitPort(server), null);
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < UPLOADERS; t++) {
        pool.execute(
            () -> {
              for (int i; (i = next.getAndIncrement()) < IMAGES; ) {
                Client.Reply r;
                try {
                  r =
                      client.postFile(
                          "/api/v1/images",
                          "img" + i + ".jpg",
                          read(String.format("ukbench/ukbench%05d.jpg", i)));
                } catch (UncheckedIOException e) {
                  return; // the server died under this request: not acknowledged
                }
                if (r.status() == 201) {
                  JsonNode image = r.json().get("image");
                  acknowledged.put(image.get("id").asText(), image.get("sha256").asText());
                }
                acks.incrementAndGet();
                enough.countDown();
              }
            });
      }
      assertTrue(enough.await(300, TimeUnit.SECONDS), "the server acknowledged too few uploads");
    } finally {
      server.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
      server.waitFor(60, TimeUnit.SECONDS);
      pool.shutdown();
      pool.awaitTermination(120, TimeUnit.SECONDS);
    }
    assertTrue(acks.get() < IMAGES, "the kill came after the last upload; nothing was in flight");
    Map<String, String> acked = new HashMap<>(acknowledged);
    assertTrue(acked.size() >= 1, "no unique image was acknowledged");

    Process again = startChild(tmp, root, storage, index, "again");
    try {
      Client client = new Client(awaitPort(again), null);
      for (Map.Entry<String, String> a : acked.entrySet()) {
        Client.Reply r = client.get("/api/v1/images/" + a.getKey());
        assertEquals(200, r.status(), "acknowledged image lost: " + a + " " + r.text());
        assertEquals(a.getValue(), r.json().get("sha256").asText());
        assertTrue(Files.isRegularFile(Path.of(r.json().get("path").asText())));
      }
      // A duplicate answer names the first upload's source: alice first, then bob's same bytes.
      byte[] fruits = read("stills/fruits.jpg");
      Client.Reply a =
          client.postFiles(
              "/api/v1/images", Map.of("fruits.jpg", fruits), Map.of("source", List.of("alice")));
      assertEquals(201, a.status(), a.text());
      assertEquals("alice", a.json().at("/image/source").asText(), a.text());
      Client.Reply b =
          client.postFiles(
              "/api/v1/images", Map.of("copy.jpg", fruits), Map.of("source", List.of("bob")));
      assertEquals(200, b.status(), b.text());
      assertEquals("duplicate", b.json().get("status").asText(), b.text());
      assertEquals(a.json().at("/image/id").asText(), b.json().at("/duplicate_of/id").asText());
      assertEquals("alice", b.json().at("/duplicate_of/source").asText(), b.text());
      assertEquals(false, b.json().get("same_source").asBoolean(), b.text());
      // A query finds alice's upload and stores nothing.
      int before = client.get("/health").json().get("documents").asInt();
      Client.Reply q = client.postFile("/api/v1/query", "fruits-query.jpg", fruits);
      assertEquals(200, q.status(), q.text());
      JsonNode result = q.json().get("results").get(0);
      assertTrue(result.get("duplicate").asBoolean(), q.text());
      assertEquals(
          a.json().at("/image/id").asText(), result.get("matches").get(0).get("id").asText());
      assertEquals(before, client.get("/health").json().get("documents").asInt());
      Client.Reply groups = client.get("/api/v1/groups?size=500");
      assertEquals(200, groups.status(), groups.text());
    } finally {
      again.destroy();
      again.waitFor(60, TimeUnit.SECONDS);
    }
    Map<String, Integer> perSha = new HashMap<>();
    int stored = 0;
    try (Engine e =
            Engine.open(
                EngineConfig.defaults().toBuilder()
                    .index(IndexLocation.parse(index.toString()))
                    .noModel()
                    .build());
        IndexSnapshot s = e.index().snapshot()) {
      for (IndexedImage i : s.images(p -> true)) {
        perSha.merge(i.record().sha256(), 1, Integer::sum);
        stored++;
        Path p = Path.of(i.record().path());
        assertTrue(p.startsWith(storage) && Files.isRegularFile(p), p.toString());
      }
    }
    perSha.forEach((sha, n) -> assertEquals(1, n, "indexed twice: " + sha));
    for (String sha : acked.values()) {
      assertEquals(1, perSha.getOrDefault(sha, 0), "acknowledged upload not stored once: " + sha);
    }
    assertTrue(stored >= acked.size() + 1 && stored <= IMAGES + 1, "stored " + stored);
  }

  /** {@link GroupIdsAgreeTest} on the cluster: the review page and the API list the same groups. */
  @Test
  void the_review_page_and_the_groups_route_give_the_same_ids_on_solr() throws Exception {
    Path index = solr.setting(solr.newCollection("groups", 2, 1));
    Path tmp = Files.createDirectories(solr.home().resolve("groups"));
    Path root = tmp.resolve("root");
    Path photos = Files.createDirectories(root.resolve("photos"));
    try (var files = Files.list(Path.of("../examples/photos"))) {
      for (Path p : files.toList()) {
        Files.copy(p, photos.resolve(p.getFileName()));
      }
    }
    Process server = startChild(tmp, root, root.resolve("uploads"), index, "groups");
    try {
      Client client = new Client(awaitPort(server), null);
      Client.Reply started = client.postJson("/api/v1/index", "{\"paths\": [\"" + photos + "\"]}");
      assertEquals(202, started.status(), started.text());
      String id = started.json().get("id").asText();
      assertEquals(
          "done", client.get("/api/v1/jobs/" + id + "?wait=120").json().get("state").asText());
      Map<Integer, String> review = reviewGroups(client);
      assertTrue(!review.isEmpty(), "the examples hold duplicates");
      assertEquals(review, apiGroups(client));
      assertEquals(200, client.postJson("/api/review/regroup", "{}").status());
      assertEquals(apiGroups(client), reviewGroups(client));
    } finally {
      server.destroy();
      server.waitFor(60, TimeUnit.SECONDS);
    }
  }

  /** Group id to "kept path: member count" of the review page's list. */
  private static Map<Integer, String> reviewGroups(Client client) {
    Client.Reply r = client.get("/api/review/groups?size=500&sort=id");
    assertEquals(200, r.status(), r.text());
    Map<Integer, String> out = new TreeMap<>();
    for (JsonNode g : r.json().get("groups")) {
      out.put(g.get("id").asInt(), g.get("kept").asText() + ": " + g.get("members").asInt());
    }
    return out;
  }

  /** Group id to "kept path: member count" of {@code /api/v1/groups}. */
  private static Map<Integer, String> apiGroups(Client client) {
    Client.Reply r = client.get("/api/v1/groups?size=500");
    assertEquals(200, r.status(), r.text());
    Map<Integer, String> out = new TreeMap<>();
    for (JsonNode g : r.json().get("groups")) {
      out.put(
          g.get("id").asInt(), g.get("kept").get("path").asText() + ": " + g.get("members").size());
    }
    return out;
  }

  private static byte[] read(String name) {
    try {
      return Files.readAllBytes(TestData.shared(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code neardup serve} in a child JVM from the application jar (pHash mode, no model). */
  static Process startChild(Path tmp, Path root, Path storage, Path index, String name)
      throws IOException {
    Path config = tmp.resolve("neardup.yaml");
    Files.writeString(config, "model: " + tmp.resolve("absent-model.pt") + "\n");
    Path jar = Path.of(System.getProperty("neardup.appJar", "../target/neardup.jar"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        List.of(
            java.toString(),
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true",
            "-Xmx512m",
            "-cp",
            jar.toAbsolutePath().toString(),
            "dev.neardup.cli.Main",
            "serve",
            "--config",
            config.toString(),
            "--port",
            "0",
            "--roots",
            root.toString(),
            "--storage",
            storage.toString(),
            "--index",
            index.toString());
    return new ProcessBuilder(cmd)
        .redirectError(tmp.resolve(name + "-stderr.log").toFile())
        .start();
  }

  static int awaitPort(Process server) throws IOException {
    Pattern listening = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    BufferedReader out =
        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = listening.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> drain(out), "child-stdout");
        drain.setDaemon(true);
        drain.start();
        return Integer.parseInt(m.group(1));
      }
    }
    throw new IllegalStateException("the server exited before listening");
  }

  private static void drain(BufferedReader out) {
    try {
      while (out.readLine() != null) {
        // keep the child's pipe from filling up
      }
    } catch (IOException e) {
      // the child is gone
    }
  }
}
