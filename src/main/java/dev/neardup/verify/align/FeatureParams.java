package dev.neardup.verify.align;

/**
 * How {@link Features#of} finds local features: which detector, at what resolution.
 *
 * <p>Why a fixed, small resolution: features only have to <em>register</em> two images (find the
 * transform between them); the pixel-diff then runs at the images' own resolution. At 256 px long
 * side AKAZE gives enough keypoints on real photos for the RANSAC fit and costs a fraction of what
 * full resolution would (see {@code docs/alignment.md} for the measured counts and times).
 *
 * @param detector the detector and descriptor
 * @param longSide the image is shrunk (area averaging) so that its longer side is this many pixels
 *     before detection; an image already smaller is used as it is (never upscaled). In {@code [32,
 *     4096]}.
 */
public record FeatureParams(Detector detector, int longSide) {

  /** Default long side: 256 px (PLATFORM.md: the best balance of speed and recall for AKAZE). */
  public static final int DEFAULT_LONG_SIDE = 256;

  /** The local-feature detectors this package supports, each with its descriptor and norm. */
  public enum Detector {
    /**
     * AKAZE with its MLDB binary descriptor (61 bytes, Hamming distance): the default; rotation
     * invariant, ~8 ms per 256-px image, and as accurate as SIFT on the measured edits.
     */
    AKAZE,
    /**
     * SIFT with 8-bit descriptors (128 bytes, L2 distance): the most robust to blur and zoom, about
     * three times slower to extract than AKAZE.
     */
    SIFT,
    /**
     * ORB, up to 1,000 keypoints, 32-byte binary descriptor (Hamming): fast to extract, slower to
     * match and weaker on zooms (needs more inliers to reject false pairs).
     */
    ORB
  }

  /**
   * Validates.
   *
   * @throws NullPointerException when {@code detector} is null
   * @throws IllegalArgumentException when {@code longSide} is outside {@code [32, 4096]}
   */
  public FeatureParams {
    if (detector == null) {
      throw new NullPointerException("feature detector must not be null");
    }
    if (longSide < 32 || longSide > 4096) {
      throw new IllegalArgumentException(
          "feature long_side must be in [32, 4096]; got " + longSide);
    }
  }

  /** AKAZE at {@link #DEFAULT_LONG_SIDE}. */
  public static FeatureParams defaults() {
    return new FeatureParams(Detector.AKAZE, DEFAULT_LONG_SIDE);
  }

  /** A copy with another long side. */
  public FeatureParams withLongSide(int side) {
    return new FeatureParams(detector, side);
  }

  /** A copy with another detector. */
  public FeatureParams withDetector(Detector d) {
    return new FeatureParams(d, longSide);
  }
}
