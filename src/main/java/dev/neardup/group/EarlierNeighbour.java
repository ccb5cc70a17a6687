package dev.neardup.group;

/**
 * One verified duplicate of an image among the images visited before it, as phase 1 of the
 * two-phase dedup records it ({@link EarlierNeighbours}): enough for phase 2 ({@link
 * NeighbourGrouping}) to tell which kept image the sequential search would have found first.
 *
 * @param position the earlier image's place in the visit order ({@link Grouper#visitList})
 * @param tier the pass of the search that found it: the search tries exact copies, then the
 *     identity check on every candidate, then the geometric levels, so an earlier pass always wins
 * @param evidence the pair's evidence, as the sequential search would record it; its {@link
 *     Evidence#cosine() cosine} (with embeddings) or {@link Evidence#hamming() pHash distance} is
 *     the closeness that orders candidates within a pass
 */
public record EarlierNeighbour(int position, Tier tier, Evidence evidence) {
  public EarlierNeighbour {
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0; got " + position);
    }
    java.util.Objects.requireNonNull(tier, "tier");
    java.util.Objects.requireNonNull(evidence, "evidence");
  }

  /** Which pass of {@link CandidateFinder}'s search found the pair. */
  public enum Tier {
    /** Byte-identical (same SHA-256): found before any check. */
    SAME_BYTES,
    /** Accepted by the identity check (the pixel check as the images are). */
    IDENTITY,
    /** Accepted by the geometric levels ({@code aligned}, {@code scene}) after the identity one. */
    GEOMETRIC,
    /**
     * Not a search result but the answer itself: the image the sequential grouping of its camera
     * joined ({@code --same-camera}, where a camera's frames are grouped on one worker).
     */
    CHOSEN
  }

  /** A found kept image with its pass. */
  record Tiered(CandidateFinder.Found found, Tier tier) {}
}
