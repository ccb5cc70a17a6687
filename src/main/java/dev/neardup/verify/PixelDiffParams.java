package dev.neardup.verify;

import java.util.List;

/**
 * Settings of the pixel-diff check ({@link PixelDiff}); validated on construction so that a bad
 * setting fails when the configuration is read, not on the millionth pair.
 *
 * @param blurKernels Gaussian blur kernel sizes applied one after another to both grayscale frames
 *     (an {@code r×r} kernel, sigma derived from the size); each odd and positive; empty for none.
 *     Sizes are in pixels of the compared resolution, also when comparing thumbnails.
 * @param mask border strips painted black before differencing
 * @param binaryThreshold a pixel counts as changed when the absolute difference is strictly greater
 *     than this, in {@code [0, 254]}
 * @param dilateIterations how many times the changed-pixel mask is dilated with a 3×3 square
 *     kernel, {@code >= 0}
 * @param minContourArea changed regions with a contour area below this (pixels² at full resolution;
 *     see {@link PixelDiff#compareThumbnails} for scaling) are ignored as noise, {@code >= 0}
 * @param fraction the pair is a duplicate when the counted area is at most this fraction of the
 *     frame, in {@code [0, 1]}
 * @param aspectTolerance largest relative aspect-ratio difference {@code |ra - rb| / min(ra, rb)}
 *     still compared, in {@code [0, 1]}
 */
public record PixelDiffParams(
    List<Integer> blurKernels,
    BorderMask mask,
    int binaryThreshold,
    int dilateIterations,
    double minContourArea,
    double fraction,
    double aspectTolerance) {

  /**
   * Default minimum contour area, in pixels² at full resolution: 0, every changed region counts.
   *
   * <p>Why: that is the classic check as its users run it (sum of all contour areas), and what the
   * shipped {@code config/neardup.yaml} always said. It also lets the exact pruning of {@link
   * PixelVerifier} work: with an area above 0 no lower bound on the score follows from the changed
   * pixels, so every pair is checked in full. A user who wants to ignore specks sets it (25 drops
   * the 5×5 blob that one changed pixel grows into after two dilations).
   */
  public static final double DEFAULT_MIN_CONTOUR_AREA = 0;

  /**
   * Smallest comparable size, in pixels: every verify level refuses a pair ("not comparable", with
   * the reason) when either image, as given or as compared (the stored verification image, after
   * the larger is brought to the smaller one's size), is narrower or lower than this.
   *
   * <p>Why: the pixel check resizes one image to the other, so a 1×1 or 4×4 image "matches" any
   * photo of its mean colour, and on a few pixels the border mask and two dilations cover the whole
   * frame, so every difference vanishes (a black and a white 1×1 image were "duplicates"). Local
   * features need some room too: AKAZE throws on an image a few pixels high. 16 px keeps the masked
   * frame at least 13 px high and leaves the dilation rim under a third of it; only byte-identical
   * copies of smaller images are found (by their SHA-256).
   */
  public static final int MIN_COMPARABLE_SIDE = 16;

  /**
   * Largest size ratio compared: the square root of the ratio of the two originals' pixel counts
   * (the linear scale between them). Beyond it a pair is "not comparable" at every level.
   *
   * <p>Why 16: a 640×480 photo and its 6000×4000 enlargement are 8.8 apart and must be compared; a
   * 40×30 icon and a 12-megapixel photo (100 apart) share no detail that a pixel check or local
   * features could judge.
   */
  public static final double MAX_SIZE_RATIO = 16;

  /**
   * Validates every setting and copies {@code blurKernels}.
   *
   * @throws IllegalArgumentException naming the first bad setting and its value
   * @throws NullPointerException when {@code blurKernels}, one of its elements, or {@code mask} is
   *     null
   */
  public PixelDiffParams {
    blurKernels = List.copyOf(blurKernels);
    for (int k : blurKernels) {
      if (k <= 0 || k % 2 == 0) {
        throw new IllegalArgumentException(
            "blur kernel sizes must be odd and positive; got " + k + " in " + blurKernels);
      }
    }
    if (mask == null) {
      throw new NullPointerException("mask must not be null (use BorderMask.NONE for no mask)");
    }
    if (binaryThreshold < 0 || binaryThreshold > 254) {
      throw new IllegalArgumentException(
          "binary_threshold must be in [0, 254]; got " + binaryThreshold);
    }
    if (dilateIterations < 0) {
      throw new IllegalArgumentException("dilate_iterations must be >= 0; got " + dilateIterations);
    }
    if (!(minContourArea >= 0) || Double.isInfinite(minContourArea)) {
      throw new IllegalArgumentException(
          "min_contour_area must be >= 0 and finite; got " + minContourArea);
    }
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1]; got " + fraction);
    }
    if (!(aspectTolerance >= 0 && aspectTolerance <= 1)) {
      throw new IllegalArgumentException(
          "aspect_tolerance must be in [0, 1]; got " + aspectTolerance);
    }
  }

  /**
   * The users' settings: no blur, mask {@code 5,10,5,0}, threshold 45, two dilations, {@link
   * #DEFAULT_MIN_CONTOUR_AREA}, fraction 0.05, aspect tolerance 0.02.
   */
  public static PixelDiffParams defaults() {
    return new PixelDiffParams(
        List.of(), BorderMask.DEFAULT, 45, 2, DEFAULT_MIN_CONTOUR_AREA, 0.05, 0.02);
  }

  /** A copy with other blur kernels. */
  public PixelDiffParams withBlurKernels(List<Integer> kernels) {
    return new PixelDiffParams(
        kernels,
        mask,
        binaryThreshold,
        dilateIterations,
        minContourArea,
        fraction,
        aspectTolerance);
  }

  /** A copy with another border mask. */
  public PixelDiffParams withMask(BorderMask m) {
    return new PixelDiffParams(
        blurKernels,
        m,
        binaryThreshold,
        dilateIterations,
        minContourArea,
        fraction,
        aspectTolerance);
  }

  /** A copy with another minimum contour area. */
  public PixelDiffParams withMinContourArea(double area) {
    return new PixelDiffParams(
        blurKernels, mask, binaryThreshold, dilateIterations, area, fraction, aspectTolerance);
  }

  /** A copy with another duplicate fraction. */
  public PixelDiffParams withFraction(double f) {
    return new PixelDiffParams(
        blurKernels, mask, binaryThreshold, dilateIterations, minContourArea, f, aspectTolerance);
  }
}
