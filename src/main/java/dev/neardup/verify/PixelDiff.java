package dev.neardup.verify;

import dev.neardup.decode.Grayscale;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.Mat;
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
  private final MaskScore masks;

  /** A checker with the given settings (already validated by {@link PixelDiffParams}). */
  public PixelDiff(PixelDiffParams params) {
    if (params == null) {
      throw new NullPointerException("params must not be null");
    }
    this.params = params;
    this.masks = new MaskScore(params);
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
        resize(large, w, h);
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
   * Step 1's resize of the larger image of a pair to the smaller's {@code w × h}, in place: area
   * interpolation. One method, so that {@link #resizedTo} gives exactly the pixels a check
   * compares.
   */
  private static void resize(Mat large, int w, int h) {
    Imgproc.resize(large, large, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
  }

  /**
   * {@code image} brought to {@code w × h} exactly as {@link #compareThumbnails} brings the larger
   * image of a pair to the smaller's size before comparing them: the same pixels, so that whatever
   * holds for the same-size check of the smaller image and this one holds for the pair itself (the
   * signature bound, {@code group/ResizedProbe}).
   *
   * @return {@code image} itself when it already is {@code w × h}
   */
  public static GrayImage resizedTo(GrayImage image, int w, int h) {
    if (image.width() == w && image.height() == h) {
      return image;
    }
    OpenCv.load();
    Mat m = image.toMat();
    try {
      resize(m, w, h);
      return GrayImage.of(m);
    } finally {
      m.release();
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
   * The row-major pixels the fast {@link PixelVerifier} compares: {@code g}'s own pixels, not a
   * copy, when no blur is set; else the blurred frame (a copy, through {@link #preprocess}). The
   * {@link BorderMask} strips are not painted: the fast check reads only the unmasked rectangle
   * ({@link #unmasked}), where the strips would make both images black and so equal, and skipping
   * them gives the same changed pixels. Why not a masked copy: it doubled what a cached prepared
   * image weighs. Not to be modified.
   */
  byte[] checkedPixels(GrayImage g) {
    return params.blurKernels().isEmpty() ? g.pixels() : maskedCopy(g);
  }

  /**
   * {@code g} after blur and border mask as {@link #preprocess} makes it, as a new row-major array:
   * what {@code OpenCvPixelCheck}, the fast check's oracle, compares in full.
   */
  byte[] maskedCopy(GrayImage g) {
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

  /**
   * The rectangle {@code [x0, x1) × [y0, y1)} of a {@code w × h} frame that the border mask leaves,
   * as {@code {x0, y0, x1, y1}} (empty when the strips cover the frame).
   */
  int[] unmasked(int w, int h) {
    BorderMask m = params.mask();
    int x0 = Math.min(w, m.leftPixels(w));
    int y0 = Math.min(h, m.topPixels(h));
    int x1 = Math.max(x0, w - m.rightPixels(w));
    int y1 = Math.max(y0, h - m.bottomPixels(h));
    return new int[] {x0, y0, x1, y1};
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
    MaskScore.Area area = null;
    if (coverage != null) {
      if (referencePixels > 0) {
        throw new IllegalArgumentException("a coverage mask is scored at its own size");
      }
      int covered = Core.countNonZero(coverage);
      if (covered == 0) {
        throw new IllegalArgumentException("the coverage mask covers no pixel");
      }
      area = MaskScore.Area.covered(covered);
    }
    Mat diff = new Mat();
    try {
      Core.absdiff(a, b, diff);
      if (coverage != null) {
        Core.bitwise_and(diff, coverage, diff);
      }
      Imgproc.threshold(diff, diff, params.binaryThreshold(), 255, Imgproc.THRESH_BINARY);
      return area == null ? masks.score(diff, referencePixels) : masks.scoreCovered(diff, area);
    } finally {
      diff.release();
    }
  }

  /**
   * Steps 6 to 8 on a thresholded mask in heap memory (nonzero = changed), as the fast {@link
   * PixelVerifier} builds it: see {@link MaskScore#score(byte[], int, int, long)}.
   */
  DiffResult scoreMask(byte[] mask, int w, int h, long referencePixels) {
    return masks.score(mask, w, h, referencePixels);
  }

  /**
   * The minimum contour area that {@link #scoreMask} applies to a {@code w × h} mask that is not
   * enlarged: the one expression, so that another scorer of the same mask applies the same double.
   */
  double unscaledMaskMinContourArea(int w, int h, long referencePixels) {
    return masks.scaledMinContourArea(w, h, null, referencePixels);
  }

  /**
   * The size a thresholded mask of {@code w × h} is enlarged to towards {@code referencePixels}
   * before dilation (see {@link #compareThumbnails}), or null when it is not.
   */
  static Size upscaled(int w, int h, long referencePixels) {
    return MaskScore.upscaled(w, h, referencePixels);
  }
}
