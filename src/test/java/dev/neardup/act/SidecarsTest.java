package dev.neardup.act;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label files that travel with their image, on real images and real folders. */
class SidecarsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  @TempDir Path tmp;

  static void write(Path p, String text) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** Every regular file under {@code dir} with its bytes. */
  static Map<Path, byte[]> snapshot(Path dir) throws IOException {
    Map<Path, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(p, Files.readAllBytes(p));
      }
    }
    return out;
  }

  static void assertSameFiles(Map<Path, byte[]> expected, Map<Path, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (Map.Entry<Path, byte[]> e : expected.entrySet()) {
      assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey().toString());
    }
  }

  Removal removal(Path file, Path root, Path kept) throws IOException {
    return new Removal(file, root, FileMover.sha256(file), kept);
  }

  @Test
  void same_stem_labels_move_beside_their_image_and_undo_restores_them_byte_for_byte()
      throws IOException {
    Path root = tmp.resolve("set");
    TestData.copy(root, "stills/apple.jpg", "stills/baboon.jpg");
    Files.createDirectories(root.resolve("sub"));
    Files.copy(root.resolve("apple.jpg"), root.resolve("sub/apple_copy.jpg"));
    write(root.resolve("apple.txt"), "0 0.5 0.5 0.2 0.2\n");
    write(root.resolve("sub/apple_copy.txt"), "0 0.5 0.5 0.2 0.2\r\n");
    write(root.resolve("sub/apple_copy.XML"), "<annotation/>");
    write(root.resolve("sub/apple_copy.json"), "{\"boxes\": []}");
    write(root.resolve("sub/apple_copy.md"), "not a sidecar extension");
    Map<Path, byte[]> before = snapshot(root);
    Path dest = tmp.resolve("dups");
    Path manifest = tmp.resolve("m.jsonl");

    ActionResult r =
        new Remover(CLOCK)
            .move(
                List.of(
                    removal(root.resolve("sub/apple_copy.jpg"), root, root.resolve("apple.jpg"))),
                dest,
                manifest);

    assertEquals(1, r.done().size());
    assertEquals(3, r.sidecars().size(), r.sidecars().toString());
    assertTrue(Files.exists(dest.resolve("set/sub/apple_copy.jpg")));
    assertTrue(Files.exists(dest.resolve("set/sub/apple_copy.txt")));
    assertTrue(Files.exists(dest.resolve("set/sub/apple_copy.XML")));
    assertTrue(Files.exists(dest.resolve("set/sub/apple_copy.json")));
    assertTrue(Files.exists(root.resolve("sub/apple_copy.md")), "not a sidecar: stays");
    assertTrue(Files.exists(root.resolve("apple.txt")), "the keeper's label stays");

    List<ManifestEntry> entries = Manifest.read(manifest);
    assertEquals(5, entries.size(), "header, the image, three sidecars");
    for (ManifestEntry e : entries.subList(2, 5)) {
      assertEquals("move", e.type());
      assertEquals(root.resolve("sub/apple_copy.jpg").toString(), e.sidecarOf());
      assertEquals(64, e.sha256().length());
    }
    assertNull(entries.get(1).sidecarOf());

    ActionResult undone = Undo.run(manifest);
    assertTrue(undone.skipped().isEmpty(), undone.skipped().toString());
    assertEquals(3, undone.sidecars().size());
    assertSameFiles(before, snapshot(root));
  }

  @Test
  void a_parallel_labels_folder_moves_into_its_mirror_below_the_destination() throws IOException {
    Path data = tmp.resolve("data");
    Path images = data.resolve("images");
    Path labels = data.resolve("labels");
    TestData.copy(images.resolve("train"), "stills/fruits.jpg");
    Files.copy(images.resolve("train/fruits.jpg"), images.resolve("train/fruits2.jpg"));
    write(labels.resolve("train/fruits.txt"), "1 0.1 0.1 0.3 0.3\n");
    write(labels.resolve("train/fruits2.txt"), "1 0.1 0.1 0.3 0.3\n");
    Map<Path, byte[]> before = snapshot(data);
    Path dest = tmp.resolve("dups");
    Path manifest = tmp.resolve("m.jsonl");
    SidecarPolicy policy = new SidecarPolicy(List.of("txt"), List.of(labels));

    ActionResult r =
        new Remover(CLOCK, policy)
            .move(
                List.of(
                    removal(
                        images.resolve("train/fruits2.jpg"),
                        images,
                        images.resolve("train/fruits.jpg"))),
                dest,
                manifest);

    assertEquals(List.of(labels.resolve("train/fruits2.txt")), r.sidecars());
    assertTrue(Files.exists(dest.resolve("images/train/fruits2.jpg")));
    assertTrue(Files.exists(dest.resolve("labels/train/fruits2.txt")));
    assertFalse(Files.exists(labels.resolve("train/fruits2.txt")));

    Undo.run(manifest);
    assertSameFiles(before, snapshot(data));
  }

  @Test
  void no_sidecars_moves_only_the_image() throws IOException {
    Path root = tmp.resolve("set");
    TestData.copy(root, "stills/home.jpg");
    Files.copy(root.resolve("home.jpg"), root.resolve("home2.jpg"));
    write(root.resolve("home2.txt"), "2 0.5 0.5 1 1\n");

    ActionResult r =
        new Remover(CLOCK, SidecarPolicy.NONE)
            .move(
                List.of(removal(root.resolve("home2.jpg"), root, root.resolve("home.jpg"))),
                tmp.resolve("dups"),
                tmp.resolve("m.jsonl"));

    assertEquals(1, r.done().size());
    assertTrue(r.sidecars().isEmpty());
    assertTrue(Files.exists(root.resolve("home2.txt")));
    assertEquals(2, Manifest.read(tmp.resolve("m.jsonl")).size());
  }

  @Test
  void a_label_shared_with_an_image_of_the_same_stem_that_stays_is_left_in_place()
      throws IOException {
    Path root = tmp.resolve("set");
    TestData.copy(root, "stills/board.jpg");
    Files.copy(root.resolve("board.jpg"), root.resolve("board.jpeg"));
    write(root.resolve("board.txt"), "3 0.5 0.5 0.5 0.5\n");

    ActionResult r =
        new Remover(CLOCK)
            .move(
                List.of(removal(root.resolve("board.jpeg"), root, root.resolve("board.jpg"))),
                tmp.resolve("dups"),
                tmp.resolve("m.jsonl"));

    assertEquals(1, r.done().size());
    assertTrue(Files.exists(root.resolve("board.txt")), "board.jpg still needs it");
    assertEquals(1, r.skipped().size());
    assertTrue(r.skipped().get(0).reason().contains("which stays"), r.skipped().toString());
  }

  @Test
  void deleting_a_duplicate_deletes_its_sidecars_and_the_manifest_lists_them() throws IOException {
    Path root = tmp.resolve("set");
    TestData.copy(root, "stills/messi5.jpg");
    Files.copy(root.resolve("messi5.jpg"), root.resolve("messi5b.jpg"));
    write(root.resolve("messi5b.txt"), "4 0.2 0.2 0.1 0.1\n");

    ActionResult r =
        new Remover(CLOCK)
            .delete(
                List.of(removal(root.resolve("messi5b.jpg"), root, root.resolve("messi5.jpg"))),
                tmp.resolve("m.jsonl"));

    assertEquals(List.of(root.resolve("messi5b.txt")), r.sidecars());
    assertFalse(Files.exists(root.resolve("messi5b.txt")));
    List<ManifestEntry> entries = Manifest.read(tmp.resolve("m.jsonl"));
    assertEquals("delete", entries.get(2).type());
    assertEquals(root.resolve("messi5b.jpg").toString(), entries.get(2).sidecarOf());
  }

  @Test
  void conflicting_labels_are_reported_and_line_endings_are_not_a_conflict() throws IOException {
    Path root = tmp.resolve("set");
    TestData.copy(root, "stills/apple.jpg", "stills/baboon.jpg", "stills/fruits.jpg");
    for (String n : List.of("apple", "baboon", "fruits")) {
      Files.copy(root.resolve(n + ".jpg"), root.resolve(n + "_dup.jpg"));
    }
    write(root.resolve("apple.txt"), "0 0.5 0.5 0.2 0.2\n");
    write(root.resolve("apple_dup.txt"), "0 0.5 0.5 0.2 0.2  \r\n\r\n");
    write(root.resolve("baboon.txt"), "1 0.5 0.5 0.9 0.9\n");
    write(root.resolve("baboon_dup.txt"), "7 0.5 0.5 0.9 0.9\n");
    write(root.resolve("fruits_dup.txt"), "2 0.1 0.1 0.1 0.1\n");
    Sidecars s = new Sidecars(SidecarPolicy.DEFAULT);

    assertEquals(
        List.of(), s.compare(root.resolve("apple_dup.jpg"), root, root.resolve("apple.jpg"), root));
    List<SidecarConflict> baboon =
        s.compare(root.resolve("baboon_dup.jpg"), root, root.resolve("baboon.jpg"), root);
    assertEquals(1, baboon.size());
    assertEquals("labels differ", baboon.get(0).reason());
    assertEquals(root.resolve("baboon.txt").toString(), baboon.get(0).keptSidecar());
    List<SidecarConflict> fruits =
        s.compare(root.resolve("fruits_dup.jpg"), root, root.resolve("fruits.jpg"), root);
    assertEquals("the kept image has no such sidecar", fruits.get(0).reason());
    assertNull(fruits.get(0).keptSidecar());
    assertEquals(
        List.of(),
        s.compare(root.resolve("fruits.jpg"), root, root.resolve("fruits_dup.jpg"), root),
        "a keeper's extra label loses nothing");
  }

  @Test
  void an_image_extension_is_refused_as_a_sidecar_extension() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new SidecarPolicy(List.of("png"), List.of()));
    assertTrue(e.getMessage().contains("png"), e.getMessage());
  }
}
