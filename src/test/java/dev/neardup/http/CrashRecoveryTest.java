package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.TestData;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL in the middle of ingest restarts with an index that opens, holds
 * every image it acknowledged, and holds none twice. The server runs in a real child JVM ({@code
 * neardup serve}, pHash mode to keep the test short: durability does not depend on the model).
 */
class CrashRecoveryTest {
  static final int UPLOADERS = 4;
  static final int IMAGES = 60;
  static final int KILL_AFTER_ACKS = 12;

  @TempDir Path tmp;

  @Test
  void a_server_killed_mid_ingest_restarts_holding_every_acknowledged_image_exactly_once()
      throws Exception {
    Path root = tmp.resolve("root");
    Path storage = root.resolve("uploads");
    Path index = tmp.resolve("idx");
    Files.createDirectories(root);
    Path config = tmp.resolve("neardup.yaml");
    Files.writeString(config, "model: " + tmp.resolve("absent-model.pt") + "\n");

    Process server = startChild(config, root, storage, index);
    Map<String, String> acknowledged = new ConcurrentHashMap<>(); // id -> sha256 of uniques
    AtomicInteger acks = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(KILL_AFTER_ACKS);
    ExecutorService pool = Executors.newFixedThreadPool(UPLOADERS);
    try {
      int port = awaitPort(server);
      Client client = new Client(port, null);
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < UPLOADERS; t++) {
        pool.execute(
            () -> {
              for (int i; (i = next.getAndIncrement()) < IMAGES; ) {
                String name = String.format("ukbench/ukbench%05d.jpg", i);
                Client.Reply r;
                try {
                  r = client.postFile("/api/v1/images", "img" + i + ".jpg", read(name));
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

    ServiceConfig cfg = ServiceConfig.defaults(List.of(root), storage).toBuilder().port(0).build();
    try (NeardupService again =
        NeardupService.start(ServiceTestBase.engine(index, false, 0), cfg, Clock.systemUTC())) {
      Client client = new Client(again.port(), null);
      for (Map.Entry<String, String> a : acked.entrySet()) {
        Client.Reply r = client.get("/api/v1/images/" + a.getKey());
        assertEquals(200, r.status(), "acknowledged image lost: " + a + " " + r.text());
        assertEquals(a.getValue(), r.json().get("sha256").asText());
        assertTrue(Files.isRegularFile(Path.of(r.json().get("path").asText())));
      }
      Map<String, Integer> perSha = new HashMap<>();
      List<String> stored = new ArrayList<>();
      try (IndexSnapshot s = again.engine().index().snapshot()) {
        for (IndexedImage i : s.images(p -> true)) {
          perSha.merge(i.record().sha256(), 1, Integer::sum);
          stored.add(i.record().path());
        }
      }
      perSha.forEach((sha, n) -> assertEquals(1, n, "indexed twice: " + sha));
      assertTrue(stored.size() >= acked.size());
      assertTrue(stored.size() <= IMAGES);
      for (String p : stored) {
        assertTrue(Path.of(p).startsWith(storage) && Files.isRegularFile(Path.of(p)), p);
      }
    }
  }

  private static byte[] read(String name) {
    try {
      return Files.readAllBytes(TestData.shared(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Process startChild(Path config, Path root, Path storage, Path index) throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd =
        List.of(
            java.toString(),
            "--add-modules",
            "jdk.incubator.vector",
            "--enable-native-access=ALL-UNNAMED",
            "-Dai.djl.offline=true",
            "-Xmx1g",
            "-cp",
            cp,
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
    return new ProcessBuilder(cmd).redirectError(tmp.resolve("server-stderr.log").toFile()).start();
  }

  private static int awaitPort(Process server) throws IOException {
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
