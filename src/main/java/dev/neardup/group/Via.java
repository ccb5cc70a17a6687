package dev.neardup.group;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The candidate stage that proposed a pair. Its lower-case name is what reports and the API print
 * ({@code "exact"}, {@code "embedding"}, ...).
 */
public enum Via {
  /** Same SHA-256. */
  EXACT,
  /** Cosine of the embeddings ≥ the threshold. */
  EMBEDDING,
  /** pHash distance ≤ the maximum (the pHash gate without a model). */
  PHASH,
  /** Every kept image: no model, or {@link CandidateSource#SCAN}. */
  SCAN;

  /** The lower-case name, as JSON and text print it. */
  @JsonValue
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
