package dev.neardup.act;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoverTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  /** Real frames copied into {tmp}/cam/a and {tmp}/cam/b; the first one is "kept". */
  List<Removal> setUp(Map<Path, byte[]> original) throws IOException {
    Path root = tmp.resolve("cam");
    TestData.copy(root.resolve("a"), "cctv/pets2001/in000100.jpg", "cctv/pets2001/in000101.jpg");
    TestData.copy(root.resolve("b"), "cctv/pets2001/in000102.jpg", "cctv/pets2001/in000103.jpg");
    Path kept = root.resolve("a/in000100.jpg");
    List<Removal> out = new ArrayList<>();
    for (Path p :
        List.of(
            root.resolve("a/in000101.jpg"),
            root.resolve("b/in000102.jpg"),
            root.resolve("b/in000103.jpg"))) {
      original.put(p, Files.readAllBytes(p));
      out.add(new Removal(p, root, FileMover.sha256(p), kept));
    }
    return out;
  }

  @Test
  void undo_restores_every_moved_file_byte_for_byte() throws IOException {
    Map<Path, byte[]> original = new HashMap<>();
    List<Removal> removals = setUp(original);
    Path dest = tmp.resolve("dups");
    Path manifest = dest.resolve("manifest.jsonl");

    ActionResult moved = new Remover(CLOCK).move(removals, dest, manifest);
    assertEquals(3, moved.done().size());
    for (Path p : original.keySet()) {
      assertFalse(Files.exists(p), p + " should have moved");
    }
    assertArrayEquals(
        original.get(tmp.resolve("cam/b/in000102.jpg")),
        Files.readAllBytes(dest.resolve("cam/b/in000102.jpg")),
        "relative path below the root is kept");

    ActionResult undone = Undo.run(manifest);
    assertEquals(3, undone.done().size());
    assertTrue(undone.skipped().isEmpty(), undone.skipped().toString());
    for (Map.Entry<Path, byte[]> e : original.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());
    }
    assertFalse(Files.exists(dest.resolve("cam/b/in000102.jpg")));
  }

  @Test
  void the_manifest_lists_every_move_with_hash_size_and_kept_image() throws IOException {
    Map<Path, byte[]> original = new HashMap<>();
    List<Removal> removals = setUp(original);
    Path manifest = tmp.resolve("m.jsonl");
    new Remover(CLOCK).move(removals, tmp.resolve("dups"), manifest);
    List<ManifestEntry> entries = Manifest.read(manifest);
    assertEquals("header", entries.get(0).type());
    assertEquals("2026-01-02T03:04:05Z", entries.get(0).created());
    assertEquals(4, entries.size());
    ManifestEntry first = entries.get(1);
    assertEquals("move", first.type());
    assertEquals(removals.get(0).file().toString(), first.from());
    assertEquals(removals.get(0).sha256(), first.sha256());
    assertEquals((long) original.get(removals.get(0).file()).length, first.size());
    assertEquals(removals.get(0).kept().toString(), first.kept());
  }

  @Test
  void moving_never_overwrites_an_existing_file() throws IOException {
    Map<Path, byte[]> original = new HashMap<>();
    List<Removal> removals = setUp(original);
    Path dest = tmp.resolve("dups");
    Path taken = dest.resolve("cam/a/in000101.jpg");
    Files.createDirectories(taken.getParent());
    Files.writeString(taken, "someone else's file");

    new Remover(CLOCK).move(removals, dest, tmp.resolve("m.jsonl"));
    assertEquals("someone else's file", Files.readString(taken));
    assertArrayEquals(
        original.get(removals.get(0).file()),
        Files.readAllBytes(dest.resolve("cam/a/in000101~2.jpg")));
  }

  @Test
  void a_file_that_changed_since_indexing_is_left_alone() throws IOException {
    Map<Path, byte[]> original = new HashMap<>();
    List<Removal> removals = setUp(original);
    Path changed = removals.get(1).file();
    Files.write(changed, new byte[] {1, 2, 3});
    ActionResult r = new Remover(CLOCK).move(removals, tmp.resolve("dups"), tmp.resolve("m.jsonl"));
    assertEquals(2, r.done().size());
    assertEquals(changed, r.skipped().get(0).file());
    assertTrue(Files.exists(changed));
  }

  @Test
  void undo_after_a_crash_before_the_move_or_between_link_and_unlink_loses_nothing()
      throws IOException {
    Map<Path, byte[]> original = new HashMap<>();
    List<Removal> removals = setUp(original);
    Path dest = tmp.resolve("dups");
    Path manifestFile = tmp.resolve("m.jsonl");
    try (Manifest m = Manifest.create(manifestFile, "t")) {
      // 1st: announced, then the process died before moving it.
      Removal a = removals.get(0);
      m.append(
          ManifestEntry.move(
              a.file().toString(), dest.resolve("a").toString(), a.sha256(), 1, "k"));
      // 2nd: died after the hard link, before removing the old name.
      Removal b = removals.get(1);
      Path bTarget = dest.resolve("b.jpg");
      m.append(ManifestEntry.move(b.file().toString(), bTarget.toString(), b.sha256(), 1, "k"));
      Files.createDirectories(dest);
      Files.createLink(bTarget, b.file());
    }
    Files.writeString(manifestFile, "{\"type\":\"mo", java.nio.file.StandardOpenOption.APPEND);

    ActionResult r = Undo.run(manifestFile);
    assertTrue(r.skipped().isEmpty(), r.skipped().toString());
    for (Map.Entry<Path, byte[]> e : original.entrySet()) {
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()));
    }
    assertFalse(Files.exists(dest.resolve("b.jpg")));
  }

  @Test
  void undo_never_overwrites_a_new_file_at_the_original_place() throws IOException {
    Map<Path, byte[]> original = new HashMap<>();
    List<Removal> removals = setUp(original);
    Path manifest = tmp.resolve("m.jsonl");
    new Remover(CLOCK).move(removals.subList(0, 1), tmp.resolve("dups"), manifest);
    Path from = removals.get(0).file();
    Files.writeString(from, "a new file took the name");
    ActionResult r = Undo.run(manifest);
    assertEquals(0, r.done().size());
    assertEquals(1, r.skipped().size());
    assertEquals("a new file took the name", Files.readString(from));
  }

  @Test
  void a_move_destination_inside_the_scanned_folder_is_refused() throws IOException {
    List<Removal> removals = setUp(new HashMap<>());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Remover(CLOCK).move(removals, tmp.resolve("cam/a"), tmp.resolve("m.jsonl")));
    assertTrue(e.getMessage().contains("--move-to"));
  }
}
