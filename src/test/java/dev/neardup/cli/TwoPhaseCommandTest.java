package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.TestData;
import dev.neardup.report.Reports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-phase dedup from the command line: {@code dedup --partition K/N --neighbours DIR} on each
 * worker, then {@code dedup --neighbours DIR} gives the plain {@code dedup}'s groups; a missing
 * partition is named; the shortcuts that change answers are refused; {@code --help} explains it.
 */
class TwoPhaseCommandTest {
  @TempDir Path tmp;

  @Test
  void help_explains_the_two_phase_options() throws IOException {
    CliRun d = CliRun.run(tmp, "dedup", "--help");
    assertEquals(0, d.exit());
    for (String s : List.of("--partition", "K/N", "--neighbours", "part-K-of-N", "Phase 1")) {
      assertTrue(d.out().contains(s), s + " in\n" + d.out());
    }
    CliRun i = CliRun.run(tmp, "index", "--help");
    assertTrue(i.out().contains("--partition"), i.out());
  }

  @Test
  void two_index_partitions_together_index_every_file_once() throws IOException {
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    try (var s = Files.list(TestData.shared("ukbench"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(12).toList()) {
        Files.copy(p, photos.resolve(p.getFileName()));
      }
    }
    String index = tmp.resolve("index").toString();
    CliRun one =
        CliRun.run(tmp, "index", photos.toString(), "--index", index, "--partition", "1/2");
    CliRun two =
        CliRun.run(tmp, "index", photos.toString(), "--index", index, "--partition", "2/2");
    assertEquals(0, one.exit(), one.err());
    assertEquals(0, two.exit(), two.err());
    int first = found(one.out());
    int second = found(two.out());
    assertTrue(first > 0 && second > 0, one.out() + two.out());
    assertEquals(12, first + second, one.out() + two.out());
    assertTrue(two.out().contains("(12 documents)"), two.out());
    // Worker 1 again: its files are unchanged, and worker 2's are neither re-read nor removed.
    CliRun again =
        CliRun.run(tmp, "index", photos.toString(), "--index", index, "--partition", "1/2");
    assertTrue(again.out().contains(first + " images found: 0 indexed now"), again.out());
    assertTrue(again.out().contains("(12 documents)"), again.out());
  }

  private static int found(String out) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+) images found").matcher(out);
    assertTrue(m.find(), out);
    return Integer.parseInt(m.group(1));
  }

  @Test
  void max_checks_and_window_are_refused_with_a_partition() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    String n = tmp.resolve("n").toString();
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            dir.toString(),
            "--partition",
            "1/2",
            "--neighbours",
            n,
            "--max-checks",
            "5");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--max-checks 5 cannot go with the two-phase dedup"), r.err());
    CliRun w = CliRun.run(tmp, "dedup", dir.toString(), "--neighbours", n, "--window", "1h");
    assertEquals(2, w.exit(), w.err());
    assertTrue(w.err().contains("--window"), w.err());
    CliRun p = CliRun.run(tmp, "dedup", dir.toString(), "--partition", "4/3", "--neighbours", n);
    assertEquals(2, p.exit(), p.err());
    assertTrue(p.err().contains("4/3"), p.err());
  }

  @Test
  void three_workers_then_phase_two_give_the_plain_dedups_groups() throws IOException {
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    try (var s = Files.list(TestData.shared("ukbench"))) {
      for (Path p : s.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(24).toList()) {
        Files.copy(p, photos.resolve(p.getFileName()));
      }
    }
    // Exact copies too (collapsed in phase 1), one of them twice.
    List<Path> some;
    try (var s = Files.list(photos)) {
      some = s.sorted().limit(3).toList();
    }
    for (int i = 0; i < some.size(); i++) {
      Files.copy(some.get(i), photos.resolve("copy-a-" + i + ".jpg"));
    }
    Files.copy(some.get(0), photos.resolve("copy-b-0.jpg"));
    String vtest = TestData.shared("cctv/vtest").toString();
    String index = tmp.resolve("index").toString();
    String n = tmp.resolve("neighbours").toString();
    assertEquals(0, CliRun.run(tmp, "index", vtest, photos.toString(), "--index", index).exit());
    Path plain = tmp.resolve("plain.json");
    CliRun seq =
        CliRun.run(
            tmp, "dedup", vtest, photos.toString(), "--index", index, "--report", plain.toString());
    assertEquals(0, seq.exit(), seq.err());

    for (String k : List.of("3", "1")) {
      CliRun w =
          CliRun.run(
              tmp,
              "dedup",
              vtest,
              photos.toString(),
              "--index",
              index,
              "--partition",
              k + "/3",
              "--neighbours",
              n);
      assertEquals(0, w.exit(), w.err());
      assertTrue(w.out().contains("phase 1, partition " + k + "/3"), w.out());
    }
    CliRun missing =
        CliRun.run(tmp, "dedup", vtest, photos.toString(), "--index", index, "--neighbours", n);
    assertEquals(1, missing.exit(), missing.err());
    assertTrue(missing.err().contains("part-2-of-3.jsonl.gz"), missing.err());
    assertFalse(missing.err().contains("part-1-of-3"), missing.err());

    CliRun w2 =
        CliRun.run(
            tmp,
            "dedup",
            vtest,
            photos.toString(),
            "--index",
            index,
            "--partition",
            "2/3",
            "--neighbours",
            n);
    assertEquals(0, w2.exit(), w2.err());
    Path two = tmp.resolve("two.json");
    CliRun phase2 =
        CliRun.run(
            tmp,
            "dedup",
            vtest,
            photos.toString(),
            "--index",
            index,
            "--neighbours",
            n,
            "--report",
            two.toString());
    assertEquals(0, phase2.exit(), phase2.err());
    assertTrue(
        phase2.out().contains("two-phase dedup: groups from the phase 1 results"), phase2.out());

    JsonNode a = Reports.JSON.readTree(plain.toFile()).get("groups");
    JsonNode b = Reports.JSON.readTree(two.toFile()).get("groups");
    assertEquals(4, a.size(), "groups: vtest's one and three of copies");
    assertEquals(a, b);

    // One more image indexed after phase 1: its results no longer fit, and phase 2 says so.
    Files.copy(some.get(1), photos.resolve("copy-late.jpg"));
    assertEquals(0, CliRun.run(tmp, "index", vtest, photos.toString(), "--index", index).exit());
    CliRun stale =
        CliRun.run(tmp, "dedup", vtest, photos.toString(), "--index", index, "--neighbours", n);
    assertEquals(2, stale.exit(), stale.err());
    assertTrue(stale.err().contains("run phase 1 again"), stale.err());
  }

  @Test
  void phase_one_alone_acts_on_nothing() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            dir.toString(),
            "--partition",
            "1/2",
            "--neighbours",
            tmp.resolve("n").toString(),
            "--move-to",
            tmp.resolve("dups").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--partition runs phase 1 only"), r.err());
    CliRun alone = CliRun.run(tmp, "dedup", dir.toString(), "--partition", "1/2");
    assertEquals(2, alone.exit(), alone.err());
    assertTrue(alone.err().contains("add --neighbours DIR"), alone.err());
  }
}
