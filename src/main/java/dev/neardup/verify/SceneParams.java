package dev.neardup.verify;

/**
 * Settings of the opt-in same-scene level ({@link SceneCheck}).
 *
 * @param ratio Lowe's ratio test, in {@code (0, 1]}
 * @param reprojThreshold homography inlier threshold in pixels at feature resolution, {@code > 0}
 * @param minInliers fewest homography inliers for "same scene", {@code >= 4}
 */
public record SceneParams(double ratio, double reprojThreshold, int minInliers) {

  /** Default inlier threshold; see {@link #defaults()}. */
  public static final int DEFAULT_MIN_INLIERS = 12;

  /**
   * @throws IllegalArgumentException naming the first bad setting and its value
   */
  public SceneParams {
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException("scene ratio must be in (0, 1]; got " + ratio);
    }
    if (!(reprojThreshold > 0) || Double.isInfinite(reprojThreshold)) {
      throw new IllegalArgumentException(
          "scene reproj_threshold must be > 0 and finite; got " + reprojThreshold);
    }
    if (minInliers < 4) {
      throw new IllegalArgumentException("scene min_inliers must be >= 4; got " + minInliers);
    }
  }

  /** Ratio 0.8, 3 px, {@link #DEFAULT_MIN_INLIERS}. */
  public static SceneParams defaults() {
    return new SceneParams(0.8, 3.0, DEFAULT_MIN_INLIERS);
  }

  /** A copy with another inlier threshold. */
  public SceneParams withMinInliers(int n) {
    return new SceneParams(ratio, reprojThreshold, n);
  }
}
