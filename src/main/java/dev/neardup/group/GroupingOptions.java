package dev.neardup.group;

import java.util.Objects;

/**
 * Settings of the grouping stage.
 *
 * @param threshold minimum cosine similarity of a candidate pair, in (0, 1]
 * @param searchWidth neighbours fetched per k-NN search (wider than needed: HNSW is approximate)
 * @param maxHamming maximum pHash distance of a candidate pair when there are no embeddings
 * @param verify whether the pixel-diff check must confirm each candidate
 * @param sameCamera compare camera frames only with frames of the same camera
 * @param keeper visit order for images that are not camera frames
 * @param maxVerifications pixel-diff checks at most per image (candidates beyond are ignored)
 */
public record GroupingOptions(
    double threshold,
    int searchWidth,
    int maxHamming,
    VerifyMode verify,
    boolean sameCamera,
    KeeperPolicy keeper,
    int maxVerifications) {

  public GroupingOptions {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]; got " + threshold);
    }
    if (searchWidth < 1) {
      throw new IllegalArgumentException("search width must be >= 1; got " + searchWidth);
    }
    if (maxHamming < 0 || maxHamming > 64) {
      throw new IllegalArgumentException("max hamming must be in [0, 64]; got " + maxHamming);
    }
    if (maxVerifications < 1) {
      throw new IllegalArgumentException("max verifications must be >= 1; got " + maxVerifications);
    }
    Objects.requireNonNull(verify, "verify");
    Objects.requireNonNull(keeper, "keeper");
  }

  /** Threshold 0.99, width 64, pHash distance 10, pixel check on, any camera, keep most pixels. */
  public static GroupingOptions defaults() {
    return new GroupingOptions(0.99, 64, 10, VerifyMode.PIXEL, false, KeeperPolicy.PIXELS, 32);
  }
}
