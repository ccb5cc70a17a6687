package dev.neardup.review;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.act.Undo;
import dev.neardup.review.ReviewViews.Applied;
import dev.neardup.review.ReviewViews.GroupSummary;
import dev.neardup.review.ReviewViews.GroupView;
import dev.neardup.review.ReviewViews.MemberView;
import dev.neardup.review.ReviewViews.Page;
import dev.neardup.review.ReviewViews.Sort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review library over a real index of 50 pets2001 frames. */
class ReviewServiceTest {
  @TempDir Path tmp;

  static List<String> paths(GroupView g) {
    return g.members().stream().map(m -> m.image().path()).toList();
  }

  static GroupView biggest(ReviewService s) {
    return s.group(s.list(1, 1, Sort.SIZE).groups().get(0).id());
  }

  @Test
  void groups_are_listed_in_pages_sorted_by_size_or_by_changed_fraction() throws IOException {
    try (ReviewFixture f = ReviewFixture.open(tmp)) {
      ReviewService s = f.service;
      Page all = s.list(1, 500, Sort.SIZE);
      assertTrue(all.total() > 1, "the last 50 frames make several groups: " + all);
      assertEquals(all.total(), s.summary().groups());
      List<GroupSummary> bySize = all.groups();
      for (int i = 1; i < bySize.size(); i++) {
        assertTrue(bySize.get(i - 1).members() >= bySize.get(i).members(), bySize.toString());
      }
      List<GroupSummary> byScore = s.list(1, 500, Sort.SCORE).groups();
      for (int i = 1; i < byScore.size(); i++) {
        assertTrue(
            byScore.get(i - 1).maxChangedFraction() >= byScore.get(i).maxChangedFraction(),
            byScore.toString());
      }
      Page second = s.list(2, 1, Sort.SIZE);
      assertEquals(all.total(), second.pages());
      assertEquals(bySize.get(1), second.groups().get(0));
      int members = bySize.stream().mapToInt(GroupSummary::members).sum();
      assertEquals(members, s.summary().toRemove());
      IllegalArgumentException bad =
          assertThrows(IllegalArgumentException.class, () -> s.list(0, 10, Sort.SIZE));
      assertTrue(bad.getMessage().contains("got 0"), bad.getMessage());
    }
  }

  @Test
  void a_member_marked_not_a_duplicate_is_flagged_now_and_left_out_of_later_groupings()
      throws IOException {
    String kept;
    String marked;
    try (ReviewFixture f = ReviewFixture.open(tmp)) {
      GroupView g = biggest(f.service);
      kept = g.kept().path();
      marked = g.members().get(0).image().path();
      int before = f.service.summary().toRemove();

      GroupView after = f.service.markNotDuplicate(g.id(), marked);

      MemberView m = after.members().get(0);
      assertEquals(marked, m.image().path());
      assertTrue(m.notDuplicate());
      assertEquals(g.members().size() - 1, after.toRemove());
      assertEquals(before - 1, f.service.summary().toRemove());
      assertEquals(after, f.service.group(g.id()), "the list stays stable until a regroup");
    }
    // A new process (a later run) reads the decision from the index.
    try (ReviewFixture again = ReviewFixture.open(tmp)) {
      for (GroupSummary s : again.service.list(1, 500, Sort.ID).groups()) {
        GroupView g = again.service.group(s.id());
        assertFalse(
            g.kept().path().equals(kept) && paths(g).contains(marked)
                || g.kept().path().equals(marked) && paths(g).contains(kept),
            "grouped again: " + g);
      }
    }
  }

  @Test
  void a_whole_group_marked_not_a_duplicate_has_nothing_to_move() throws IOException {
    try (ReviewFixture f = ReviewFixture.open(tmp)) {
      GroupView g = biggest(f.service);
      GroupView after = f.service.markNotDuplicate(g.id(), null);
      assertEquals("not_duplicate", after.status());
      assertEquals(0, after.toRemove());
      assertTrue(after.members().stream().allMatch(MemberView::notDuplicate));
      GroupView undone = f.service.unmarkNotDuplicate(g.id(), null);
      assertEquals("open", undone.status());
      assertEquals(g.members().size(), undone.toRemove());
    }
  }

  @Test
  void keeping_another_image_makes_it_the_kept_image_of_the_group_under_the_same_id()
      throws IOException {
    try (ReviewFixture f = ReviewFixture.open(tmp)) {
      GroupView g = biggest(f.service);
      String chosen = g.members().get(g.members().size() / 2).image().path();

      List<GroupView> replacing = f.service.keep(g.id(), chosen);

      GroupView now = f.service.group(g.id());
      assertEquals(replacing.get(0), now);
      assertEquals(chosen, now.kept().path());
      assertEquals("chosen by a person (pinned as kept)", now.keptBecause());
      assertFalse(paths(now).contains(chosen));
      // Regrouped: every image that would move is a verified duplicate of its new kept image.
      for (GroupView r : replacing) {
        assertTrue(r.members().stream().allMatch(m -> m.changedFraction() <= 0.05), r.toString());
      }
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> f.service.keep(g.id(), "/nope.jpg"));
      assertTrue(e.getMessage().contains("/nope.jpg"), e.getMessage());
      assertThrows(NoSuchElementException.class, () -> f.service.group(9999));
    }
  }

  @Test
  void apply_moves_every_unflagged_duplicate_with_a_manifest_that_undo_reverses()
      throws IOException {
    try (ReviewFixture f = ReviewFixture.open(tmp)) {
      List<Path> before = list(f.frames);
      GroupView g = biggest(f.service);
      String spared = g.members().get(0).image().path();
      f.service.markNotDuplicate(g.id(), spared);
      int toMove = f.service.summary().toRemove();

      Applied a = f.service.apply(null, null);

      assertEquals(toMove, a.moved());
      assertEquals(List.of(), a.skipped());
      assertEquals(
          tmp.resolve("dups/neardup-manifest-20260102-030405.jsonl").toString(), a.manifest());
      assertTrue(Files.exists(Path.of(spared)), "a not-duplicate member stays");
      assertEquals(before.size() - toMove, list(f.frames).size());
      assertTrue(Files.exists(Path.of(g.kept().path())));
      assertEquals(toMove, list(tmp.resolve("dups")).size() - 1, "moved files + the manifest");

      Undo.run(Path.of(a.manifest()));
      assertEquals(before, list(f.frames));
    }
  }

  @Test
  void previews_are_jpegs_of_listed_images_only() throws IOException {
    try (ReviewFixture f = ReviewFixture.open(tmp)) {
      GroupView g = biggest(f.service);
      byte[] jpeg = f.service.preview(g.kept().path());
      assertArrayEquals(new byte[] {(byte) 0xFF, (byte) 0xD8}, new byte[] {jpeg[0], jpeg[1]});
      assertThrows(NoSuchElementException.class, () -> f.service.preview("/etc/passwd"));
      // An original that went away cannot be shown: the index keeps no pixels by default.
      Files.delete(Path.of(g.kept().path()));
      NoSuchElementException gone =
          assertThrows(NoSuchElementException.class, () -> f.service.preview(g.kept().path()));
      assertTrue(gone.getMessage().contains("cannot be read any more"), gone.getMessage());
    }
  }

  static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
    }
  }
}
