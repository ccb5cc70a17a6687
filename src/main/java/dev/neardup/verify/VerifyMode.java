package dev.neardup.verify;

/**
 * How a candidate pair becomes a duplicate: the levels of the one verifier chain ({@link
 * Verifiers#create}).
 */
public enum VerifyMode {
  /** The classic pixel-diff check, at the identity (no geometric alignment). */
  PIXEL,
  /** Trust the candidate stage alone (cosine ≥ threshold; without a model: same SHA-256 only). */
  NONE
}
