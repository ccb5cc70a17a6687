package dev.neardup.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neardup.group.Evidence;
import dev.neardup.group.Group;
import dev.neardup.group.Grouping;
import dev.neardup.group.Via;
import dev.neardup.index.ImageRecord;
import dev.neardup.verify.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pairwise and group-level figures on a grouping made by hand. */
class ScoringTest {
  static ImageRecord image(String name) {
    return new ImageRecord(
        "/d/" + name, name, 1, 1, "JPEG", 10, 10, null, Long.MIN_VALUE, null, 0, null, null);
  }

  static Group group(int id, String kept, String... members) {
    Evidence e =
        new Evidence(
            Via.PHASH, null, 0, new Verdict(true, Verdict.Level.IDENTITY, null, null, null, 0));
    return new Group(
        id,
        image(kept),
        "test",
        java.util.Arrays.stream(members).map(m -> new Group.Member(image(m), e)).toList());
  }

  /** Truth: {a1 a2 a3} {b1 b2} {c1} {d1}. */
  static Map<String, String> labels() {
    Map<String, String> l = new LinkedHashMap<>();
    for (String n : List.of("a1", "a2", "a3", "b1", "b2", "c1", "d1")) {
      l.put("/d/" + n, "truth:" + n.charAt(0));
    }
    return l;
  }

  @Test
  void pairs_groups_and_removals_are_counted_exactly() {
    // Predicted: {a1 a2 b1} {c1 d1}; a3 and b2 alone.
    Grouping g =
        new Grouping(7, 4, List.of(group(1, "a1", "a2", "b1"), group(2, "c1", "d1")), List.of());
    Scores s = Scoring.score(g, labels());
    assertEquals(7, s.images());
    assertEquals(4, s.truthGroups());
    assertEquals(4, s.truePairs()); // a: 3 pairs, b: 1 pair
    assertEquals(4, s.predictedPairs()); // 3 + 1
    assertEquals(1, s.correctPairs()); // a1-a2
    assertEquals(0.25, s.precision(), 1e-12);
    assertEquals(0.25, s.recall(), 1e-12);
    assertEquals(0.25, s.f1(), 1e-12);
    assertEquals(4, s.kept()); // a1, a3, b2, c1
    assertEquals(3, s.removed());
    assertEquals(1, s.removedCorrectly()); // a2
    assertEquals(2, s.removedWrongly()); // b1 (kept a1), d1 (kept c1)
    assertEquals(1, s.keptExtra()); // a3 (a1 is already kept)
    assertEquals(1, s.groupsLost()); // d: its only image was removed
  }

  @Test
  void the_perfect_grouping_scores_one_everywhere() {
    Grouping g =
        new Grouping(7, 4, List.of(group(1, "a1", "a2", "a3"), group(2, "b2", "b1")), List.of());
    Scores s = Scoring.score(g, labels());
    assertEquals(1.0, s.precision());
    assertEquals(1.0, s.recall());
    assertEquals(1.0, s.f1());
    assertEquals(4, s.kept());
    assertEquals(0, s.removedWrongly());
    assertEquals(0, s.keptExtra());
    assertEquals(0, s.groupsLost());
  }

  @Test
  void grouping_nothing_has_precision_one_and_recall_zero() {
    Scores s = Scoring.score(new Grouping(7, 7, List.of(), List.of()), labels());
    assertEquals(1.0, s.precision());
    assertEquals(0.0, s.recall());
    assertEquals(0.0, s.f1());
    assertEquals(3, s.keptExtra());
  }

  @Test
  void a_grouped_image_without_a_label_is_refused_by_name() {
    Grouping g = new Grouping(2, 1, List.of(group(1, "a1", "zz")), List.of());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Scoring.score(g, labels()));
    assertEquals("grouped image has no truth label: /d/zz", e.getMessage());
  }

  @Test
  void clusters_name_each_image_by_its_kept_image() {
    Grouping g = new Grouping(3, 2, List.of(group(1, "a1", "a2")), List.of());
    assertEquals(
        Map.of("/d/a1", "/d/a1", "/d/a2", "/d/a1", "/d/a3", "/d/a3"),
        Scoring.clusters(g, List.of("/d/a1", "/d/a2", "/d/a3")));
  }
}
