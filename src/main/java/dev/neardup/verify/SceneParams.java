package dev.neardup.verify;

/**
 * Settings of the opt-in same-scene level ({@link SceneCheck}).
 *
 * @param ratio Lowe's ratio test, in {@code (0, 1]}
 * @param reprojThreshold homography inlier threshold in pixels at feature resolution, {@code > 0}
 * @param minInliers fewest homography inliers for "same scene", {@code >= 4}
 * @param maxAreaScale a homography is refused when it maps the second image onto an area more than
 *     {@code maxAreaScale²} times larger or smaller than either image's, {@code >= 1}
 * @param maxCondition a homography is refused when its condition number, between the two images
 *     normalised to {@code [-1, 1]²}, is above this, {@code >= 1}
 */
public record SceneParams(
    double ratio,
    double reprojThreshold,
    int minInliers,
    double maxAreaScale,
    double maxCondition) {

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
    if (!(maxAreaScale >= 1) || Double.isInfinite(maxAreaScale)) {
      throw new IllegalArgumentException(
          "scene max_area_scale must be >= 1 and finite; got " + maxAreaScale);
    }
    if (!(maxCondition >= 1)) {
      throw new IllegalArgumentException("scene max_condition must be >= 1; got " + maxCondition);
    }
  }

  /**
   * With the default shape limits {@link #DEFAULT_MAX_AREA_SCALE}, {@link #DEFAULT_MAX_CONDITION}.
   */
  public SceneParams(double ratio, double reprojThreshold, int minInliers) {
    this(ratio, reprojThreshold, minInliers, DEFAULT_MAX_AREA_SCALE, DEFAULT_MAX_CONDITION);
  }

  /** Default {@link #maxAreaScale()}: the aligned level's scale range, 1/8 to 8. */
  public static final double DEFAULT_MAX_AREA_SCALE = 8;

  /**
   * Default {@link #maxCondition()}: 50. Measured on the 425 ordered UKBench pairs of one object
   * that reach {@link #DEFAULT_MIN_INLIERS} (of 600): median 1.5, 99th percentile 3.1, largest 4.7;
   * a view zoomed 8× into a corner of the other is about 15. No pair of different objects (39,800
   * ordered pairs) reached the inlier threshold.
   */
  public static final double DEFAULT_MAX_CONDITION = 50;

  /**
   * Ratio 0.8, 3 px, {@link #DEFAULT_MIN_INLIERS}, area scale {@link #DEFAULT_MAX_AREA_SCALE},
   * condition {@link #DEFAULT_MAX_CONDITION}.
   */
  public static SceneParams defaults() {
    return new SceneParams(0.8, 3.0, DEFAULT_MIN_INLIERS);
  }

  /** A copy with another inlier threshold. */
  public SceneParams withMinInliers(int n) {
    return new SceneParams(ratio, reprojThreshold, n, maxAreaScale, maxCondition);
  }
}
