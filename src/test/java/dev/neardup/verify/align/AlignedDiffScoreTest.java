package dev.neardup.verify.align;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.Box;
import dev.neardup.verify.BorderMask;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * {@link AlignedDiff#score} through the shared {@link PixelDiff#scorePrepared} gives, bit for bit,
 * what the aligned level's own copy of the check gave before it was shared: {@link #reference} is
 * that copy, kept here verbatim (blur when interpolated, preprocess, absdiff, coverage, threshold,
 * dilate, contours, {@code score / covered <= fraction}).
 */
class AlignedDiffScoreTest {
  static {
    OpenCv.load();
  }

  @Test
  void the_shared_check_scores_a_coverage_exactly_as_the_aligned_level_did() {
    Random rnd = new Random(16);
    List<PixelDiffParams> settings =
        List.of(
            PixelDiffParams.defaults(),
            PixelDiffParams.defaults().withMask(BorderMask.NONE),
            PixelDiffParams.defaults().withBlurKernels(List.of(3, 5)).withMinContourArea(25),
            PixelDiffParams.defaults().withMinContourArea(4).withFraction(0.01));
    int cases = 0;
    int scored = 0;
    int failing = 0;
    for (int i = 0; i < 40; i++) {
      int w = 40 + rnd.nextInt(120);
      int h = 40 + rnd.nextInt(120);
      Mat kept = texture(w, h, rnd);
      Mat warped = edited(kept, rnd);
      Mat cover = coverage(w, h, rnd);
      try {
        for (PixelDiffParams pp : settings) {
          for (boolean interpolated : new boolean[] {false, true}) {
            DiffResult want = reference(kept, warped, cover, pp, interpolated);
            scored += want.comparable() && want.score() > 0 ? 1 : 0;
            failing += want.comparable() && !want.duplicate() ? 1 : 0;
            assertSame(want, AlignedDiff.score(kept, warped, cover, pp, interpolated));
            // At the threshold itself, where the two forms of the test could round apart.
            if (want.comparable() && want.changedFraction() > 0) {
              PixelDiffParams at = pp.withFraction(want.changedFraction());
              DiffResult wantAt = reference(kept, warped, cover, at, interpolated);
              assertSame(wantAt, AlignedDiff.score(kept, warped, cover, at, interpolated));
            }
            cases++;
          }
        }
      } finally {
        kept.release();
        warped.release();
        cover.release();
      }
    }
    assertEquals(40 * 4 * 2, cases);
    // The cases are not all trivial: many pairs have changed regions, and some fail.
    assertTrue(scored > cases / 2, "pairs with a score: " + scored);
    assertTrue(failing > 0, "failing pairs: " + failing);
  }

  private static void assertSame(DiffResult want, DiffResult got) {
    assertEquals(want.score(), got.score());
    assertEquals(want.changedFraction(), got.changedFraction());
    assertEquals(want.duplicate(), got.duplicate());
    assertEquals(want.width(), got.width());
    assertEquals(want.height(), got.height());
    assertEquals(want.regions(), got.regions());
    assertEquals(want.note(), got.note());
  }

  /** Smooth random gray: blurred noise, so that edits leave regions of several sizes. */
  private static Mat texture(int w, int h, Random rnd) {
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    byte[] px = new byte[w * h];
    rnd.nextBytes(px);
    m.put(0, 0, px);
    Imgproc.GaussianBlur(m, m, new Size(7, 7), 0);
    return m;
  }

  /** A copy with a few rectangles brightened or darkened and some speckle. */
  private static Mat edited(Mat kept, Random rnd) {
    Mat m = kept.clone();
    int w = m.cols();
    int h = m.rows();
    for (int r = rnd.nextInt(5); r > 0; r--) {
      int rw = 1 + rnd.nextInt(w / 3);
      int rh = 1 + rnd.nextInt(h / 3);
      Mat roi = m.submat(new Rect(rnd.nextInt(w - rw), rnd.nextInt(h - rh), rw, rh));
      Core.add(roi, new Scalar(rnd.nextBoolean() ? 90 : -90), roi);
      roi.release();
    }
    for (int s = rnd.nextInt(30); s > 0; s--) {
      m.put(rnd.nextInt(h), rnd.nextInt(w), new byte[] {(byte) rnd.nextInt(256)});
    }
    return m;
  }

  /** 255 on a random rectangle (sometimes the whole frame, sometimes nothing), 0 elsewhere. */
  private static Mat coverage(int w, int h, Random rnd) {
    Mat m = Mat.zeros(h, w, CvType.CV_8UC1);
    int kind = rnd.nextInt(10);
    if (kind == 0) {
      return m;
    }
    if (kind == 1) {
      m.setTo(new Scalar(255)).release();
      return m;
    }
    int rw = 1 + rnd.nextInt(w);
    int rh = 1 + rnd.nextInt(h);
    Mat roi = m.submat(new Rect(rnd.nextInt(w - rw + 1), rnd.nextInt(h - rh + 1), rw, rh));
    roi.setTo(new Scalar(255)).release();
    roi.release();
    return m;
  }

  /** The aligned level's check as it was written before it called {@link PixelDiff}. */
  private static DiffResult reference(
      Mat kept, Mat warped, Mat coverage, PixelDiffParams pp, boolean interpolated) {
    int w = kept.cols();
    int h = kept.rows();
    int covered = Core.countNonZero(coverage);
    if (covered == 0) {
      return DiffResult.notComparable(w, h, "the registered images do not overlap");
    }
    Mat a = kept.clone();
    Mat b = warped.clone();
    Mat diff = new Mat();
    Mat hierarchy = new Mat();
    Mat kernel = null;
    List<MatOfPoint> contours = new ArrayList<>();
    try {
      if (interpolated) {
        Imgproc.GaussianBlur(a, a, new Size(3, 3), 0);
        Imgproc.GaussianBlur(b, b, new Size(3, 3), 0);
      }
      preprocess(a, pp);
      preprocess(b, pp);
      Core.absdiff(a, b, diff);
      Core.bitwise_and(diff, coverage, diff);
      Imgproc.threshold(diff, diff, pp.binaryThreshold(), 255, Imgproc.THRESH_BINARY);
      if (pp.dilateIterations() > 0) {
        kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        Imgproc.dilate(diff, diff, kernel, new Point(-1, -1), pp.dilateIterations());
      }
      Imgproc.findContours(
          diff, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
      double total = 0;
      List<Box> regions = new ArrayList<>();
      for (MatOfPoint c : contours) {
        double area = Imgproc.contourArea(c);
        if (area >= pp.minContourArea()) {
          total += area;
          Rect r = Imgproc.boundingRect(c);
          regions.add(new Box(r.x, r.y, r.width, r.height));
        }
      }
      double fraction = total / covered;
      return new DiffResult(total, fraction, fraction <= pp.fraction(), w, h, regions, null);
    } finally {
      a.release();
      b.release();
      diff.release();
      hierarchy.release();
      if (kernel != null) {
        kernel.release();
      }
      contours.forEach(Mat::release);
    }
  }

  private static void preprocess(Mat gray, PixelDiffParams pp) {
    for (int k : pp.blurKernels()) {
      Imgproc.GaussianBlur(gray, gray, new Size(k, k), 0);
    }
    BorderMask m = pp.mask();
    int w = gray.cols();
    int h = gray.rows();
    fill(gray, 0, 0, m.leftPixels(w), h);
    fill(gray, 0, 0, w, m.topPixels(h));
    fill(gray, w - m.rightPixels(w), 0, m.rightPixels(w), h);
    fill(gray, 0, h - m.bottomPixels(h), w, m.bottomPixels(h));
  }

  private static void fill(Mat gray, int x, int y, int w, int h) {
    if (w <= 0 || h <= 0) {
      return;
    }
    Mat roi = gray.submat(new Rect(x, y, w, h));
    try {
      roi.setTo(new Scalar(0)).release();
    } finally {
      roi.release();
    }
  }
}
