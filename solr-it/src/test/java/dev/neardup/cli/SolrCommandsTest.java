package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestCluster;
import dev.neardup.TestData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands {@code watch}, {@code reconcile}, {@code eval} and {@code export} with {@code
 * --index solr://…} on the 2-node SolrCloud, with the assertions of their embedded tests ({@link
 * ReconcileCommandTest}, {@link EvalCommandTest}) where those exist. In-process, without a model.
 */
class SolrCommandsTest {
  private static TestCluster solr;

  @BeforeAll
  static void startCluster() throws Exception {
    solr = TestCluster.start("commands", 2048);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  private static String newIndex(String prefix) throws Exception {
    return solr.setting(solr.newCollection(prefix, 2, 1)).toString();
  }

  private static Path dir(String name) throws Exception {
    return Files.createDirectories(solr.home().resolve(name));
  }

  @Test
  void reconcile_reports_then_drops_the_later_near_duplicate() throws Exception {
    Path tmp = dir("reconcile");
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    Path png = TestData.copy(photos, "cctv/vtest/frame_00000.png").get(0);
    Path jpeg = photos.resolve("later.jpg");
    ImageIO.write(ImageIO.read(png.toFile()), "jpg", jpeg.toFile());
    Files.setLastModifiedTime(
        jpeg, FileTime.fromMillis(Files.getLastModifiedTime(png).toMillis() + 60_000));
    String index = newIndex("reconcile");
    CliRun indexed = CliRun.run(tmp, "index", photos.toString(), "--index", index);
    assertEquals(0, indexed.exit(), indexed.err());

    CliRun dry = CliRun.run(tmp, "reconcile", "--dry-run", "--index", index);
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("kept    " + png.toAbsolutePath()), dry.out());
    assertTrue(dry.out().contains("would remove " + jpeg.toAbsolutePath()), dry.out());
    assertTrue(dry.out().contains("1 groups of near-duplicates, 1 would be removed"), dry.out());

    CliRun done = CliRun.run(tmp, "reconcile", "--index", index);
    assertEquals(0, done.exit(), done.err());
    assertTrue(done.out().contains("1 removed"), done.out());
    assertTrue(Files.exists(jpeg), "a file outside the storage folder is left where it is");
    CliRun again = CliRun.run(tmp, "reconcile", "--dry-run", "--index", index);
    assertTrue(again.out().contains("0 groups of near-duplicates"), again.out());
  }

  @Test
  void eval_scores_every_stage_against_json_truth_and_writes_json() throws Exception {
    Path tmp = dir("eval");
    Path imgs = tmp.resolve("imgs");
    TestData.copy(imgs, "stills/fruits.jpg", "stills/baboon.jpg", "stills/orange.jpg");
    Files.copy(imgs.resolve("fruits.jpg"), imgs.resolve("fruits-copy.jpg"));
    Path truth = tmp.resolve("truth.json");
    Files.writeString(truth, "[[\"fruits.jpg\", \"fruits-copy.jpg\"], [\"baboon.jpg\"]]");
    Path out = tmp.resolve("eval.json");
    CliRun r =
        CliRun.run(
            tmp,
            "eval",
            imgs.toString(),
            "--truth",
            truth.toString(),
            "--index",
            newIndex("eval"),
            "--sweep",
            "--fractions",
            "0.05,0.2",
            "--out",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Embedding stage OFF"), r.out());
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertEquals(4, json.get("images").asInt());
    assertEquals(3, json.get("labelled").asInt());
    assertEquals(4, json.get("rows").size());
    for (JsonNode row : json.get("rows")) {
      assertEquals(1.0, row.get("precision").asDouble(), row.toString());
      assertEquals(1.0, row.get("recall").asDouble(), row.toString());
      assertEquals(3, row.get("unique_images").asInt(), row.toString());
    }
    assertEquals("phash", json.get("recommended").get("stage").asText());
    assertEquals(0.05, json.get("recommended").get("fraction").asDouble());
  }

  @Test
  void watch_once_indexes_the_unique_images_and_quarantines_the_copy() throws Exception {
    Path tmp = dir("watch");
    Path drop = tmp.resolve("drop");
    TestData.copy(drop, "stills/fruits.jpg", "stills/baboon.jpg");
    Files.copy(drop.resolve("fruits.jpg"), drop.resolve("fruits-copy.jpg"));
    Path quarantine = tmp.resolve("quarantine");
    String index = newIndex("watch");
    CliRun r =
        CliRun.run(
            tmp,
            "watch",
            drop.toString(),
            "--once",
            "--quarantine",
            quarantine.toString(),
            "--index",
            index);
    assertEquals(0, r.exit(), r.err());
    assertEquals(2, r.out().lines().filter(l -> l.startsWith("unique:")).count(), r.out());
    assertEquals(1, r.out().lines().filter(l -> l.startsWith("duplicate:")).count(), r.out());
    try (var left = Files.list(drop)) {
      assertEquals(2, left.count(), "the copy left the watched folder");
    }
    // A second pass finds everything indexed already: nothing new, nothing moved.
    CliRun again =
        CliRun.run(
            tmp,
            "watch",
            drop.toString(),
            "--once",
            "--quarantine",
            quarantine.toString(),
            "--index",
            index);
    assertEquals(0, again.exit(), again.err());
    assertEquals(
        0,
        again
            .out()
            .lines()
            .filter(l -> l.startsWith("unique:") || l.startsWith("duplicate:"))
            .count(),
        again.out());
  }

  @Test
  void export_writes_every_indexed_record_of_the_collection() throws Exception {
    Path tmp = dir("export");
    Path photos = tmp.resolve("photos");
    TestData.copy(photos, "stills/apple.jpg", "stills/baboon.jpg", "stills/fruits.jpg");
    String index = newIndex("export");
    CliRun indexed = CliRun.run(tmp, "index", photos.toString(), "--index", index);
    assertEquals(0, indexed.exit(), indexed.err());
    Path zip = tmp.resolve("export.npz");
    CliRun r = CliRun.run(tmp, "export", "--index", index, "--out", zip.toString());
    assertEquals(0, r.exit(), r.err());
    try (ZipFile z = new ZipFile(zip.toFile())) {
      assertTrue(z.getEntry("vectors.npy") == null, "no model: no vectors");
      assertTrue(z.getEntry("header.json") != null, "header.json");
      ZipEntry records = z.getEntry("records.jsonl");
      assertTrue(records != null, "records.jsonl");
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(z.getInputStream(records), StandardCharsets.UTF_8))) {
        assertEquals(3, in.lines().filter(l -> !l.isBlank()).count());
      }
    }
  }
}
