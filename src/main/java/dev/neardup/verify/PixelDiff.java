package dev.neardup.verify;

import dev.neardup.decode.Grayscale;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.Box;
import dev.neardup.image.GrayImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
 * The classic pixel-difference near-duplicate check, reproduced step for step:
 *
 * <ol>
 *   <li>both images to grayscale, then the larger resized to the smaller one's size ({@code
 *       INTER_AREA}); pairs whose aspect ratios differ by more than {@link
 *       PixelDiffParams#aspectTolerance()} (relative) are not compared;
 *   <li>for each kernel size {@code r} in {@link PixelDiffParams#blurKernels()}, a Gaussian blur
 *       with an {@code r×r} kernel and sigma 0 (derived from {@code r} by OpenCV);
 *   <li>the {@link BorderMask} strips painted black in both frames;
 *   <li>the absolute difference of the two frames;
 *   <li>a binary threshold: differences strictly greater than {@link
 *       PixelDiffParams#binaryThreshold()} become 255, the rest 0;
 *   <li>{@link PixelDiffParams#dilateIterations()} dilations with a 3×3 square kernel;
 *   <li>external contours; the score is the sum of {@code Imgproc.contourArea} over the contours
 *       whose area is at least the minimum contour area;
 *   <li>duplicate when {@code score <= fraction * width * height}.
 * </ol>
 *
 * <p>This is the check as defined, on any two images; what neardup compares at all (the smallest
 * comparable size, the largest size ratio) is decided before it, by every level of the verifier
 * chain ({@link Verifier}).
 *
 * <p>Note that {@code contourArea} is the area of the polygon through the boundary pixels' centres,
 * so a solid {@code w×h} blob scores {@code (w-1)*(h-1)}, and a single isolated pixel scores 0
 * unless dilation grows it.
 *
 * <p>Thread-safe: holds only its immutable parameters; every native {@link Mat} a call creates is
 * released before it returns, also on exceptions.
 */
public final class PixelDiff {
  /**
   * Largest linear factor by which {@link #compareThumbnails} grows the changed-pixel mask back
   * towards the reference resolution: bounds the work for very large originals (a 160-px thumbnail
   * is scored at most at 1280 px).
   */
  public static final double MAX_UPSCALE = 8;

  private final PixelDiffParams params;

  /** A checker with the given settings (already validated by {@link PixelDiffParams}). */
  public PixelDiff(PixelDiffParams params) {
    if (params == null) {
      throw new NullPointerException("params must not be null");
    }
    this.params = params;
    OpenCv.load();
  }

  /** The settings this checker applies. */
  public PixelDiffParams params() {
    return params;
  }

  /**
   * Compares two decoded images at their own resolution (the larger brought to the smaller's size),
   * with {@link PixelDiffParams#minContourArea()} taken as is, in pixels² of that resolution.
   *
   * @param a 8-bit gray, BGR or BGRA; not modified
   * @param b 8-bit gray, BGR or BGRA; not modified
   * @throws IllegalArgumentException when an image is empty or of an unsupported type
   */
  public DiffResult compare(Mat a, Mat b) {
    return run(a, b, -1);
  }

  /**
   * Compares two heap grayscale images at their own resolution, like {@link #compare(Mat, Mat)};
   * {@code minContourArea} is not scaled.
   */
  public DiffResult compare(GrayImage a, GrayImage b) {
    return runGray(a, b, -1);
  }

  /**
   * Compares two stored thumbnails so that the verdict approximates {@link #compare(Mat, Mat)} on
   * the full-resolution originals, with {@link PixelDiffParams#minContourArea()} given in pixels²
   * at the reference (full) resolution.
   *
   * <p>Steps 1 to 5 (gray, blur, mask, difference, threshold) run on the thumbnails. Running the
   * rest there too would not agree with full resolution: the two 3×3 dilations add a 2-pixel rim to
   * every changed region whatever the resolution, so on a 160-px thumbnail of a 768-px frame they
   * grow each region by ~10 full-resolution pixels per side, and small moving objects that score
   * under 5% at full size score over it (measured: 0% agreement on the {@code vtest} pairs 20
   * frames apart, even at 320 px). So the thresholded mask is first enlarged with nearest-neighbour
   * sampling by the linear factor {@code f = min(sqrt(referencePixels / thumbnailPixels), }{@link
   * #MAX_UPSCALE}{@code )} (not at all when {@code f <= 1}), and dilation, contours and scoring run
   * at that size; this costs a fraction of a millisecond at 768×576 and never decodes anything.
   *
   * <p>Scaling of min_contour_area: contour areas grow with the pixel count, so the threshold
   * applied is {@code minContourArea * scoredPixels / referencePixels}, where {@code scoredPixels}
   * is {@code width * height} of the mask that is scored (reported in {@link DiffResult#width()}
   * and {@link DiffResult#height()}). When {@code f} is not capped the scored size is the reference
   * size up to rounding and the area is used as given (e.g. 25 px² for a 768×576 original compared
   * from 160×120 thumbnails, scored at 768×576); when it is capped, e.g. a 4000×3000 original
   * scored at 1280×960, it becomes 25 × 1280·960 / (4000·3000) = 2.56 px²; when the thumbnail is
   * not smaller than the reference, it is 25 × thumbnailPixels / referencePixels. The score and the
   * regions are in the scored resolution; {@link DiffResult#changedFraction()} is comparable across
   * resolutions. Blur kernel sizes are applied in thumbnail pixels as given.
   *
   * @param a thumbnail of one image, e.g. from {@link Thumbnails#gray(Mat, int)}
   * @param b thumbnail of the other image
   * @param referencePixels pixel count of the full-resolution image the pair stands for (normally
   *     the smaller original's {@code width * height}), &gt; 0
   * @throws IllegalArgumentException when {@code referencePixels <= 0}
   */
  public DiffResult compareThumbnails(GrayImage a, GrayImage b, long referencePixels) {
    if (referencePixels <= 0) {
      throw new IllegalArgumentException("referencePixels must be > 0; got " + referencePixels);
    }
    return runGray(a, b, referencePixels);
  }

  private DiffResult runGray(GrayImage a, GrayImage b, long referencePixels) {
    Mat ma = a.toMat();
    Mat mb = null;
    try {
      mb = b.toMat();
      return run(ma, mb, referencePixels);
    } finally {
      ma.release();
      if (mb != null) {
        mb.release();
      }
    }
  }

  private DiffResult run(Mat a, Mat b, long referencePixels) {
    Mat ga = Grayscale.copyOf(a);
    Mat gb = null;
    try {
      gb = Grayscale.copyOf(b);
      // The smaller image (by pixel count) sets the compared size.
      boolean aSmaller = (long) ga.cols() * ga.rows() <= (long) gb.cols() * gb.rows();
      Mat small = aSmaller ? ga : gb;
      Mat large = aSmaller ? gb : ga;
      int w = small.cols();
      int h = small.rows();
      double ra = (double) small.cols() / small.rows();
      double rb = (double) large.cols() / large.rows();
      double relative = Math.abs(ra - rb) / Math.min(ra, rb);
      if (relative > params.aspectTolerance()) {
        return DiffResult.notComparable(
            w,
            h,
            String.format(
                Locale.ROOT,
                "aspect ratios differ: %dx%d vs %dx%d (relative difference %.4f > tolerance %s)",
                ga.cols(),
                ga.rows(),
                gb.cols(),
                gb.rows(),
                relative,
                params.aspectTolerance()));
      }
      if (large.cols() != w || large.rows() != h) {
        Imgproc.resize(large, large, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
      }
      preprocess(ga);
      preprocess(gb);
      return scorePrepared(ga, gb, null, referencePixels);
    } finally {
      ga.release();
      if (gb != null) {
        gb.release();
      }
    }
  }

  /**
   * Steps 2 and 3 on one frame, in place: the Gaussian blurs, then the {@link BorderMask} strips
   * painted black. Every level runs this one preprocessing (the aligned level on its kept frame and
   * its warped candidate).
   *
   * @param gray 8-bit single-channel frame, overwritten
   */
  public void preprocess(Mat gray) {
    for (int k : params.blurKernels()) {
      Imgproc.GaussianBlur(gray, gray, new Size(k, k), 0);
    }
    Scalar black = new Scalar(0);
    for (Rect r : strips(gray.cols(), gray.rows())) {
      fill(gray, r, black);
    }
  }

  /**
   * {@link #preprocess} on a heap image, as the row-major pixels the fast {@link PixelVerifier}
   * compares. Without a blur the strips are painted in Java (the same pixels, without two copies
   * through native memory); with one, the frame goes through {@link #preprocess}.
   */
  byte[] preprocessed(GrayImage g) {
    if (!params.blurKernels().isEmpty()) {
      Mat m = g.toMat();
      try {
        preprocess(m);
        byte[] out = new byte[g.pixelCount()];
        m.get(0, 0, out);
        return out;
      } finally {
        m.release();
      }
    }
    int w = g.width();
    byte[] out = g.pixels().clone();
    for (Rect r : strips(w, g.height())) {
      for (int y = r.y; y < r.y + r.height; y++) {
        Arrays.fill(out, y * w + r.x, y * w + r.x + r.width, (byte) 0);
      }
    }
    return out;
  }

  /** The border strips of a {@code w × h} frame: left, top, right, bottom; empty ones left out. */
  private List<Rect> strips(int w, int h) {
    BorderMask m = params.mask();
    List<Rect> out = new ArrayList<>(4);
    Rect[] all = {
      new Rect(0, 0, m.leftPixels(w), h),
      new Rect(0, 0, w, m.topPixels(h)),
      new Rect(w - m.rightPixels(w), 0, m.rightPixels(w), h),
      new Rect(0, h - m.bottomPixels(h), w, m.bottomPixels(h))
    };
    for (Rect r : all) {
      if (r.width > 0 && r.height > 0) {
        out.add(r);
      }
    }
    return out;
  }

  private static void fill(Mat gray, Rect r, Scalar value) {
    Mat roi = gray.submat(r);
    try {
      // setTo returns a second header of the same buffer: release it too, or the whole frame
      // stays allocated until a finalizer runs (measured: ~0.9 MB per 768x576 pair).
      roi.setTo(value).release();
    } finally {
      roi.release();
    }
  }

  /**
   * Steps 4 to 8 on two frames of one size that went through {@link #preprocess}: the one
   * implementation of the check from the difference on, for the plain and the aligned level.
   *
   * <p>Without a coverage mask every pixel is compared; the changed fraction is of the scored frame
   * and the test is {@code score <= fraction * width * height}. With one, the absolute difference
   * is zeroed outside it before the threshold, the fraction is of the covered pixels and the test
   * is {@code score / covered <= fraction}; the two forms are kept as the levels always had them,
   * since they can round apart on a pair at the threshold.
   *
   * @param a prepared frame, not modified
   * @param b prepared frame of {@code a}'s size, not modified
   * @param coverage null, or 255 where the pixels are compared and 0 elsewhere, of {@code a}'s size
   *     with at least one covered pixel; not modified
   * @param referencePixels as for {@link #compareThumbnails}, or -1 to score at the frames' size
   *     (always -1 with a coverage: a coverage is not enlarged)
   * @throws IllegalArgumentException with a coverage and {@code referencePixels > 0}, or an empty
   *     coverage
   */
  public DiffResult scorePrepared(Mat a, Mat b, Mat coverage, long referencePixels) {
    Area area = null;
    if (coverage != null) {
      if (referencePixels > 0) {
        throw new IllegalArgumentException("a coverage mask is scored at its own size");
      }
      int covered = Core.countNonZero(coverage);
      if (covered == 0) {
        throw new IllegalArgumentException("the coverage mask covers no pixel");
      }
      area = Area.covered(covered);
    }
    Mat diff = new Mat();
    try {
      Core.absdiff(a, b, diff);
      if (coverage != null) {
        Core.bitwise_and(diff, coverage, diff);
      }
      Imgproc.threshold(diff, diff, params.binaryThreshold(), 255, Imgproc.THRESH_BINARY);
      if (area != null) {
        return contourScore(diff, diff.cols(), diff.rows(), params.minContourArea(), 0, 0, area);
      }
      return scoreMask(diff, referencePixels);
    } finally {
      diff.release();
    }
  }

  /**
   * The factor by which a thresholded mask of {@code w × h} is enlarged towards {@code
   * referencePixels} before dilation (see {@link #compareThumbnails}), or null when it is not.
   */
  static Size upscaled(int w, int h, long referencePixels) {
    if (referencePixels <= 0) {
      return null;
    }
    double f = Math.min(Math.sqrt((double) referencePixels / ((long) w * h)), MAX_UPSCALE);
    return f > 1 ? new Size(Math.round(w * f), Math.round(h * f)) : null;
  }

  /** The minimum contour area applied to a mask of {@code w × h} scored at {@code up}. */
  private double scaledMinContourArea(int w, int h, Size up, long referencePixels) {
    if (referencePixels <= 0) {
      return params.minContourArea();
    }
    double scored = up == null ? (double) w * h : up.width * up.height;
    return params.minContourArea() * scored / referencePixels;
  }

  /**
   * Steps 6 to 8 on a thresholded mask (255 = changed): enlargement in thumbnail mode, dilation,
   * external contours, score. Shared by {@link #compare} and the fast {@link PixelVerifier}, so
   * that both score a mask the same way. {@code mask} is overwritten.
   *
   * @param referencePixels as for {@link #compareThumbnails}, or -1 to score at the mask's size
   */
  DiffResult scoreMask(Mat mask, long referencePixels) {
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
   * {@link #scoreMask(Mat, long)} on a thresholded mask in heap memory (nonzero = changed), as the
   * fast {@link PixelVerifier} builds it. Without enlargement, dilation and contours run on the
   * bounding box of the changed pixels with a margin instead of the whole frame (a person walking
   * through a 768×576 frame covers a few percent of it); exact, see {@link #contourScore}.
   *
   * @param mask row-major, at least {@code w * h} long, with at least one changed pixel; not
   *     modified
   */
  DiffResult scoreMask(byte[] mask, int w, int h, long referencePixels) {
    if (upscaled(w, h, referencePixels) != null) {
      Mat m = new Mat(h, w, CvType.CV_8UC1);
      try {
        m.put(0, 0, mask, 0, w * h);
        return scoreMask(m, referencePixels);
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
  private record Area(double pixels, boolean ofCoverage) {
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
