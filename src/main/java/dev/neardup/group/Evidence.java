package dev.neardup.group;

import dev.neardup.verify.DiffResult;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.align.Transform;
import java.util.Objects;

/**
 * Why one image was judged a duplicate of another (or not): how the pair was proposed, and what the
 * verifier decided. Output forms are made from it by {@code report.EvidenceView}.
 *
 * @param via the candidate stage that proposed the pair
 * @param cosine cosine similarity of the embeddings, or null without embeddings
 * @param hamming pHash distance in bits
 * @param verdict the verifier's verdict ({@link Verdict#SAME_BYTES} for an exact copy, {@link
 *     Verdict.Level#FAILED} when the pair's check threw)
 */
public record Evidence(Via via, Float cosine, int hamming, Verdict verdict) {
  public Evidence {
    Objects.requireNonNull(via, "via");
    Objects.requireNonNull(verdict, "verdict");
  }

  /** The evidence of a byte-identical pair. */
  public static Evidence sameBytes() {
    return new Evidence(Via.EXACT, null, 0, Verdict.SAME_BYTES);
  }

  /** The verdict. */
  public boolean duplicate() {
    return verdict.duplicate();
  }

  /** The verifier level that decided. */
  public Verdict.Level level() {
    return verdict.level();
  }

  /** The pixel-diff check's result, or null when it was not run (exact copies, pruned, none). */
  public DiffResult diff() {
    return verdict.diff();
  }

  /** The registration of the candidate onto the kept image ({@code aligned}, {@code scene}). */
  public Transform transform() {
    return verdict.transform();
  }

  /** Feature inliers of that registration, 0 without one. */
  public int inliers() {
    return verdict.inliers();
  }

  /** The verdict's sentence (a pruned, not comparable or failed pair), else null. */
  public String note() {
    return verdict.note();
  }

  /**
   * True when the pair's check failed unexpectedly: the pair was not judged (and is not a
   * duplicate); {@link #note} says why.
   */
  public boolean failed() {
    return verdict.isFailed();
  }

  /**
   * What a person reads next to the match: {@code exact}, {@code identity}, or the registration,
   * e.g. {@code mirrored}, {@code rotated 90}, {@code cropped 6 %}, {@code scaled 0.47}.
   */
  public String label() {
    return verdict.label();
  }
}
