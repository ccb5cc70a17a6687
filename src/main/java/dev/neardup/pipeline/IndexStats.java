package dev.neardup.pipeline;

import java.util.List;

/**
 * What an index update did.
 *
 * @param scanned candidate image files found under the roots
 * @param unchanged files skipped because size and mtime are as indexed
 * @param indexed files decoded and (re)indexed now
 * @param failed files that could not be read now (reported, skipped)
 * @param removed index entries dropped because their file is gone
 * @param ignored files under the roots that are not images (README, JSON, ...)
 * @param seconds wall time of the update
 * @param stages each pipeline stage's busy time over {@code seconds}, in pipeline order (empty when
 *     nothing was timed)
 */
public record IndexStats(
    int scanned,
    int unchanged,
    int indexed,
    int failed,
    int removed,
    int ignored,
    double seconds,
    List<StageProfile> stages) {

  public IndexStats {
    stages = List.copyOf(stages);
  }

  /** An update whose stages were not timed. */
  public IndexStats(
      int scanned,
      int unchanged,
      int indexed,
      int failed,
      int removed,
      int ignored,
      double seconds) {
    this(scanned, unchanged, indexed, failed, removed, ignored, seconds, List.of());
  }

  /** Images per second over the files decoded now. */
  public double imagesPerSecond() {
    return seconds > 0 ? (indexed + failed) / seconds : 0;
  }
}
