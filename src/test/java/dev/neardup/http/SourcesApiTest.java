package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crowd-sourced submissions end to end: a real server on a random port (pHash mode), a real Lucene
 * index, real images from the shared data, uploads from two sources and an index job from a third.
 * The clock is set by the test, so every arrival time is known. One scenario, in order: the
 * statistics are the sum of every submission before them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SourcesApiTest {
  static final String TOKEN = "sources-token";
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir static Path tmp;
  final SetClock clock = new SetClock(T0);
  Path camera;
  Path otherCamera;
  NeardupService service;
  Client client;

  @BeforeAll
  void startServer() throws IOException {
    Path root = tmp.resolve("root");
    camera = root.resolve("camera-7");
    TestData.copy(camera, "ukbench/ukbench00000.jpg");
    java.nio.file.Files.write(
        camera.resolve("ukbench00000-q90.jpg"),
        Images.reencoded(TestData.shared("ukbench/ukbench00000.jpg"), 0.9f));
    otherCamera = root.resolve("camera-9");
    TestData.copy(otherCamera, "stills/apple.jpg");
    java.nio.file.Files.write(
        otherCamera.resolve("apple-q90.jpg"),
        Images.reencoded(TestData.shared("stills/apple.jpg"), 0.9f));
    ServiceConfig config =
        ServiceConfig.defaults(List.of(root), root.resolve("uploads")).toBuilder()
            .port(0)
            .build()
            .toBuilder()
            .token(TOKEN)
            .build();
    service =
        NeardupService.start(ServiceTestBase.engine(tmp.resolve("idx"), false, 0), config, clock);
    client = new Client(service.port(), TOKEN);
  }

  @AfterAll
  void stop() throws IOException {
    if (service != null) {
      service.close();
    }
  }

  @Test
  void duplicate_answers_name_the_matched_source_and_the_stats_count_each_source()
      throws Exception {
    // An index job from a third source, arrived at T0 (a job indexes without deciding).
    JsonNode job = indexJob(camera, "camera-7", "fixed");
    assertEquals(2, job.at("/result/indexed").asInt(), job.toString());

    // alice's first photo is unique, stored with her source, tags and arrival.
    clock.set(T0.plusSeconds(60));
    Client.Reply a1 = upload("alice", "baboon.jpg", bytes("stills/baboon.jpg"), "street", "day");
    assertEquals(201, a1.status(), a1.text());
    assertEquals("alice", a1.json().at("/image/source").asText(), a1.text());
    assertEquals("[\"street\",\"day\"]", a1.json().at("/image/tags").toString(), a1.text());
    assertEquals(T0.plusSeconds(60).toString(), a1.json().at("/image/arrived").asText());
    String baboonId = a1.json().at("/image/id").asText();

    // alice sends almost the same shot again: a duplicate of her own.
    clock.set(T0.plusSeconds(120));
    Client.Reply a2 =
        upload(
            "alice",
            "baboon-again.jpg",
            Images.reencoded(TestData.shared("stills/baboon.jpg"), 0.9f));
    assertEquals(200, a2.status(), a2.text());
    JsonNode d2 = a2.json();
    assertEquals("duplicate", d2.get("status").asText());
    assertEquals("alice", d2.get("source").asText(), d2.toString());
    assertEquals(baboonId, d2.at("/duplicate_of/id").asText(), d2.toString());
    assertEquals("alice", d2.at("/duplicate_of/source").asText(), d2.toString());
    assertEquals(T0.plusSeconds(60).toString(), d2.at("/duplicate_of/arrived").asText());
    assertTrue(d2.get("same_source").asBoolean(), d2.toString());

    // bob sends alice's photo: a duplicate of another source's image, which arrived first.
    clock.set(T0.plusSeconds(180));
    Client.Reply b1 = upload("bob", "baboon.jpg", bytes("stills/baboon.jpg"));
    assertEquals(200, b1.status(), b1.text());
    assertEquals("alice", b1.json().at("/duplicate_of/source").asText(), b1.text());
    assertEquals(T0.plusSeconds(60).toString(), b1.json().at("/duplicate_of/arrived").asText());
    assertFalse(b1.json().get("same_source").asBoolean(), b1.text());

    // bob's own photo is unique; alice then sends it too.
    clock.set(T0.plusSeconds(240));
    Client.Reply b2 = upload("bob", "fruits.jpg", bytes("stills/fruits.jpg"), "market,fruit");
    assertEquals(201, b2.status(), b2.text());
    assertEquals("[\"market\",\"fruit\"]", b2.json().at("/image/tags").toString(), b2.text());
    clock.set(T0.plusSeconds(300));
    Client.Reply a3 = upload("alice", "fruits.jpg", bytes("stills/fruits.jpg"));
    assertEquals(200, a3.status(), a3.text());
    assertEquals("bob", a3.json().at("/duplicate_of/source").asText(), a3.text());
    assertFalse(a3.json().get("same_source").asBoolean(), a3.text());

    // bob sends the camera's frame: attributed to the index job's source and time.
    Client.Reply b3 = upload("bob", "frame.jpg", bytes("ukbench/ukbench00000.jpg"));
    assertEquals(200, b3.status(), b3.text());
    assertEquals("camera-7", b3.json().at("/duplicate_of/source").asText(), b3.text());
    assertEquals("[\"fixed\"]", b3.json().at("/duplicate_of/tags").toString(), b3.text());
    assertEquals(T0.toString(), b3.json().at("/duplicate_of/arrived").asText(), b3.text());

    assertStats("alice", 3, 1, 1, 1, 1);
    assertStats("bob", 3, 1, 0, 2, 1);
    assertStats("camera-7", 2, 2, 0, 0, 1);
    assertStats("nobody", 0, 0, 0, 0, 0);

    // The image's own metadata names its origin as well.
    JsonNode meta = client.get("/api/v1/images/" + baboonId).json();
    assertEquals("alice", meta.get("source").asText(), meta.toString());
    assertEquals(T0.plusSeconds(60).toString(), meta.get("arrived").asText());
  }

  @Test
  void a_malformed_source_is_refused_with_400_naming_it_and_nothing_is_stored() throws IOException {
    int before = client.get("/health").json().get("documents").asInt();
    Client.Reply up = upload("not a source!", "home.jpg", bytes("stills/home.jpg"));
    assertEquals(400, up.status(), up.text());
    assertEquals("bad request", up.json().get("error").asText(), up.text());
    assertTrue(up.json().get("detail").asText().contains("not a source!"), up.text());

    Client.Reply job =
        client.postJson("/api/v1/index", "{\"paths\": [\"" + camera + "\"], \"source\": 7}");
    assertEquals(400, job.status(), job.text());
    assertTrue(job.json().get("detail").asText().contains("source"), job.text());

    Client.Reply stats = client.get("/api/v1/sources/bad%20id/stats");
    assertEquals(400, stats.status(), stats.text());
    assertEquals("bad request", stats.json().get("error").asText(), stats.text());
    assertEquals(before, client.get("/health").json().get("documents").asInt());
  }

  @Test
  void the_review_groups_can_be_filtered_by_source() throws Exception {
    JsonNode job = indexJob(otherCamera, "camera-9", "yard");
    assertEquals(2, job.at("/result/indexed").asInt(), job.toString());
    Client.Reply regroup = client.postJson("/api/review/regroup", "{}");
    assertEquals(200, regroup.status(), regroup.text());

    JsonNode summary = client.get("/api/review/summary").json();
    assertTrue(summary.get("sources").toString().contains("\"camera-9\""), summary.toString());

    JsonNode mine = client.get("/api/review/groups?source=camera-9").json();
    assertEquals("camera-9", mine.get("source").asText(), mine.toString());
    assertEquals(1, mine.get("total").asInt(), mine.toString());
    assertTrue(
        mine.at("/groups/0/kept").asText().startsWith(otherCamera.toString()), mine.toString());
    int all = client.get("/api/review/groups").json().get("total").asInt();
    assertTrue(all >= 1, "every group: " + all);
    assertEquals(0, client.get("/api/review/groups?source=nobody").json().get("total").asInt());

    Client.Reply bad = client.get("/api/review/groups?source=no%20such");
    assertEquals(400, bad.status(), bad.text());
    assertEquals("bad request", bad.json().get("error").asText(), bad.text());
  }

  private JsonNode indexJob(Path folder, String source, String tag) {
    Client.Reply started =
        client.postJson(
            "/api/v1/index",
            "{\"paths\": [\""
                + folder
                + "\"], \"source\": \""
                + source
                + "\", \"tags\": [\""
                + tag
                + "\"]}");
    assertEquals(202, started.status(), started.text());
    assertEquals(source, started.json().get("source").asText(), started.text());
    JsonNode job =
        client.get("/api/v1/jobs/" + started.json().get("id").asText() + "?wait=120").json();
    assertEquals("done", job.get("state").asText(), job.toString());
    return job;
  }

  private void assertStats(
      String source, int submissions, int uniques, int ofOwn, int ofOthers, int byOthers) {
    Client.Reply r = client.get("/api/v1/sources/" + source + "/stats");
    assertEquals(200, r.status(), r.text());
    JsonNode s = r.json();
    assertEquals(source, s.get("source").asText(), s.toString());
    assertEquals(submissions, s.get("submissions").asInt(), source + ": " + s);
    assertEquals(uniques, s.get("uniques").asInt(), source + ": " + s);
    assertEquals(ofOwn + ofOthers, s.at("/duplicates/total").asInt(), source + ": " + s);
    assertEquals(ofOwn, s.at("/duplicates/of_own").asInt(), source + ": " + s);
    assertEquals(ofOthers, s.at("/duplicates/of_others").asInt(), source + ": " + s);
    assertEquals(byOthers, s.get("duplicated_by_others").asInt(), source + ": " + s);
  }

  private Client.Reply upload(String source, String name, byte[] image, String... tags) {
    Map<String, List<String>> fields =
        tags.length == 0
            ? Map.of("source", List.of(source))
            : Map.of("source", List.of(source), "tags", List.of(tags));
    return client.postFiles("/api/v1/images", Map.of(name, image), fields);
  }

  private static byte[] bytes(String shared) throws IOException {
    return Images.bytes(TestData.shared(shared));
  }

  /** A clock the test moves by hand: each arrival time is the one the test set. */
  static final class SetClock extends Clock {
    private volatile Instant now;

    SetClock(Instant now) {
      this.now = now;
    }

    void set(Instant at) {
      now = at;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the test clock is UTC");
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
