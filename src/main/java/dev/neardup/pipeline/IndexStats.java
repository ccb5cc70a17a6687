package dev.neardup.pipeline;

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
 */
public record IndexStats(
    int scanned, int unchanged, int indexed, int failed, int removed, int ignored, double seconds) {

  /** Images per second over the files decoded now. */
  public double imagesPerSecond() {
    return seconds > 0 ? (indexed + failed) / seconds : 0;
  }
}
