package dev.neardup.group;

import dev.neardup.index.ImageRecord;
import java.util.List;

/**
 * A kept image and the images that are verified duplicates of it.
 *
 * @param id 1-based, in visit order of the kept images
 * @param kept the image that stays
 * @param keptBecause the rule that made it the kept one
 * @param members the images that may be removed, each with the evidence against {@code kept}
 */
public record Group(int id, ImageRecord kept, String keptBecause, List<Member> members) {

  /**
   * One removable image of a group.
   *
   * @param image the duplicate
   * @param evidence how it compares with the group's kept image
   */
  public record Member(ImageRecord image, Evidence evidence) {}
}
