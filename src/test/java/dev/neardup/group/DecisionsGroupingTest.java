package dev.neardup.group;

import static dev.neardup.group.GrouperTest.FRAMES;
import static dev.neardup.group.GrouperTest.W;
import static dev.neardup.group.GrouperTest.movingSquare;
import static dev.neardup.group.GrouperTest.options;
import static dev.neardup.group.GrouperTest.record;
import static dev.neardup.group.GrouperTest.unit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.index.Decisions;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People's decisions recorded in the index and honoured by grouping, on the moving-square frames of
 * {@link GrouperTest}: without decisions they make groups f00{f01..f04}, f05{f06..f09}, ...
 */
class DecisionsGroupingTest {
  static final IndexSettings SETTINGS = new IndexSettings("fake", 8, "none", W);

  @TempDir Path dir;

  static String f(int i) {
    return String.format("/frames/f%02d.png", i);
  }

  ImageIndex open(boolean rebuild) throws IOException {
    return new IndexLocation.Embedded(dir)
        .open(SETTINGS, IndexOptions.defaults().withStorePixels(true), rebuild);
  }

  static ImageIndex fill(ImageIndex index, List<ImageRecord> records) throws IOException {
    for (ImageRecord r : records) {
      index.put(r);
    }
    index.commit();
    return index;
  }

  static Grouping group(ImageIndex index) throws IOException {
    try (IndexSnapshot s = index.snapshot()) {
      return Grouper.create(options(VerifyMode.PIXEL), PixelDiffParams.defaults())
          .group(s, s.images(p -> true), null);
    }
  }

  static Group groupKeeping(Grouping g, String path) {
    return g.groups().stream().filter(x -> x.kept().path().equals(path)).findFirst().orElseThrow();
  }

  static List<String> members(Group g) {
    return g.members().stream().map(m -> m.image().path()).toList();
  }

  /** For every group, the set of its images (kept first). */
  static List<List<String>> images(Grouping g) {
    List<List<String>> out = new ArrayList<>();
    for (Group x : g.groups()) {
      List<String> all = new ArrayList<>(List.of(x.kept().path()));
      all.addAll(members(x));
      out.add(all);
    }
    return out;
  }

  @Test
  void a_pair_marked_not_a_duplicate_is_never_grouped_again() throws IOException {
    try (ImageIndex index = fill(open(true), movingSquare(true))) {
      assertEquals(List.of(f(1), f(2), f(3), f(4)), members(groupKeeping(group(index), f(0))));

      index.markNotDuplicate(List.of(f(1), f(0)));

      Grouping g = group(index);
      assertEquals(List.of(f(2), f(3), f(4)), members(groupKeeping(g, f(0))));
      for (List<String> images : images(g)) {
        assertFalse(images.contains(f(0)) && images.contains(f(1)), images.toString());
      }
      assertEquals(FRAMES, g.images());
    }
  }

  @Test
  void a_whole_group_marked_not_a_duplicate_puts_no_two_of_its_images_together()
      throws IOException {
    try (ImageIndex index = fill(open(true), movingSquare(true))) {
      Set<String> group0 = Set.of(f(0), f(1), f(2), f(3), f(4));
      index.markNotDuplicate(group0);

      Decisions d = index.decisions();
      assertEquals(1, d.notDuplicateSets().size(), "one document for the group, not ten pairs");
      assertTrue(d.isNotDuplicate(f(3), f(1)));
      assertFalse(d.isNotDuplicate(f(3), f(5)));
      for (List<String> images : images(group(index))) {
        assertTrue(
            images.stream().filter(group0::contains).count() <= 1,
            "two of the marked images grouped together: " + images);
      }
    }
  }

  @Test
  void byte_identical_copies_marked_not_a_duplicate_are_not_grouped() throws IOException {
    List<ImageRecord> copies =
        List.of(
            record(0, unit(8), "same", null, Long.MIN_VALUE),
            record(1, unit(8), "same", null, Long.MIN_VALUE));
    try (ImageIndex index = fill(open(true), copies)) {
      assertEquals(1, group(index).groups().size());
      index.markNotDuplicate(List.of(f(0), f(1)));
      assertEquals(List.of(), group(index).groups());
    }
  }

  @Test
  void an_image_pinned_as_kept_becomes_the_kept_image_and_its_look_alikes_join_it()
      throws IOException {
    try (ImageIndex index = fill(open(true), movingSquare(true))) {
      index.pinKeeper(f(2), List.of());
      Grouping g = group(index);
      Group pinned = groupKeeping(g, f(2));
      assertEquals("chosen by a person (pinned as kept)", pinned.keptBecause());
      assertTrue(members(pinned).containsAll(List.of(f(0), f(1), f(3), f(4))), pinned.toString());
      for (Group x : g.groups()) {
        assertFalse(members(x).contains(f(2)), "a pinned image is never removed");
      }
      // Pinning another image of the group and unpinning the rest: the latest choice wins.
      index.pinKeeper(f(0), List.of(f(1), f(2), f(3), f(4)));
      assertEquals(Set.of(f(0)), index.decisions().pinnedKeepers());
      assertEquals(List.of(f(1), f(2), f(3), f(4)), members(groupKeeping(group(index), f(0))));
    }
  }

  @Test
  void decisions_survive_reopening_and_a_rebuild_of_the_index() throws IOException {
    try (ImageIndex index = fill(open(true), movingSquare(true))) {
      index.markNotDuplicate(List.of(f(0), f(1)));
      index.markNotDuplicate(List.of(f(0), f(1))); // the same decision twice: one document
      index.pinKeeper(f(7), List.of());
    }
    try (ImageIndex reopened = open(false)) {
      Decisions d = reopened.decisions();
      assertEquals(List.of(Set.of(f(0), f(1))), d.notDuplicateSets());
      assertEquals(Set.of(f(7)), d.pinnedKeepers());
    }
    try (ImageIndex rebuilt = open(true)) {
      assertEquals(List.of(), group(rebuilt).groups(), "a rebuild drops every image...");
      Decisions d = rebuilt.decisions();
      assertTrue(d.isNotDuplicate(f(1), f(0)), "...but keeps what people decided");
      assertTrue(d.isPinnedKeeper(f(7)));
      fill(rebuilt, movingSquare(true));
      assertFalse(members(groupKeeping(group(rebuilt), f(0))).contains(f(1)));
    }
  }

  @Test
  void decisions_are_not_listed_as_images_or_unreadable_files() throws IOException {
    try (ImageIndex index = fill(open(true), movingSquare(true))) {
      index.markNotDuplicate(List.of(f(0), f(1)));
      index.pinKeeper(f(3), List.of());
      try (IndexSnapshot s = index.snapshot()) {
        assertEquals(FRAMES, s.images(p -> true).size());
        assertEquals(List.of(), s.failures(p -> true));
      }
      assertEquals(FRAMES, index.fileStates(p -> true).size());
    }
  }

  @Test
  void unmarking_forgets_exactly_that_decision() throws IOException {
    try (ImageIndex index = open(true)) {
      index.markNotDuplicate(List.of(f(0), f(1)));
      index.markNotDuplicate(List.of(f(0), f(2)));
      index.unmarkNotDuplicate(List.of(f(1), f(0)));
      Decisions d = index.decisions();
      assertFalse(d.isNotDuplicate(f(0), f(1)));
      assertTrue(d.isNotDuplicate(f(0), f(2)));
      index.unpinKeeper(f(9)); // nothing pinned: harmless
      assertTrue(index.decisions().pinnedKeepers().isEmpty());
    }
  }

  @Test
  void a_not_duplicate_decision_needs_two_distinct_paths() throws IOException {
    try (ImageIndex index = open(true)) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> index.markNotDuplicate(List.of(f(0), f(0))));
      assertTrue(e.getMessage().contains("got [" + f(0) + ", " + f(0) + "]"), e.getMessage());
    }
  }
}
