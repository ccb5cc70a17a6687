package dev.neardup.verify;

import dev.neardup.decode.OpenCv;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;

/**
 * The opt-in "same scene" level: two photos of one object or place from different viewpoints
 * (UKBench's four views of an object) are related by a homography, which a pixel-diff never
 * accepts. The evidence is the number of inliers of a homography fitted to ratio-test matches.
 *
 * <p>How: matches of {@code b}'s descriptors against {@code a}'s, {@code findHomography} with
 * {@code RHO} (0.1–0.2 ms on false pairs against ~23 ms for the default RANSAC); when that does not
 * reach {@link SceneParams#minInliers()}, the same with {@code b}'s mirrored features. The
 * threshold was chosen on all 19,900 UKBench pairs (see {@link SceneParams#DEFAULT_MIN_INLIERS} and
 * {@code docs/alignment.md}).
 *
 * <p>Why opt-in: a scene match is not a duplicate; two photos of one building taken a minute apart
 * are the same scene and different pictures. Stateless and thread-safe.
 */
public final class SceneCheck {
  private SceneCheck() {}

  /**
   * Decides whether {@code a} and {@code b} show the same scene.
   *
   * @throws IllegalArgumentException when the features come from different detectors
   * @throws NullPointerException when an argument is null
   */
  public static SceneResult check(Features a, Features b, SceneParams p) {
    if (a == null || b == null || p == null) {
      throw new NullPointerException("features and scene params must not be null");
    }
    Aligner.requireSameDetector(a, b);
    OpenCv.load();
    SceneResult plain = fit(a, b, false, p);
    if (plain.sameScene()) {
      return plain;
    }
    SceneResult mirror = fit(a, b, true, p);
    return mirror.inliers() > plain.inliers() ? mirror : plain;
  }

  /** Plain and mirrored inliers, both always computed: for measuring thresholds. */
  static int[] inlierCounts(Features a, Features b, SceneParams p) {
    return new int[] {fit(a, b, false, p).inliers(), fit(a, b, true, p).inliers()};
  }

  private static SceneResult fit(Features a, Features b, boolean mirrored, SceneParams p) {
    Features.Keypoints query = mirrored ? b.mirrored() : b.plain();
    Matching.Pairs pairs =
        Matching.match(query, a.plain(), a.detector(), a.descriptorBytes(), p.ratio());
    if (pairs.size() < 4) {
      return new SceneResult(false, 0, pairs.size(), mirrored, null);
    }
    MatOfPoint2f src = pairs.srcMat();
    MatOfPoint2f dst = pairs.dstMat();
    Mat mask = new Mat();
    Mat h = null;
    try {
      double threshold = p.reprojThreshold() * a.sourcePerFeaturePixel();
      h = Calib3d.findHomography(src, dst, Calib3d.RHO, threshold, mask, 2000, 0.995);
      if (h.empty()) {
        return new SceneResult(false, 0, pairs.size(), mirrored, null);
      }
      int inliers = Matching.inliers(mask);
      double[] m = Matching.values(h);
      if (mirrored) {
        m = withReflection(m, b.width());
      }
      return new SceneResult(inliers >= p.minInliers(), inliers, pairs.size(), mirrored, m);
    } finally {
      src.release();
      dst.release();
      mask.release();
      if (h != null) {
        h.release();
      }
    }
  }

  /** {@code h · F} with {@code F} the reflection {@code x' = width - 1 - x}. */
  private static double[] withReflection(double[] h, int width) {
    double[] out = h.clone();
    for (int r = 0; r < 3; r++) {
      out[3 * r + 2] = h[3 * r] * (width - 1) + h[3 * r + 2];
      out[3 * r] = -h[3 * r];
    }
    return out;
  }
}
