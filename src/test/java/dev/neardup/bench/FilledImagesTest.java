package dev.neardup.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench embed --fill-with-edits}: exactly the images asked for, the same for one seed. */
class FilledImagesTest {
  private static final Path UKBENCH = TestData.shared("ukbench"); // 200 photos

  @Test
  void a_fill_gives_exactly_count_images_the_folders_own_first_then_seeded_edits()
      throws IOException {
    List<Path> own = BenchSuite.firstImages(UKBENCH, Integer.MAX_VALUE);
    assertEquals(200, own.size());
    try (FilledImages a = FilledImages.of(UKBENCH, 206, true, 7);
        FilledImages b = FilledImages.of(UKBENCH, 206, true, 7);
        FilledImages c = FilledImages.of(UKBENCH, 206, true, 8)) {
      assertEquals(206, a.images().size());
      assertEquals(6, a.edited());
      for (int i = 0; i < 200; i++) {
        String stem = own.get(i).getFileName().toString().replace(".jpg", "");
        assertEquals(
            String.format("p%06d-%s-original.jpg", i, stem),
            a.images().get(i).getFileName().toString());
        assertArrayEquals(Files.readAllBytes(own.get(i)), Files.readAllBytes(a.images().get(i)));
      }
      // Photo 200 + k is an edit of photo k: ukbench00000 first.
      assertTrue(
          a.images().get(200).getFileName().toString().startsWith("p000200-ukbench00000-"),
          a.images().get(200).toString());
      assertEquals(names(a), names(b));
      for (int i = 200; i < 206; i++) {
        assertArrayEquals(
            Files.readAllBytes(a.images().get(i)), Files.readAllBytes(b.images().get(i)));
      }
      assertNotEquals(names(a), names(c), "seed 8 drew the same edits as seed 7");
    }
  }

  @Test
  void without_fill_or_with_enough_images_the_folders_own_are_used_and_close_deletes_only_copies()
      throws IOException {
    List<Path> own = BenchSuite.firstImages(UKBENCH, 12);
    try (FilledImages enough = FilledImages.of(UKBENCH, 12, true, 7)) {
      assertEquals(own, enough.images());
      assertEquals(0, enough.edited());
    }
    try (FilledImages unfilled = FilledImages.of(UKBENCH, 500, false, 7)) {
      assertEquals(200, unfilled.images().size());
      assertEquals(0, unfilled.edited());
    }
    Path pool;
    try (FilledImages filled = FilledImages.of(UKBENCH, 201, true, 7)) {
      pool = filled.images().get(0).getParent();
      assertTrue(Files.isDirectory(pool));
    }
    assertFalse(Files.exists(pool), "edited copies left in " + pool);
    assertTrue(Files.isRegularFile(own.get(0)));
  }

  @Test
  void a_count_below_one_is_refused_by_value() {
    var e =
        assertThrows(IllegalArgumentException.class, () -> FilledImages.of(UKBENCH, 0, true, 7));
    assertEquals("count must be >= 1; got 0", e.getMessage());
  }

  private static List<String> names(FilledImages f) {
    return f.images().stream().map(p -> p.getFileName().toString()).toList();
  }
}
