package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.OddImages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a folder of odd images (1x1, thin strips, flat, noise, patterns, transparent, 16-bit,
 * huge) next to real photos never breaks a run. {@code dedup}, {@code query} and {@code compare} at
 * every verify level exit 0, count every file, and list a check that failed (if any) with both
 * files and its reason instead of dying. No model: every kept image is a candidate, so every odd
 * image meets every other.
 */
class OddFolderCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> LEVELS = List.of("pixel", "aligned", "scene");

  @TempDir static Path tmp;
  static Path folder;
  static Path index;
  static List<Path> files;

  @BeforeAll
  static void makeTheFolderAndIndexIt() throws IOException {
    folder = tmp.resolve("odd");
    files = OddImages.withPhotos(folder);
    index = tmp.resolve("idx");
    CliRun r = CliRun.run(tmp, "index", folder.toString(), "--index", index.toString());
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void dedup_at_every_level_exits_0_counts_every_file_and_lists_failed_checks() throws IOException {
    for (String level : LEVELS) {
      Path report = tmp.resolve("report-" + level + ".json");
      CliRun r =
          CliRun.run(
              tmp,
              "dedup",
              folder.toString(),
              "--index",
              index.toString(),
              "--verify",
              level,
              "--report",
              report.toString());
      String what = level + ": " + r.err() + r.out();
      assertEquals(0, r.exit(), what);
      assertFalse(r.err().contains("internal error"), what);
      JsonNode rep = JSON.readTree(report.toFile());
      JsonNode totals = rep.get("totals");
      assertEquals(
          files.size(),
          totals.get("images").asInt() + totals.get("unreadable").asInt(),
          "every file is grouped or reported unreadable at " + level + ": " + totals);
      assertEquals(totals.get("unreadable").asInt(), rep.get("unreadable").size());
      for (JsonNode u : rep.get("unreadable")) {
        assertFalse(u.get("reason").asText().isBlank(), u.toString());
      }
      // A check that threw is listed with both files and the reason, counted, and in the summary.
      JsonNode failed = rep.get("failed_checks");
      assertTrue(failed != null && failed.isArray(), what);
      int pairs = 0;
      for (JsonNode f : failed) {
        assertTrue(f.get("image").asText().startsWith(folder.toString()), f.toString());
        assertFalse(f.get("reason").asText().isBlank(), f.toString());
        if (f.has("against")) {
          pairs++;
          assertTrue(f.get("against").asText().startsWith(folder.toString()), f.toString());
        }
      }
      assertEquals(pairs, rep.at("/search/failed").asInt(), what);
      assertEquals(failed.size() - pairs, rep.at("/search/unprepared").asInt(), what);
      for (int i = 0; i < Math.min(20, failed.size()); i++) {
        assertTrue(
            r.out().contains(failed.get(i).get("reason").asText()), "summary lists it: " + what);
      }
      assertEquals(failed.isEmpty(), !r.out().contains("FAILED CHECKS"), what);
    }
  }

  @Test
  void query_of_every_file_at_every_level_answers_each_one() throws IOException {
    List<String> args = new ArrayList<>(List.of("query"));
    files.forEach(f -> args.add(f.toString()));
    args.addAll(List.of("--index", index.toString(), "--verify", ""));
    for (String level : LEVELS) {
      args.set(args.size() - 1, level);
      CliRun r = CliRun.run(tmp, args.toArray(String[]::new));
      String what = level + ": " + r.err();
      assertEquals(0, r.exit(), what);
      JsonNode results = JSON.readTree(r.out()).get("results");
      assertEquals(files.size(), results.size(), what);
      Set<String> answered = new HashSet<>();
      for (JsonNode q : results) {
        answered.add(q.get("path").asText());
        assertTrue(q.has("error") || q.has("duplicate"), q.toString());
        if (q.has("duplicate")) {
          // Every file is indexed, so each finds at least itself (the same bytes).
          assertTrue(q.get("duplicate").asBoolean(), q.toString());
          assertEquals("exact", q.at("/matches/0/via").asText(), q.toString());
        }
      }
      assertEquals(
          files.stream().map(Path::toString).collect(java.util.stream.Collectors.toSet()),
          answered);
    }
  }

  @Test
  void compare_of_odd_pairs_at_the_pixel_level_answers_every_pair() throws IOException {
    compareEveryPair(List.of("pixel"));
  }

  @Test
  void compare_of_odd_pairs_at_the_geometric_levels_answers_every_pair() throws IOException {
    compareEveryPair(List.of("aligned", "scene"));
  }

  /** Each odd image against a photo, and a few odd images against each other. */
  private static void compareEveryPair(List<String> levels) throws IOException {
    Path photo = folder.resolve(Path.of(OddImages.PHOTOS.get(0)).getFileName());
    List<Path[]> pairs = new ArrayList<>();
    for (Path f : files) {
      if (!f.equals(photo)) {
        pairs.add(new Path[] {photo, f});
      }
    }
    String[][] odd = {
      {"tiny-1x1-black.png", "tiny-1x1-white.png"},
      {"strip-4000x20.png", "strip-20x4000.png"},
      {"thin-3x300.png", "strip-20x4000.png"},
      {"transparent.png", "flat-white-640x480.png"},
      {"deep-16bit.png", "tiny-8x8.png"},
      {"panorama-12000x300.jpg", "big-6000x4000.jpg"},
      {"tiling-circles.png", "tiling-crosses.png"},
    };
    for (String[] p : odd) {
      pairs.add(new Path[] {folder.resolve(p[0]), folder.resolve(p[1])});
    }
    for (String level : levels) {
      for (Path[] p : pairs) {
        for (Path[] ab : List.of(p, new Path[] {p[1], p[0]})) {
          CliRun r =
              CliRun.run(tmp, "compare", ab[0].toString(), ab[1].toString(), "--verify", level);
          String what = level + " " + ab[0].getFileName() + " " + ab[1].getFileName() + ": ";
          assertEquals(0, r.exit(), what + r.err());
          JsonNode j = JSON.readTree(r.out());
          assertTrue(j.get("duplicate").isBoolean(), what + r.out());
        }
      }
    }
  }
}
