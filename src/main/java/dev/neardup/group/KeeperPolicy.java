package dev.neardup.group;

import dev.neardup.index.ImageRecord;
import java.util.Comparator;

/**
 * Which image of a group is kept: images are visited in this order and the first one visited
 * becomes the kept image of its group. Camera frames are always visited in time order instead (see
 * {@link Grouper}).
 */
public enum KeeperPolicy {
  /** Most pixels, then largest file, then oldest, then path order (the default). */
  PIXELS(
      "most pixels, then largest file, then oldest, then path order",
      Comparator.comparingLong(ImageRecord::pixels)
          .reversed()
          .thenComparing(Comparator.comparingLong(ImageRecord::fileSize).reversed())
          .thenComparingLong(ImageRecord::mtimeMillis)
          .thenComparing(ImageRecord::path)),
  /** Oldest file (modification time) first, then path order. */
  OLDEST(
      "oldest file, then path order",
      Comparator.comparingLong(ImageRecord::mtimeMillis).thenComparing(ImageRecord::path)),
  /** Newest file first, then path order. */
  NEWEST(
      "newest file, then path order",
      Comparator.comparingLong(ImageRecord::mtimeMillis)
          .reversed()
          .thenComparing(ImageRecord::path)),
  /** Path order alone. */
  PATH("path order", Comparator.comparing(ImageRecord::path));

  private final String description;
  private final Comparator<ImageRecord> order;

  KeeperPolicy(String description, Comparator<ImageRecord> order) {
    this.description = description;
    this.order = order;
  }

  /** Human-readable rule, as printed in reports. */
  public String description() {
    return description;
  }

  /** Visit order: the first image of a group in this order is kept. */
  public Comparator<ImageRecord> order() {
    return order;
  }
}
