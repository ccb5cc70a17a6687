package dev.neardup.group;

/**
 * Where the candidate pairs that the pixel-diff check then confirms come from.
 *
 * <p>{@link #INDEX} is what {@code dedup} always does. The other two exist so that {@code eval} and
 * {@code calibrate} can show the quality of each stage on its own: pHash candidates even in an
 * index that holds embeddings, and a brute-force scan that leaves every decision to the pixel-diff
 * check.
 */
public enum CandidateSource {
  /** Embedding neighbours (cosine ≥ threshold) when the index has vectors, else pHash (default). */
  INDEX,
  /** Every kept image within the pHash distance, whether or not the index has vectors. */
  PHASH,
  /**
   * Every kept image, with no pre-filter at all: the pixel-diff check alone decides, so {@link
   * VerifyMode#NONE} is refused and the per-image verification cap does not apply. Quadratic: for
   * evaluation on small sets.
   */
  SCAN
}
