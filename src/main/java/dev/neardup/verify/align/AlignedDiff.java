package dev.neardup.verify.align;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import org.opencv.core.Core;
import org.opencv.core.CvException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.core.TermCriteria;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.Video;

/**
 * The classic pixel-diff check run on the overlap of a registered pair only.
 *
 * <p>{@link #score} is the check itself, {@link PixelDiff#scorePrepared} with a coverage mask after
 * {@link PixelDiff#preprocess} (and a 3×3 blur of both first when the warp resampled): the
 * difference is zeroed outside the coverage, and the changed fraction is the summed contour area
 * divided by the covered pixels (not the frame), so a crop is judged on what both images show.
 *
 * <p>{@link #compare} warps the candidate, excludes black fill (the corners a rotated copy adds),
 * measures the content overlap, scores, and — when the fraction fails within {@link
 * AlignParams#eccWindow()} of the threshold — refines the transform with ECC ({@code
 * findTransformECC}, affine) and scores again. Why: a residual misalignment of 0.3–2 px from
 * features fitted at 256 px fails crops at strict fractions; a blur would also fix it but changes
 * verdicts on camera frames.
 *
 * <p>Stateless and thread-safe; every native {@code Mat} is released before a call returns.
 */
public final class AlignedDiff {
  /** Gray levels at or below which a border-connected region counts as black fill. */
  static final int FILL_LEVEL = 8;

  private AlignedDiff() {}

  /**
   * Scores a kept frame against a warped candidate on the covered pixels.
   *
   * @param kept the kept image, the comparison frame
   * @param warped the candidate warped into {@code kept}'s frame
   * @param coverage 255 where {@code warped} has content to compare, 0 elsewhere
   * @param pp the pixel-diff settings ({@code aspectTolerance} is not used: the images are
   *     registered)
   * @return the diff; {@code duplicate} is {@code changedFraction <= pp.fraction()}; a pair with no
   *     covered pixel is not comparable (see {@link DiffResult})
   * @throws IllegalArgumentException when the three images differ in size
   */
  public static DiffResult score(
      GrayImage kept, GrayImage warped, GrayImage coverage, PixelDiffParams pp) {
    int w = kept.width();
    int h = kept.height();
    if (warped.width() != w
        || warped.height() != h
        || coverage.width() != w
        || coverage.height() != h) {
      throw new IllegalArgumentException(
          "kept, warped and coverage must be one size; got "
              + kept
              + ", "
              + warped
              + ", "
              + coverage);
    }
    OpenCv.load();
    Mat a = kept.toMat();
    Mat b = warped.toMat();
    Mat cover = coverage.toMat();
    try {
      return score(a, b, cover, pp, false);
    } finally {
      a.release();
      b.release();
      cover.release();
    }
  }

  /** {@link #score(GrayImage, GrayImage, GrayImage, PixelDiffParams)} on Mats (not modified). */
  static DiffResult score(
      Mat kept, Mat warped, Mat coverage, PixelDiffParams pp, boolean interpolated) {
    if (Core.countNonZero(coverage) == 0) {
      return DiffResult.notComparable(
          kept.cols(), kept.rows(), "the registered images do not overlap");
    }
    PixelDiff check = new PixelDiff(pp);
    Mat a = kept.clone();
    Mat b = warped.clone();
    try {
      if (interpolated) {
        // The warp resampled the candidate (bilinear: a low-pass); give the kept frame a similar
        // low-pass so that resampling of sharp texture is not counted as change.
        Imgproc.GaussianBlur(a, a, new Size(3, 3), 0);
        Imgproc.GaussianBlur(b, b, new Size(3, 3), 0);
      }
      check.preprocess(a);
      check.preprocess(b);
      return check.scorePrepared(a, b, coverage, -1);
    } finally {
      a.release();
      b.release();
    }
  }

  /**
   * Warps {@code candidate} onto {@code kept} with {@code t}, scores the overlap and refines with
   * ECC when close; see the class comment.
   *
   * <p>The comparison frame is the kept image, shrunk with area averaging to the candidate's scale
   * when the candidate is smaller than 0.95× the kept image (as {@link PixelDiff} brings the larger
   * image to the smaller one's size).
   *
   * @param t candidate → kept in the two images' own coordinates
   * @throws IllegalArgumentException when {@code t} was made for images of other sizes
   */
  public static AlignedResult compare(
      GrayImage kept, GrayImage candidate, Transform t, PixelDiffParams pp, AlignParams ap) {
    if (t.keptWidth() != kept.width()
        || t.keptHeight() != kept.height()
        || t.candidateWidth() != candidate.width()
        || t.candidateHeight() != candidate.height()) {
      throw new IllegalArgumentException(
          "transform is for candidate "
              + t.candidateWidth()
              + "x"
              + t.candidateHeight()
              + " onto kept "
              + t.keptWidth()
              + "x"
              + t.keptHeight()
              + "; got "
              + candidate
              + " onto "
              + kept);
    }
    OpenCv.load();
    double s = Math.min(1, Math.min(t.scaleX(), t.scaleY()));
    GrayImage frame = kept;
    double[] toFrame = t.matrix();
    if (s < 0.95) {
      frame = shrink(kept, s);
      toFrame =
          Geometry.compose(
              Geometry.pixelScaling(
                  (double) frame.width() / kept.width(), (double) frame.height() / kept.height()),
              toFrame);
    }
    GrayImage candContent = Fill.content(candidate, FILL_LEVEL);
    GrayImage keptContent = Fill.content(frame, FILL_LEVEL);
    Scored first = scoreWarped(frame, keptContent, candidate, candContent, toFrame, pp, ap);
    double limit = pp.fraction();
    DiffResult d = first.diff();
    boolean close =
        d.comparable()
            && d.changedFraction() > limit
            && d.changedFraction() <= ap.eccWindow() * limit;
    Scored best = first;
    boolean refined = false;
    if (ap.eccRefine() && close) {
      double[] better = Ecc.refine(frame, first.warped(), first.coverage(), toFrame);
      if (better != null) {
        Scored second = scoreWarped(frame, keptContent, candidate, candContent, better, pp, ap);
        if (second.diff().comparable()
            && second.diff().changedFraction() < first.diff().changedFraction()) {
          best = second;
          refined = true;
        }
      }
    }
    Transform used = t;
    if (refined) {
      double[] toKept = best.matrix();
      if (frame != kept) {
        toKept =
            Geometry.compose(
                Geometry.pixelScaling(
                    (double) kept.width() / frame.width(), (double) kept.height() / frame.height()),
                toKept);
      }
      used =
          Transform.of(
              toKept,
              t.mirrored(),
              t.inliers(),
              t.matches(),
              t.candidateWidth(),
              t.candidateHeight(),
              t.keptWidth(),
              t.keptHeight());
    }
    DiffResult diff = best.diff();
    if (diff.comparable() && best.overlap() < ap.minOverlap()) {
      diff =
          new DiffResult(
              diff.score(),
              diff.changedFraction(),
              false,
              diff.width(),
              diff.height(),
              diff.regions(),
              null);
    }
    return new AlignedResult(diff, used, best.overlap(), refined);
  }

  private record Scored(
      DiffResult diff, double overlap, double[] matrix, GrayImage warped, GrayImage coverage) {}

  private static Scored scoreWarped(
      GrayImage frame,
      GrayImage frameContent,
      GrayImage candidate,
      GrayImage candContent,
      double[] m,
      PixelDiffParams pp,
      AlignParams ap) {
    GrayImage[] warped =
        Aligner.warp(
            candidate, candContent, m, frame.width(), frame.height(), ap.coverageErosion());
    Mat keptMat = frame.toMat();
    Mat warpedMat = warped[0].toMat();
    Mat cover = warped[1].toMat();
    Mat footprint = warped[2].toMat();
    Mat keptContent = frameContent.toMat();
    try {
      // Overlap against the smaller content footprint, from the unreduced masks.
      int keptArea = Core.countNonZero(keptContent);
      double det = Math.abs(m[0] * m[4] - m[1] * m[3]);
      double candArea = Fill.countNonZero(candContent) * det;
      Core.bitwise_and(footprint, keptContent, footprint);
      double overlap =
          Math.min(1, Core.countNonZero(footprint) / Math.max(1, Math.min(keptArea, candArea)));
      Core.bitwise_and(cover, keptContent, cover);
      DiffResult d = score(keptMat, warpedMat, cover, pp, SMOOTH && !pixelExact(m));
      return new Scored(d, overlap, m, warped[0], GrayImage.of(cover));
    } finally {
      keptMat.release();
      warpedMat.release();
      cover.release();
      footprint.release();
      keptContent.release();
    }
  }

  static final boolean SMOOTH =
      Boolean.parseBoolean(System.getProperty("neardup.align.smooth", "true"));

  /**
   * Whether {@code m} moves whole pixels onto whole pixels (quarter turns, mirrors, integer
   * shifts), so that the warp copies pixels without resampling them.
   */
  static boolean pixelExact(double[] m) {
    for (int i : new int[] {0, 1, 3, 4}) {
      double v = Math.abs(m[i]);
      if (v > 1e-3 && Math.abs(v - 1) > 1e-3) {
        return false;
      }
    }
    return Math.abs(m[2] - Math.rint(m[2])) < 0.05 && Math.abs(m[5] - Math.rint(m[5])) < 0.05;
  }

  private static GrayImage shrink(GrayImage img, double s) {
    int w = Math.max(1, (int) Math.round(img.width() * s));
    int h = Math.max(1, (int) Math.round(img.height() * s));
    Mat src = img.toMat();
    Mat dst = new Mat();
    try {
      Imgproc.resize(src, dst, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
      return GrayImage.of(dst);
    } finally {
      src.release();
      dst.release();
    }
  }

  /** ECC refinement of a registration that is nearly right. */
  static final class Ecc {
    private Ecc() {}

    /**
     * Refines {@code m} (candidate → frame) by aligning {@code warped} to {@code frame} with ECC
     * (affine motion, 50 iterations); null when ECC does not converge or moves too far (more than 2
     * % in the linear part or 4 px), which means the fit was not "nearly right".
     */
    static double[] refine(GrayImage frame, GrayImage warped, GrayImage coverage, double[] m) {
      Mat template = frame.toMat();
      Mat input = warped.toMat();
      Mat mask = coverage.toMat();
      Mat w = Mat.eye(2, 3, CvType.CV_32F);
      try {
        TermCriteria stop = new TermCriteria(TermCriteria.COUNT + TermCriteria.EPS, 50, 1e-4);
        Video.findTransformECC(template, input, w, Video.MOTION_AFFINE, stop, mask, 5);
        float[] v = new float[6];
        w.get(0, 0, v);
        double[] ecc = {v[0], v[1], v[2], v[3], v[4], v[5]};
        if (Math.abs(ecc[0] - 1) > 0.02
            || Math.abs(ecc[4] - 1) > 0.02
            || Math.abs(ecc[1]) > 0.02
            || Math.abs(ecc[3]) > 0.02
            || Math.hypot(ecc[2], ecc[5]) > 4) {
          return null;
        }
        // frame(x) ~ warped(W x) = candidate(M^-1 W x): the new candidate -> frame map is W^-1 M.
        return Geometry.compose(Geometry.invert(ecc), m);
      } catch (CvException e) {
        return null; // did not converge: keep the feature-based fit
      } finally {
        template.release();
        input.release();
        mask.release();
        w.release();
      }
    }
  }
}
