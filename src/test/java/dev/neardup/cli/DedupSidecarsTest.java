package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dedup --move-to} on a YOLO-style folder of real images with {@code .txt} labels: some
 * copies carry the same labels, some conflicting ones. Everything moves with its labels, the
 * conflicts are reported, and undo puts every byte back.
 */
class DedupSidecarsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static Map<Path, byte[]> snapshot(Path dir) throws IOException {
    Map<Path, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(p, Files.readAllBytes(p));
      }
    }
    return out;
  }

  @Test
  void labels_move_with_their_images_conflicts_are_reported_and_undo_restores_every_byte()
      throws IOException {
    Path set = tmp.resolve("set");
    String[] stills = {"apple", "baboon", "fruits", "home", "building"};
    for (String n : stills) {
      TestData.copy(set.resolve("orig"), "stills/" + n + ".jpg");
      Files.writeString(
          set.resolve("orig/" + n + ".txt"), "0 0.5 0.5 0.25 0.25\n", StandardCharsets.UTF_8);
    }
    // Copies in a second folder: apple, baboon and fruits with the same labels; home and
    // building with different ones.
    Files.createDirectories(set.resolve("copies"));
    for (String n : stills) {
      Files.copy(set.resolve("orig/" + n + ".jpg"), set.resolve("copies/" + n + "_c.jpg"));
      boolean conflicting = n.equals("home") || n.equals("building");
      Files.writeString(
          set.resolve("copies/" + n + "_c.txt"),
          conflicting ? "3 0.1 0.1 0.2 0.2\n" : "0 0.5 0.5 0.25 0.25\n",
          StandardCharsets.UTF_8);
    }
    Map<Path, byte[]> before = snapshot(set);
    Path dups = tmp.resolve("dups");
    Path report = tmp.resolve("report.json");
    Path manifest = tmp.resolve("manifest.jsonl");

    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            set.toString(),
            "--index",
            tmp.resolve("idx").toString(),
            "--report",
            report.toString(),
            "--move-to",
            dups.toString(),
            "--manifest",
            manifest.toString());
    assertEquals(0, r.exit(), r.err());

    JsonNode rep = JSON.readTree(report.toFile());
    assertEquals(5, rep.at("/totals/to_remove").asInt(), rep.at("/totals").toString());
    Set<String> conflicted = new TreeSet<>();
    for (JsonNode c : rep.get("sidecar_conflicts")) {
      assertEquals("labels differ", c.get("reason").asText());
      conflicted.add(Path.of(c.get("duplicate_sidecar").asText()).getFileName().toString());
    }
    // Whichever copy was kept, exactly the two conflicting pairs are flagged.
    assertEquals(2, conflicted.size(), conflicted.toString());
    assertTrue(
        conflicted.stream().allMatch(n -> n.startsWith("home") || n.startsWith("building")),
        conflicted.toString());
    assertTrue(r.out().contains("LABELS DISAGREE: 2 duplicates"), r.out());
    assertEquals(5, rep.at("/action/sidecars").asInt());

    // Each moved image has its label beside it in the destination, and none is orphaned.
    try (Stream<Path> s = Files.walk(dups)) {
      for (Path img : s.filter(p -> p.toString().endsWith(".jpg")).toList()) {
        String stem = img.getFileName().toString().replace(".jpg", "");
        assertTrue(Files.exists(img.resolveSibling(stem + ".txt")), img + " lost its label");
      }
    }
    try (Stream<Path> s = Files.walk(set)) {
      for (Path img : s.filter(p -> p.toString().endsWith(".jpg")).toList()) {
        String stem = img.getFileName().toString().replace(".jpg", "");
        assertTrue(Files.exists(img.resolveSibling(stem + ".txt")), img + " lost its label");
      }
    }

    CliRun undo = CliRun.run(tmp, "undo", manifest.toString());
    assertEquals(0, undo.exit(), undo.out() + undo.err());
    Map<Path, byte[]> after = snapshot(set);
    assertEquals(before.keySet(), after.keySet());
    for (Map.Entry<Path, byte[]> e : before.entrySet()) {
      assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey().toString());
    }
    try (Stream<Path> s = Files.walk(dups)) {
      assertFalse(s.anyMatch(Files::isRegularFile), "undo emptied the destination");
    }
  }

  @Test
  void no_sidecars_with_sidecars_is_refused() throws IOException {
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            tmp.toString(),
            "--index",
            tmp.resolve("idx").toString(),
            "--no-sidecars",
            "--sidecars",
            "txt");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--no-sidecars"), r.err());
  }
}
