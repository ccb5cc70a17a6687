package dev.neardup.verify;

/**
 * How a candidate pair becomes a duplicate: the levels of the one verifier chain ({@link
 * Verifiers#create}). Each level includes the ones before it.
 */
public enum VerifyMode {
  /** Trust the candidate stage alone (cosine ≥ threshold; without a model, pHash ≤ max). */
  NONE,
  /** The classic pixel-diff check on the images as they are (identity). */
  PIXEL,
  /**
   * The identity check first; when it fails, register the pair with local features (as it is and
   * mirrored), warp, and run the classic check on the overlap (the default).
   */
  ALIGNED,
  /**
   * As {@link #ALIGNED}, and then "the same scene": enough homography inliers alone, even when
   * pixels differ (the same traffic light shot twice). Opt-in: it is not a copy.
   */
  SCENE
}
