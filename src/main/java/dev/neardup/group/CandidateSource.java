package dev.neardup.group;

import dev.neardup.verify.VerifyMode;

/**
 * Where the candidate pairs that the verifier then confirms come from.
 *
 * <p>{@link #INDEX} is what {@code dedup} always does. The other two exist so that {@code eval} and
 * {@code calibrate} can show the quality of each stage on its own.
 */
public enum CandidateSource {
  /**
   * Embedding neighbours (cosine ≥ threshold) when the index has vectors; without vectors, every
   * kept image, as {@link #SCAN} (the default).
   */
  INDEX,
  /** Every kept image within the pHash distance, whether or not the index has vectors. */
  PHASH,
  /**
   * Every kept image, whether or not the index has vectors: the verifier alone decides (exactly
   * pruned). The geometric levels run on the pairs whose pHash variants or gray histograms are
   * close. {@link VerifyMode#NONE} is refused: every pair would be a duplicate.
   */
  SCAN
}
