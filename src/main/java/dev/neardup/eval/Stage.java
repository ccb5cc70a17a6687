package dev.neardup.eval;

import dev.neardup.group.CandidateSource;
import java.util.Locale;

/**
 * The candidate stage whose quality a figure shows; every candidate is then confirmed at the
 * configured verify level (see {@link Evaluator}), and byte-identical files are always grouped.
 */
public enum Stage {
  /** HNSW neighbours with cosine ≥ threshold (needs an index with embeddings). */
  EMBEDDING(CandidateSource.INDEX, true),
  /** Kept images within the pHash distance only (a pre-filter some tools use). */
  PHASH(CandidateSource.PHASH, false),
  /**
   * Every kept image: the verifier alone decides. What {@code dedup} does without a model (the
   * geometric levels run on the pairs the pHash variants or gray histograms propose).
   */
  SCAN(CandidateSource.SCAN, false);

  private final CandidateSource source;
  private final boolean usesThreshold;

  Stage(CandidateSource source, boolean usesThreshold) {
    this.source = source;
    this.usesThreshold = usesThreshold;
  }

  /** The grouper's candidate source for this stage. */
  public CandidateSource source() {
    return source;
  }

  /** Whether the cosine threshold changes this stage's result. */
  public boolean usesThreshold() {
    return usesThreshold;
  }

  /** Lower-case name as printed and accepted on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
