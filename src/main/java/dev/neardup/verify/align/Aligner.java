package dev.neardup.verify.align;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import java.util.Optional;
import org.opencv.calib3d.Calib3d;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Registers a candidate image onto a kept image from their local {@link Features}: the geometric
 * half of the aligned pixel-diff level.
 *
 * <p>How: ratio-test matches (brute force, 2 nearest) of the candidate's descriptors against the
 * kept image's; a RANSAC fit of a similarity ({@code estimateAffinePartial2D}: rotations of any
 * angle incl. 90/180/270, uniform scale, translation) and, when that fails or explains too few of
 * the matches, or when the frames' aspect ratios disagree with the similarity (a stretched or
 * squashed copy), of a full affine ({@code estimateAffine2D}: also anisotropic resizes such as
 * 640×480 → 300×300 or 900×600). Only when the image as it is cannot be registered is its mirror
 * tried, so a mirrored copy costs one more match. A transform is accepted only with at least {@link
 * AlignParams#minInliers()} inliers and a plausible scale, anisotropy and shear.
 *
 * <p>Why plausibility checks: on pairs of different photos RANSAC can still find a handful of
 * consistent matches; the measured false pairs reached far fewer inliers than true pairs (see
 * {@link AlignParams#defaults()}), and a degenerate fit (scale 0.01, shear 3) is never a real edit.
 *
 * <p>Stateless and thread-safe; releases every native {@code Mat} it creates.
 */
public final class Aligner {
  /** Below this share of matches explained by the similarity, the full affine is also tried. */
  static final double STRONG_SIMILARITY = 0.5;

  /**
   * A plain fit with inliers for at least this share of the smaller keypoint set is taken without
   * trying the mirror (measured: true plain copies reach 0.4–0.9; the plain fit of a mirrored
   * symmetric picture stayed under 0.25).
   */
  static final double STRONG_FIT = 0.4;

  /** The full affine replaces the similarity only with this many times its inliers. */
  static final double AFFINE_GAIN = 1.2;

  /**
   * Relative aspect difference above which a similarity cannot map one whole frame onto the other:
   * the candidate was stretched or squashed (640×480 → 900×600 is 12.5 %, a 6 % stretch 6 %), and
   * the full affine is fitted too, and taken when it explains as many matches and is anisotropic by
   * more than this. The aspect tolerance of the plain check, 2 %.
   */
  static final double RESHAPED = 0.02;

  private Aligner() {}

  /**
   * Whether the frames' shapes disagree with {@code similarity}: the candidate's aspect ratio,
   * turned by the similarity's quarter turn, differs from the kept image's by more than {@link
   * #RESHAPED}. Then the candidate may be a stretched or squashed copy (or a crop).
   */
  static boolean reshaped(Transform similarity, Features kept, Features cand) {
    boolean turned = similarity.rotationDegrees() % 180 != 0;
    double rc =
        turned ? (double) cand.height() / cand.width() : (double) cand.width() / cand.height();
    double rk = (double) kept.width() / kept.height();
    return Math.abs(rc - rk) / Math.min(rc, rk) > RESHAPED;
  }

  /**
   * Finds the transform that maps the candidate onto the kept image.
   *
   * @param kept features of the image that stays
   * @param candidate features of the image that may be a copy of it
   * @param p matching and plausibility settings
   * @return the transform (candidate → kept, in the features' source coordinates), or empty when no
   *     plausible one has enough inliers
   * @throws IllegalArgumentException when the two feature sets come from different detectors
   * @throws NullPointerException when an argument is null
   */
  public static Optional<Transform> align(Features kept, Features candidate, AlignParams p) {
    if (kept == null || candidate == null || p == null) {
      throw new NullPointerException("kept, candidate and params must not be null");
    }
    requireSameDetector(kept, candidate);
    OpenCv.load();
    Optional<Transform> plain = fit(kept, candidate, false, p);
    int fewer = Math.min(kept.count(), candidate.count());
    if (plain.isPresent() && plain.get().inliers() >= STRONG_FIT * fewer) {
      return plain;
    }
    // Failed or weak: a left-right symmetric picture (a butterfly) gives its mirror a plausible
    // but wrong plain fit with a fraction of the keypoints, so the mirror is tried too and the
    // fit with more inliers wins.
    Optional<Transform> mirror = fit(kept, candidate, true, p);
    if (plain.isEmpty()) {
      return mirror;
    }
    return mirror.isPresent() && mirror.get().inliers() > plain.get().inliers() ? mirror : plain;
  }

  public static void requireSameDetector(Features a, Features b) {
    if (a.detector() != b.detector()) {
      throw new IllegalArgumentException(
          "features come from different detectors: " + a.detector() + " vs " + b.detector());
    }
  }

  public static Optional<Transform> fit(
      Features kept, Features cand, boolean mirrored, AlignParams p) {
    Features.Keypoints query = mirrored ? cand.mirrored() : cand.plain();
    Matching.Pairs pairs =
        Matching.match(query, kept.plain(), kept.detector(), kept.descriptorBytes(), p.ratio());
    if (pairs.size() < p.minInliers()) {
      return Optional.empty();
    }
    double threshold = p.ransacThreshold() * kept.sourcePerFeaturePixel();
    double[] reflect = mirrored ? Geometry.mirror(cand.width()) : null;
    MatOfPoint2f src = pairs.srcMat();
    MatOfPoint2f dst = pairs.dstMat();
    try {
      Transform similarity = estimate(src, dst, false, threshold, reflect, pairs, kept, cand);
      boolean ok = plausible(similarity, p);
      boolean reshaped = ok && reshaped(similarity, kept, cand);
      if (ok && !reshaped && similarity.inliers() >= STRONG_SIMILARITY * pairs.size()) {
        return Optional.of(similarity);
      }
      Transform affine = estimate(src, dst, true, threshold, reflect, pairs, kept, cand);
      if (plausible(affine, p)
          && (!ok
              || affine.inliers() >= AFFINE_GAIN * similarity.inliers()
              || (reshaped
                  && affine.inliers() >= similarity.inliers()
                  && Math.abs(affine.scaleX() / affine.scaleY() - 1) > RESHAPED))) {
        return Optional.of(affine);
      }
      return ok ? Optional.of(similarity) : Optional.empty();
    } finally {
      src.release();
      dst.release();
    }
  }

  private static Transform estimate(
      MatOfPoint2f src,
      MatOfPoint2f dst,
      boolean full,
      double threshold,
      double[] reflect,
      Matching.Pairs pairs,
      Features kept,
      Features cand) {
    Mat inliers = new Mat();
    Mat m = null;
    try {
      m =
          full
              ? Calib3d.estimateAffine2D(
                  src, dst, inliers, Calib3d.RANSAC, threshold, 2000, 0.99, 10)
              : Calib3d.estimateAffinePartial2D(
                  src, dst, inliers, Calib3d.RANSAC, threshold, 2000, 0.99, 10);
      if (m.empty()) {
        return null;
      }
      double[] matrix = Matching.values(m);
      if (reflect != null) {
        matrix = Geometry.compose(matrix, reflect);
      }
      return Transform.of(
          matrix,
          reflect != null,
          Matching.inliers(inliers),
          pairs.size(),
          cand.width(),
          cand.height(),
          kept.width(),
          kept.height());
    } catch (IllegalArgumentException singular) {
      return null;
    } finally {
      inliers.release();
      if (m != null) {
        m.release();
      }
    }
  }

  /** Enough inliers, and a scale, anisotropy, shear and overlap a real edit could have. */
  static boolean plausible(Transform t, AlignParams p) {
    if (t == null || t.inliers() < p.minInliers()) {
      return false;
    }
    double lo = Math.min(t.scaleX(), t.scaleY());
    double hi = Math.max(t.scaleX(), t.scaleY());
    return lo >= p.minScale()
        && hi <= p.maxScale()
        && hi / lo <= p.maxAnisotropy()
        && Math.abs(t.shear()) <= p.maxShear()
        && t.overlap() > 0;
  }

  /**
   * Warps the candidate into the kept image's frame, with the default {@link
   * AlignParams#coverageErosion()} of 2 px.
   *
   * @see #warp(GrayImage, double[], int, int, int)
   */
  public static GrayImage[] warp(GrayImage candidate, Transform t, int keptWidth, int keptHeight) {
    return warp(candidate, t.matrix(), keptWidth, keptHeight, 2);
  }

  /**
   * Warps the candidate into a {@code keptWidth × keptHeight} frame with {@code matrix} (candidate
   * → kept) and returns {@code {warped, coverage}}: the warped candidate (0 outside its footprint)
   * and a mask that is 255 where the warped candidate has content, eroded by {@code erosion} px so
   * that interpolated border pixels are left out.
   *
   * <p>A candidate more than 1.25× larger than its footprint is first shrunk with area averaging,
   * as {@link PixelDiff} shrinks the larger image, so that the warp does not alias.
   *
   * @throws IllegalArgumentException when a size is not positive, {@code erosion < 0}, or the
   *     matrix is not 6 values
   */
  public static GrayImage[] warp(
      GrayImage candidate, double[] matrix, int keptWidth, int keptHeight, int erosion) {
    GrayImage[] three = warp(candidate, null, matrix, keptWidth, keptHeight, erosion);
    return new GrayImage[] {three[0], three[1]};
  }

  /**
   * {@link #warp(GrayImage, double[], int, int, int)} with the candidate's content mask (255 where
   * it has content; null for all of it), returning {@code {warped, eroded coverage, uneroded
   * coverage}}.
   */
  static GrayImage[] warp(
      GrayImage candidate,
      GrayImage content,
      double[] matrix,
      int keptWidth,
      int keptHeight,
      int erosion) {
    if (keptWidth <= 0 || keptHeight <= 0 || erosion < 0 || matrix == null || matrix.length != 6) {
      throw new IllegalArgumentException(
          "warp needs a positive frame, erosion >= 0 and 6 matrix values; got "
              + keptWidth
              + "x"
              + keptHeight
              + ", erosion "
              + erosion);
    }
    OpenCv.load();
    double shrink = Math.sqrt(Math.abs(matrix[0] * matrix[4] - matrix[1] * matrix[3]));
    Mat src = candidate.toMat();
    Mat warped = new Mat();
    Mat ones = null;
    Mat coverage = new Mat();
    Mat full = null;
    Mat m = null;
    Mat kernel = null;
    try {
      double[] use = matrix;
      if (shrink < 0.8) {
        int w = Math.max(1, (int) Math.round(candidate.width() * shrink));
        int h = Math.max(1, (int) Math.round(candidate.height() * shrink));
        Imgproc.resize(src, src, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
        if (content != null) {
          content = shrinkMask(content, w, h);
        }
        use =
            Geometry.compose(
                matrix,
                Geometry.pixelScaling(
                    (double) candidate.width() / w, (double) candidate.height() / h));
      }
      m = new Mat(2, 3, org.opencv.core.CvType.CV_64FC1);
      m.put(0, 0, use);
      Size frame = new Size(keptWidth, keptHeight);
      Imgproc.warpAffine(
          src,
          warped,
          m,
          frame,
          Imgproc.INTER_LINEAR,
          org.opencv.core.Core.BORDER_CONSTANT,
          new Scalar(0));
      ones =
          content != null
              ? content.toMat()
              : new Mat(src.rows(), src.cols(), org.opencv.core.CvType.CV_8UC1, new Scalar(255));
      Imgproc.warpAffine(
          ones,
          coverage,
          m,
          frame,
          Imgproc.INTER_NEAREST,
          org.opencv.core.Core.BORDER_CONSTANT,
          new Scalar(0));
      full = coverage.clone();
      if (erosion > 0) {
        kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        // Pixels beyond the frame count as covered: only the candidate's own edges erode, so an
        // identity warp keeps the whole frame.
        Imgproc.erode(
            coverage,
            coverage,
            kernel,
            new Point(-1, -1),
            erosion,
            org.opencv.core.Core.BORDER_CONSTANT,
            new Scalar(255));
      }
      return new GrayImage[] {GrayImage.of(warped), GrayImage.of(coverage), GrayImage.of(full)};
    } finally {
      if (full != null) {
        full.release();
      }
      src.release();
      warped.release();
      coverage.release();
      if (ones != null) {
        ones.release();
      }
      if (m != null) {
        m.release();
      }
      if (kernel != null) {
        kernel.release();
      }
    }
  }

  private static GrayImage shrinkMask(GrayImage mask, int w, int h) {
    Mat src = mask.toMat();
    Mat dst = new Mat();
    try {
      Imgproc.resize(src, dst, new Size(w, h), 0, 0, Imgproc.INTER_NEAREST);
      return GrayImage.of(dst);
    } finally {
      src.release();
      dst.release();
    }
  }
}
