package dev.neardup.verify;

import dev.neardup.image.Box;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Steps 6 to 8 of {@link PixelDiff} on a thresholded mask (255 = changed): enlargement in thumbnail
 * mode, {@link PixelDiffParams#dilateIterations()} 3×3 dilations, external contours, the summed
 * area of those of at least the minimum contour area, and the verdict. Only {@link PixelDiff} calls
 * it (its own steps 4 and 5 come first), so every level scores a mask this one way.
 *
 * <p>Thread-safe: holds only the immutable settings; every native {@link Mat} it creates is
 * released before a call returns.
 */
final class MaskScore {
  private final PixelDiffParams params;

  MaskScore(PixelDiffParams params) {
    this.params = params;
  }

  /**
   * A mask zeroed outside a coverage: scored at its own size with the minimum contour area as
   * given, the fraction of {@code area}'s covered pixels. {@code mask} is overwritten.
   */
  DiffResult scoreCovered(Mat mask, Area area) {
    return contourScore(mask, mask.cols(), mask.rows(), params.minContourArea(), 0, 0, area);
  }

  /**
   * The factor by which a thresholded mask of {@code w × h} is enlarged towards {@code
   * referencePixels} before dilation (see {@link PixelDiff#compareThumbnails}), or null when it is
   * not.
   */
  static Size upscaled(int w, int h, long referencePixels) {
    if (referencePixels <= 0) {
      return null;
    }
    double f =
        Math.min(Math.sqrt((double) referencePixels / ((long) w * h)), PixelDiff.MAX_UPSCALE);
    return f > 1 ? new Size(Math.round(w * f), Math.round(h * f)) : null;
  }

  /** The minimum contour area applied to a mask of {@code w × h} scored at {@code up}. */
  double scaledMinContourArea(int w, int h, Size up, long referencePixels) {
    if (referencePixels <= 0) {
      return params.minContourArea();
    }
    double scored = up == null ? (double) w * h : up.width * up.height;
    return params.minContourArea() * scored / referencePixels;
  }

  /**
   * Steps 6 to 8 on a thresholded mask (255 = changed): enlargement in thumbnail mode, dilation,
   * external contours, score. Shared by {@link PixelDiff#compare} and the fast {@link
   * PixelVerifier}, so that both score a mask the same way. {@code mask} is overwritten.
   *
   * @param referencePixels as for {@link PixelDiff#compareThumbnails}, or -1 to score at the mask's
   *     size
   */
  DiffResult score(Mat mask, long referencePixels) {
    int w = mask.cols();
    int h = mask.rows();
    Size up = upscaled(w, h, referencePixels);
    double minContourArea = scaledMinContourArea(w, h, up, referencePixels);
    if (up != null) {
      // Thumbnail mode: grow the changed-pixel mask back towards the reference resolution so
      // that the fixed 3x3 dilations and contourArea measure what they measure at full size.
      Imgproc.resize(mask, mask, up, 0, 0, Imgproc.INTER_NEAREST);
      w = mask.cols();
      h = mask.rows();
    }
    return contourScore(mask, w, h, minContourArea, 0, 0, Area.frame(w, h));
  }

  /**
   * {@link #score(Mat, long)} on a thresholded mask in heap memory (nonzero = changed), as the fast
   * {@link PixelVerifier} builds it. Without enlargement, dilation and contours run on the bounding
   * box of the changed pixels with a margin instead of the whole frame (a person walking through a
   * 768×576 frame covers a few percent of it); exact, see {@link #contourScore}.
   *
   * @param mask row-major, at least {@code w * h} long, with at least one changed pixel; not
   *     modified
   */
  DiffResult score(byte[] mask, int w, int h, long referencePixels) {
    if (upscaled(w, h, referencePixels) != null) {
      Mat m = new Mat(h, w, CvType.CV_8UC1);
      try {
        m.put(0, 0, mask, 0, w * h);
        return score(m, referencePixels);
      } finally {
        m.release();
      }
    }
    int x0 = w;
    int y0 = h;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < h; y++) {
      int off = y * w;
      for (int x = 0; x < w; x++) {
        if (mask[off + x] != 0) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = y;
        }
      }
    }
    int margin = params.dilateIterations() + 2;
    int left = Math.max(0, x0 - margin);
    int top = Math.max(0, y0 - margin);
    int rw = Math.min(w, x1 + 1 + margin) - left;
    int rh = Math.min(h, y1 + 1 + margin) - top;
    byte[] roi = new byte[rw * rh];
    for (int y = 0; y < rh; y++) {
      System.arraycopy(mask, (top + y) * w + left, roi, y * rw, rw);
    }
    Mat m = new Mat(rh, rw, CvType.CV_8UC1);
    try {
      m.put(0, 0, roi);
      double minArea = scaledMinContourArea(w, h, null, referencePixels);
      return contourScore(m, w, h, minArea, left, top, Area.frame(w, h));
    } finally {
      m.release();
    }
  }

  /**
   * Steps 6 to 8 on {@code mask}, a window at {@code (offX, offY)} of a {@code w × h} mask whose
   * changed pixels all lie inside the window, at least {@code dilateIterations + 2} pixels from
   * every window edge that is not an edge of the whole mask: then dilation and contours see exactly
   * what they would see on the whole mask, and the result (score, regions in whole-mask
   * coordinates, verdict) is the same. {@code mask} is overwritten.
   *
   * @param area the pixels the changed fraction is of, and the form of the test
   */
  private DiffResult contourScore(
      Mat mask, int w, int h, double minContourArea, int offX, int offY, Area area) {
    Mat kernel = null;
    Mat hierarchy = new Mat();
    List<MatOfPoint> contours = new ArrayList<>();
    try {
      if (params.dilateIterations() > 0) {
        kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(3, 3));
        Imgproc.dilate(mask, mask, kernel, new Point(-1, -1), params.dilateIterations());
      }
      Imgproc.findContours(
          mask, contours, hierarchy, Imgproc.RETR_EXTERNAL, Imgproc.CHAIN_APPROX_SIMPLE);
      double total = 0;
      List<Box> regions = new ArrayList<>();
      for (MatOfPoint c : contours) {
        double a = Imgproc.contourArea(c);
        if (a >= minContourArea) {
          total += a;
          Rect r = Imgproc.boundingRect(c);
          regions.add(new Box(r.x + offX, r.y + offY, r.width, r.height));
        }
      }
      return new DiffResult(
          total, total / area.pixels(), area.passes(total, params.fraction()), w, h, regions, null);
    } finally {
      hierarchy.release();
      if (kernel != null) {
        kernel.release();
      }
      for (MatOfPoint c : contours) {
        c.release();
      }
    }
  }

  /**
   * What the summed contour area is a fraction of, and how it is tested against {@code fraction}.
   *
   * @param pixels the denominator of the changed fraction
   * @param ofCoverage the test is {@code score / pixels <= fraction} (the aligned level, on its
   *     covered pixels), else {@code score <= fraction * pixels} (the plain check, on the frame)
   */
  record Area(double pixels, boolean ofCoverage) {
    static Area frame(int w, int h) {
      return new Area((double) w * h, false);
    }

    static Area covered(int covered) {
      return new Area(covered, true);
    }

    boolean passes(double total, double fraction) {
      return ofCoverage ? total / pixels <= fraction : total <= fraction * pixels;
    }
  }
}
