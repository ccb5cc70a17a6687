package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end on real images, without a model (hash + pixel-diff mode). */
class DedupCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  JsonNode dedup(Path folder, String... extra) throws IOException {
    Path report = tmp.resolve("report.json");
    // No --model: the default model file is absent in tests, so the embedding stage is off.
    List<String> args =
        new ArrayList<>(
            List.of(
                "dedup",
                folder.toString(),
                "--index",
                tmp.resolve("idx").toString(),
                "--report",
                report.toString()));
    args.addAll(List.of(extra));
    CliRun r = CliRun.run(tmp, args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return JSON.readTree(report.toFile());
  }

  @Test
  void wrong_extension_copies_are_exact_duplicates_and_the_corrupt_jpeg_is_reported()
      throws IOException {
    JsonNode rep = dedup(TestData.shared("peers/imagededup"));
    assertFalse(rep.at("/model/embedding_stage").asBoolean());
    assertTrue(rep.at("/model/note").asText().contains("export_resnet50.py"));

    Set<String> exactOf09380 = new TreeSet<>();
    for (JsonNode g : rep.get("groups")) {
      if (g.get("kept").asText().contains("ukbench09380")) {
        for (JsonNode m : g.get("members")) {
          if (m.get("via").asText().equals("exact")) {
            exactOf09380.add(Path.of(m.get("path").asText()).getFileName().toString());
          }
        }
      }
    }
    // base_images/ukbench09380.jpg and the four JPEG copies named .bmp/.jpeg/.png/.svg:
    // five byte-identical files, one kept, four removable as exact duplicates.
    assertEquals(4, exactOf09380.size(), exactOf09380.toString());

    JsonNode unreadable = rep.get("unreadable");
    Map<String, String> reasons = new HashMap<>();
    unreadable.forEach(
        u ->
            reasons.put(
                Path.of(u.get("path").asText()).getFileName().toString(),
                u.get("reason").asText()));
    assertTrue(reasons.containsKey("ukbench09268_corrupt.jpg"), reasons.toString());
    assertFalse(reasons.get("ukbench09268_corrupt.jpg").isBlank());
    assertEquals(unreadable.size(), rep.at("/totals/unreadable").asInt());
    assertTrue(rep.at("/totals/images").asInt() > 30, "the run went on past the corrupt file");
  }

  @Test
  void consecutive_pets2001_frames_come_out_of_the_pixel_diff_check_in_groups() throws IOException {
    JsonNode rep = dedup(TestData.shared("cctv/pets2001"));
    assertEquals(600, rep.at("/totals/images").asInt());
    int groups = rep.at("/totals/groups").asInt();
    assertTrue(groups > 1, "a slowly changing sequence must not collapse into one group");
    assertTrue(rep.at("/totals/to_remove").asInt() > 100, rep.at("/totals").toString());
    double limit = 0.05 * 320 * 240;
    for (JsonNode g : rep.get("groups")) {
      for (JsonNode m : g.get("members")) {
        if (!m.get("via").asText().equals("exact")) {
          assertTrue(m.get("score").asDouble() <= limit, m.toString());
        }
      }
    }
    assertEquals(
        rep.at("/totals/images").asInt(),
        rep.at("/totals/kept").asInt() + rep.at("/totals/to_remove").asInt());
  }

  @Test
  void move_then_undo_puts_every_file_back_byte_for_byte() throws IOException {
    Path folder = tmp.resolve("frames");
    String[] names = new String[30];
    for (int i = 0; i < names.length; i++) {
      names[i] = String.format("cctv/pets2001/in%06d.jpg", 200 + i);
    }
    TestData.copy(folder, names);
    Map<Path, byte[]> before = snapshot(folder);
    Path dups = tmp.resolve("dups");
    JsonNode rep = dedup(folder, "--move-to", dups.toString());
    int removed = rep.at("/totals/to_remove").asInt();
    assertTrue(removed > 0);
    assertEquals(removed, rep.at("/action/done").asInt());
    assertEquals(before.size() - removed, snapshot(folder).size());

    Path manifest = Path.of(rep.at("/action/manifest").asText());
    CliRun undo = CliRun.run(tmp, "undo", manifest.toString());
    assertEquals(0, undo.exit(), undo.out() + undo.err());
    Map<Path, byte[]> after = snapshot(folder);
    assertEquals(before.keySet(), after.keySet());
    before.forEach((p, bytes) -> assertArrayEquals(bytes, after.get(p), p.toString()));
  }

  @Test
  void reindexing_adds_new_rereads_changed_and_drops_deleted_files() throws IOException {
    Path folder = tmp.resolve("frames");
    List<Path> files =
        TestData.copy(
            folder,
            "cctv/pets2001/in000300.jpg",
            "cctv/pets2001/in000301.jpg",
            "cctv/pets2001/in000302.jpg");
    String index = tmp.resolve("idx").toString();
    CliRun first = CliRun.run(tmp, "index", folder.toString(), "--index", index);
    assertTrue(first.out().contains("3 images found: 3 indexed now"), first.out());

    Files.delete(files.get(0));
    Files.copy(
        TestData.shared("cctv/pets2001/in000500.jpg"),
        files.get(1),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(files.get(1), java.nio.file.attribute.FileTime.fromMillis(1));
    TestData.copy(folder, "cctv/pets2001/in000303.jpg");

    CliRun second = CliRun.run(tmp, "index", folder.toString(), "--index", index);
    assertEquals(0, second.exit(), second.err());
    assertTrue(
        second.out().contains("3 images found: 2 indexed now")
            && second.out().contains("1 unchanged")
            && second.out().contains("1 removed from the index"),
        second.out());
  }

  @Test
  void dry_run_touches_nothing() throws IOException {
    Path folder = tmp.resolve("frames");
    TestData.copy(folder, "cctv/pets2001/in000300.jpg", "cctv/pets2001/in000301.jpg");
    JsonNode rep = dedup(folder, "--move-to", tmp.resolve("dups").toString(), "--dry-run");
    assertEquals("dry-run", rep.at("/action/mode").asText());
    assertEquals(2, snapshot(folder).size());
    assertFalse(Files.exists(tmp.resolve("dups")));
  }

  @Test
  void delete_without_confirmation_is_refused_and_touches_nothing() throws IOException {
    Path folder = tmp.resolve("frames");
    TestData.copy(folder, "cctv/pets2001/in000300.jpg", "cctv/pets2001/in000301.jpg");
    CliRun r =
        CliRun.run(
            tmp, "dedup", folder.toString(), "--index", tmp.resolve("idx").toString(), "--delete");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--confirm-delete"), r.err());
    assertEquals(2, snapshot(folder).size());
  }

  @Test
  void compare_of_a_frame_with_itself_scores_zero() throws IOException {
    Path frame = TestData.shared("cctv/vtest/frame_00005.png");
    CliRun r = CliRun.run(tmp, "compare", frame.toString(), frame.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals(0.0, j.get("score").asDouble());
    assertEquals(0.0, j.get("changed_fraction").asDouble());
    assertTrue(j.get("duplicate").asBoolean());
    assertEquals(768, j.get("width").asInt());
  }

  @Test
  void compare_names_the_unreadable_file() throws IOException {
    Path bad = TestData.shared("peers/imagededup/mixed_images/ukbench09268_corrupt.jpg");
    Path good = TestData.shared("peers/imagededup/mixed_images/ukbench09268.jpg");
    CliRun r = CliRun.run(tmp, "compare", good.toString(), bad.toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("ukbench09268_corrupt.jpg"), r.err());
  }

  @Test
  void help_documents_every_command_and_option() throws IOException {
    CliRun r = CliRun.run(tmp, "--help");
    assertEquals(0, r.exit());
    for (String cmd : List.of("index", "dedup", "query", "compare", "undo")) {
      assertTrue(r.out().contains(cmd), cmd);
    }
    CliRun d = CliRun.run(tmp, "dedup", "--help");
    for (String opt :
        List.of(
            "--threshold",
            "--fraction",
            "--report",
            "--move-to",
            "--dry-run",
            "--mask",
            "--blur")) {
      assertTrue(d.out().contains(opt), opt);
    }
  }

  @Test
  void an_unknown_setting_in_the_config_file_is_an_error_naming_it() throws IOException {
    Path config = tmp.resolve("bad.yaml");
    Files.writeString(config, "treshold: 0.5\n");
    java.io.StringWriter err = new java.io.StringWriter();
    int exit =
        Main.run(
            new String[] {"--config", config.toString(), "index", tmp.toString()},
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(err, true));
    assertEquals(2, exit);
    assertTrue(err.toString().contains("treshold"), err.toString());
  }

  static Map<Path, byte[]> snapshot(Path folder) throws IOException {
    Map<Path, byte[]> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(p, Files.readAllBytes(p));
      }
    }
    return out;
  }
}
