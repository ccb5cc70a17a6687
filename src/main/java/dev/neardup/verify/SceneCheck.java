package dev.neardup.verify;

import dev.neardup.decode.OpenCv;
import dev.neardup.verify.align.Aligner;
import dev.neardup.verify.align.Features;
import dev.neardup.verify.align.Geometry;
import dev.neardup.verify.align.Matching;
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
      boolean same = inliers >= p.minInliers() && degenerate(m, b, a, p) == null;
      return new SceneResult(same, inliers, pairs.size(), mirrored, m);
    } finally {
      src.release();
      dst.release();
      mask.release();
      if (h != null) {
        h.release();
      }
    }
  }

  /**
   * Why homography {@code h} (from {@code b}'s pixels to {@code a}'s) cannot relate two views of
   * one scene, or null when it can. A regular tiling or a repeated texture gives many consistent
   * matches that RANSAC explains with a near-singular homography: it folds {@code b} onto a line, a
   * point or a sliver, or through the horizon. Refused, in this order:
   *
   * <ul>
   *   <li>a corner of {@code b} mapped at or behind the horizon (the projective denominator is not
   *       positive at every corner);
   *   <li>a mapped quad that is not convex (a fold or a twist);
   *   <li>a mapped quad whose area is outside {@code [1/r², r²]} times {@code a}'s or {@code b}'s
   *       area, {@code r = }{@link SceneParams#maxAreaScale()};
   *   <li>a condition number above {@link SceneParams#maxCondition()}, of the homography between
   *       the two images normalised to {@code [-1, 1]²} (1 for one image mapped onto the other).
   * </ul>
   */
  static String degenerate(double[] h, Features b, Features a, SceneParams p) {
    return degenerate(h, b.width(), b.height(), a.width(), a.height(), p);
  }

  static String degenerate(double[] h, int wb, int hb, int wa, int ha, SceneParams p) {
    double[][] corners = {{-0.5, -0.5}, {wb - 0.5, -0.5}, {wb - 0.5, hb - 0.5}, {-0.5, hb - 0.5}};
    double[] quad = new double[8];
    for (int i = 0; i < 4; i++) {
      double x = corners[i][0];
      double y = corners[i][1];
      double w = h[6] * x + h[7] * y + h[8];
      if (!(w > 1e-9)) {
        return "degenerate homography: a corner maps at or behind the horizon";
      }
      quad[2 * i] = (h[0] * x + h[1] * y + h[2]) / w;
      quad[2 * i + 1] = (h[3] * x + h[4] * y + h[5]) / w;
    }
    int sign = 0;
    for (int i = 0; i < 4; i++) {
      int j = (i + 1) % 4;
      int k = (i + 2) % 4;
      double cross =
          (quad[2 * j] - quad[2 * i]) * (quad[2 * k + 1] - quad[2 * j + 1])
              - (quad[2 * j + 1] - quad[2 * i + 1]) * (quad[2 * k] - quad[2 * j]);
      int s = cross > 0 ? 1 : cross < 0 ? -1 : 0;
      if (s == 0 || (sign != 0 && s != sign)) {
        return "degenerate homography: the mapped image is not a convex quad";
      }
      sign = s;
    }
    double area = Geometry.area(quad);
    double r2 = p.maxAreaScale() * p.maxAreaScale();
    for (double other : new double[] {(double) wa * ha, (double) wb * hb}) {
      double ratio = area / other;
      if (!(ratio >= 1 / r2 && ratio <= r2)) {
        return String.format(
            java.util.Locale.ROOT,
            "degenerate homography: the mapped image covers %.4f times the area of an image",
            ratio);
      }
    }
    double cond = condition(h, wb, hb, wa, ha);
    if (!(cond <= p.maxCondition())) {
      return String.format(
          java.util.Locale.ROOT,
          "degenerate homography: condition number %.0f > %s",
          cond,
          p.maxCondition());
    }
    return null;
  }

  /** Condition number of {@code h} between the two images normalised to {@code [-1, 1]²}. */
  static double condition(double[] h, int wb, int hb, int wa, int ha) {
    // N_a · H · N_b^-1 with N mapping pixel centres [-0.5, w-0.5] to [-1, 1].
    double[] na = {2.0 / wa, 0, -1 + 1.0 / wa, 0, 2.0 / ha, -1 + 1.0 / ha, 0, 0, 1};
    double[] nbInv = {wb / 2.0, 0, (wb - 1) / 2.0, 0, hb / 2.0, (hb - 1) / 2.0, 0, 0, 1};
    double[] n = mul3(na, mul3(h, nbInv));
    Mat m = new Mat(3, 3, org.opencv.core.CvType.CV_64FC1);
    Mat w = new Mat();
    Mat u = new Mat();
    Mat vt = new Mat();
    try {
      m.put(0, 0, n);
      org.opencv.core.Core.SVDecomp(m, w, u, vt, org.opencv.core.Core.SVD_NO_UV);
      double[] sv = new double[3];
      w.get(0, 0, sv);
      double max = Math.max(sv[0], Math.max(sv[1], sv[2]));
      double min = Math.min(sv[0], Math.min(sv[1], sv[2]));
      return min > 0 ? max / min : Double.POSITIVE_INFINITY;
    } finally {
      m.release();
      w.release();
      u.release();
      vt.release();
    }
  }

  private static double[] mul3(double[] a, double[] b) {
    double[] out = new double[9];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        out[3 * r + c] = a[3 * r] * b[c] + a[3 * r + 1] * b[3 + c] + a[3 * r + 2] * b[6 + c];
      }
    }
    return out;
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
