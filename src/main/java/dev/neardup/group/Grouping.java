package dev.neardup.group;

import java.util.List;

/**
 * The result of grouping a set of images.
 *
 * @param images how many images were grouped
 * @param kept how many images are kept (groups of one included)
 * @param groups groups that have at least one removable member, in visit order
 * @param pairs every candidate pair examined, in the order examined
 */
public record Grouping(int images, int kept, List<Group> groups, List<PairCheck> pairs) {

  /** Number of images that would be removed. */
  public int removable() {
    return images - kept;
  }
}
