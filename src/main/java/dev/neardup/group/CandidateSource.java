package dev.neardup.group;

import dev.neardup.verify.VerifyMode;
import java.util.Locale;

/**
 * Where the candidate pairs that the verifier then confirms come from; every candidate is then
 * confirmed at the configured verify level, and byte-identical files are always grouped.
 *
 * <p>{@link #EMBEDDING} is what {@code dedup} always does. The other two exist so that {@code eval}
 * and {@code calibrate} can show the quality of each stage on its own ({@code --stages
 * embedding,phash,scan}).
 */
public enum CandidateSource {
  /**
   * HNSW neighbours with cosine ≥ threshold when the index has vectors; without vectors, every kept
   * image, as {@link #SCAN} (the default; {@code eval} refuses it on an index without vectors).
   */
  EMBEDDING(true),
  /**
   * Every kept image within the pHash distance, whether or not the index has vectors (a pre-filter
   * some tools use).
   */
  PHASH(false),
  /**
   * Every kept image, whether or not the index has vectors: the verifier alone decides (exactly
   * pruned). What {@code dedup} does without a model: the geometric levels run on the pairs whose
   * pHash variants or gray histograms are close, and at {@link VerifyMode#SCENE} on those the
   * visual words propose ({@link WordProposal}). {@link VerifyMode#NONE} is refused: every pair
   * would be a duplicate.
   */
  SCAN(false);

  private final boolean usesThreshold;

  CandidateSource(boolean usesThreshold) {
    this.usesThreshold = usesThreshold;
  }

  /** Whether the cosine threshold changes this source's result. */
  public boolean usesThreshold() {
    return usesThreshold;
  }

  /** Lower-case name as printed and accepted on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
