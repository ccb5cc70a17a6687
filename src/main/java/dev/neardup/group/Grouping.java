package dev.neardup.group;

import java.util.List;

/**
 * The result of grouping a set of images.
 *
 * @param images how many images were grouped
 * @param kept how many images are kept (groups of one included)
 * @param groups groups that have at least one removable member, in visit order
 * @param pairs every candidate pair verified (pixels read), in the order verified; pairs skipped
 *     because they provably fail are only counted, in {@code stats}
 * @param stats what the candidate search did, and whether an opt-in shortcut changed it
 * @param failures the checks that failed unexpectedly and were contained (pairs not judged, images
 *     that could not be prepared), in the order they failed; empty when every check ran
 */
public record Grouping(
    int images,
    int kept,
    List<Group> groups,
    List<PairCheck> pairs,
    SearchStats stats,
    List<FailedCheck> failures) {

  /** A grouping in which no check failed. */
  public Grouping(
      int images, int kept, List<Group> groups, List<PairCheck> pairs, SearchStats stats) {
    this(images, kept, groups, pairs, stats, List.of());
  }

  /** A grouping without search statistics (one assembled by hand, e.g. from decisions). */
  public Grouping(int images, int kept, List<Group> groups, List<PairCheck> pairs) {
    this(images, kept, groups, pairs, new SearchStats(0, 0, 0, 0, 0, 0, 0, 0));
  }

  /** Number of images that would be removed. */
  public int removable() {
    return images - kept;
  }
}
