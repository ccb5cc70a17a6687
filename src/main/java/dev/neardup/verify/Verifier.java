package dev.neardup.verify;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.StoredImage;

/**
 * The one verifier interface: decides whether a candidate image is a duplicate of a kept image.
 * Grouping, query and ingest all call it through the one candidate finder, so that the same pair
 * gets the same verdict everywhere.
 *
 * <p>Implementations are thread-safe and hold no per-pair state.
 */
public interface Verifier {
  /** The per-image work, done once and reused for every pair the image is in. */
  Prepared prepare(StoredImage image);

  /**
   * True only when the pair provably fails: no pixel has to be read. Never true for a pair that
   * {@link #verify} could accept, so skipping such pairs never changes an answer.
   *
   * @param kept signature of the kept image's verification image
   * @param candidate signature of the candidate's
   * @param referencePixels pixels of the smaller original (what the check is scaled to)
   * @param mayAlign whether the geometric levels may run on this pair (see {@link #verify})
   */
  boolean cannotPass(
      BlockSignature kept, BlockSignature candidate, long referencePixels, boolean mayAlign);

  /**
   * The form of {@link #cannotPass cannotPass(kept, candidate, reference, false)} on block
   * signatures, for an index of kept images that finds the pairs it does not prune without asking
   * for each; null (the default) when this verifier prunes no same-grid pair by its tile sums.
   */
  default SignatureBound signatureBound() {
    return null;
  }

  /**
   * The verdict on {@code candidate} as a duplicate of {@code kept}.
   *
   * @param mayAlign whether the geometric levels (aligned, scene) may run when the identity check
   *     fails: the candidate finder says no for two frames of one fixed camera (its alignment is
   *     the identity) and for pairs no geometric candidate stage proposed
   */
  Verdict verify(Prepared kept, Prepared candidate, boolean mayAlign);

  /**
   * The local features its geometric levels use for {@code image}, computed once and kept with it
   * ({@link Prepared#memo}); null (the default) for a verifier without geometric levels. The
   * same-scene candidate stage quantises them into visual words.
   */
  default dev.neardup.verify.align.Features features(Prepared image) {
    return null;
  }

  /** The verify mode this verifier implements. */
  VerifyMode mode();
}
