package dev.neardup.group;

/** How a candidate pair becomes a duplicate. */
public enum VerifyMode {
  /** The classic pixel-diff check must confirm every candidate (the default). */
  PIXEL,
  /** Trust the candidate stage alone (cosine ≥ threshold, or pHash distance ≤ max). */
  NONE
}
