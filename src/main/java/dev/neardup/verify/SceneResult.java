package dev.neardup.verify;

import java.util.Arrays;

/**
 * The verdict of {@link SceneCheck}: whether two photos show the same scene or object, possibly
 * from another viewpoint.
 *
 * @param sameScene whether the homography has at least {@link SceneParams#minInliers()} inliers
 * @param inliers inliers of the best homography found (plain or mirrored)
 * @param matches ratio-test matches it was fitted to
 * @param mirrored whether the best homography maps the mirrored second image
 * @param homography 3x3 row-major homography from the second image's pixels (mirrored first when
 *     {@code mirrored}: it then includes the reflection) to the first's; null when none was found
 */
public record SceneResult(
    boolean sameScene, int inliers, int matches, boolean mirrored, double[] homography) {

  /**
   * @throws IllegalArgumentException when a count is negative or the homography is not 9 values
   */
  public SceneResult {
    if (inliers < 0 || matches < 0) {
      throw new IllegalArgumentException(
          "inliers and matches must be >= 0; got " + inliers + ", " + matches);
    }
    if (homography != null) {
      if (homography.length != 9) {
        throw new IllegalArgumentException(
            "homography must have 9 values; got " + homography.length);
      }
      homography = homography.clone();
    }
  }

  /** The homography (a copy), or null. */
  @Override
  public double[] homography() {
    return homography == null ? null : homography.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SceneResult r
        && r.sameScene == sameScene
        && r.inliers == inliers
        && r.matches == matches
        && r.mirrored == mirrored
        && Arrays.equals(r.homography, homography);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * inliers + matches) + Arrays.hashCode(homography);
  }

  @Override
  public String toString() {
    return "SceneResult[sameScene="
        + sameScene
        + ", inliers="
        + inliers
        + "/"
        + matches
        + (mirrored ? ", mirrored" : "")
        + "]";
  }
}
