package dev.neardup.group;

import dev.neardup.verify.DiffResult;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.align.Transform;

/**
 * Why one image was judged a duplicate of another (or not).
 *
 * @param via the candidate stage that proposed the pair: {@code exact} (same SHA-256), {@code
 *     embedding} (cosine ≥ threshold), {@code phash} (hash distance ≤ max), or {@code scan} (every
 *     kept image: no model, or {@link CandidateSource#SCAN})
 * @param cosine cosine similarity of the embeddings, or null without embeddings
 * @param hamming pHash distance in bits
 * @param diff the pixel-diff check's result, or null when it was not run (exact copies, {@code
 *     --verify none})
 * @param duplicate the verdict
 * @param level the verifier level that decided ({@code exact}, {@code identity}, {@code none}, ...;
 *     see {@link Verdict#level()}); {@code failed} when the pair's check threw and the pair was not
 *     judged (see {@link #failed()})
 * @param transform the registration of the candidate onto the kept image ({@code aligned}, {@code
 *     scene}), else null
 * @param inliers feature inliers of that registration, 0 without one
 * @param note the verdict's sentence (a pruned, not comparable or failed pair), else null
 */
public record Evidence(
    String via,
    Float cosine,
    int hamming,
    DiffResult diff,
    boolean duplicate,
    String level,
    Transform transform,
    int inliers,
    String note) {

  /** Evidence without a note. */
  public Evidence(
      String via,
      Float cosine,
      int hamming,
      DiffResult diff,
      boolean duplicate,
      String level,
      Transform transform,
      int inliers) {
    this(via, cosine, hamming, diff, duplicate, level, transform, inliers, null);
  }

  /** Evidence without a registration (identity, exact, unchecked). */
  public Evidence(
      String via, Float cosine, int hamming, DiffResult diff, boolean duplicate, String level) {
    this(via, cosine, hamming, diff, duplicate, level, null, 0);
  }

  /** The evidence of a byte-identical pair. */
  public static Evidence sameBytes() {
    return new Evidence("exact", null, 0, null, true, "exact");
  }

  /** The evidence of a verified pair. */
  public static Evidence of(String via, Float cosine, int hamming, Verdict v) {
    return new Evidence(
        via,
        cosine,
        hamming,
        v.diff(),
        v.duplicate(),
        v.level(),
        v.transform(),
        v.inliers(),
        v.note());
  }

  /**
   * True when the pair's check failed unexpectedly: the pair was not judged (and is not a
   * duplicate); {@link #note} says why.
   */
  public boolean failed() {
    return "failed".equals(level);
  }

  /**
   * What a person reads next to the match: {@code exact}, {@code identity}, or the registration,
   * e.g. {@code mirrored}, {@code rotated 90}, {@code cropped 6 %}, {@code scaled 0.47}.
   */
  public String label() {
    return transform != null ? transform.label() : level;
  }
}
