package dev.neardup.image;

import dev.neardup.decode.Grayscale;
import dev.neardup.decode.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Makes the grayscale thumbnails that the index stores for pixel-diff verification.
 *
 * <p>Why thumbnails: verifying a candidate pair from stored thumbnails avoids decoding both
 * originals again (a 1080p JPEG costs ~18 ms to decode, a 160-px thumbnail comparison well under
 * one). {@link #DEFAULT_MAX_SIDE} is the smallest longer side at which thumbnail verdicts agreed
 * with full-resolution verdicts on at least 99% of the measured pairs (see {@code
 * ThumbnailAgreementBench} in the tests).
 */
public final class Thumbnails {

  /**
   * Default longer side of a stored thumbnail, in pixels: the smallest measured size with at least
   * 99% verdict agreement against full resolution, with the default settings, on 2,348 pairs (all
   * gap-1/5/20 pairs of {@code cctv/pets2001} and {@code cctv/vtest}, the 300 within-group UKBench
   * pairs): 96 px 98.1%, 128 px 98.6%, 160 px 99.2%, 192 px 99.3%, 256 px 99.4%, 320 px 100%. A
   * 160×120 thumbnail is 19,200 bytes.
   */
  public static final int DEFAULT_MAX_SIDE = 320;

  /**
   * Images with at most this many pixels (800×600; every CCTV frame size in {@code ../shared/data},
   * 768×576 included) are stored for verification at their full resolution, so that the stored
   * check <em>is</em> the full-resolution check of {@code neardup compare}. Why: a 160-px thumbnail
   * averages away small moving objects, and at strict fractions (0.002–0.02) it kept 194 frames of
   * a camera sequence where the full-resolution check kept 306. Cost: 442 KB per 768×576 frame in
   * the index instead of 19 KB.
   */
  public static final long FULL_RESOLUTION_PIXELS = 480_000;

  /**
   * The shorter side the model's input needs from a decoded image: torchvision's eval transform
   * resizes the shorter side to 256 before cropping 224.
   */
  public static final int EMBEDDING_SHORTER_SIDE = 256;

  private Thumbnails() {}

  /**
   * The fewest pixels the shorter side of a decoded JPEG may keep ({@link
   * dev.neardup.decode.ImageDecoder#decode(java.nio.file.Path, int, long)}) so that the
   * verification image of longer side {@code maxSide}, and the model's input when there is a model,
   * get every pixel they use. Indexing and {@link FilePixels} decode with it alike, so that a file
   * read again gives the verification image it was indexed with.
   */
  public static int decodeMinSide(int maxSide, boolean modelInput) {
    return modelInput ? Math.max(EMBEDDING_SHORTER_SIDE, maxSide) : maxSide;
  }

  /**
   * Converts to grayscale and shrinks with {@code INTER_AREA} so that the longer side is at most
   * {@code maxSide}; never upscales (an image already small enough is only converted).
   *
   * <p>The shorter side is rounded to the nearest pixel and is at least 1, so two images with the
   * same aspect ratio get the same thumbnail size.
   *
   * @param image 8-bit BGR, BGRA or grayscale, as OpenCV decodes it; not modified
   * @param maxSide largest allowed width or height, &gt; 0
   * @throws IllegalArgumentException when {@code maxSide <= 0} or the image is empty or not 8-bit
   *     with 1, 3 or 4 channels
   */
  public static GrayImage gray(Mat image, int maxSide) {
    if (maxSide <= 0) {
      throw new IllegalArgumentException("thumbnail max side must be > 0; got " + maxSide);
    }
    OpenCv.load();
    Mat gray = Grayscale.copyOf(image);
    try {
      int w = gray.cols();
      int h = gray.rows();
      int longer = Math.max(w, h);
      if (longer <= maxSide) {
        return GrayImage.of(gray);
      }
      double scale = (double) maxSide / longer;
      int tw = w >= h ? maxSide : Math.max(1, (int) Math.round(w * scale));
      int th = h > w ? maxSide : Math.max(1, (int) Math.round(h * scale));
      Mat small = new Mat();
      try {
        Imgproc.resize(gray, small, new Size(tw, th), 0, 0, Imgproc.INTER_AREA);
        return GrayImage.of(small);
      } finally {
        small.release();
      }
    } finally {
      gray.release();
    }
  }

  /**
   * The grayscale image neardup stores for verification: the whole image when it has at most {@link
   * #FULL_RESOLUTION_PIXELS}, else {@link #gray(Mat, int)} with {@code maxSide}.
   */
  public static GrayImage verificationImage(Mat image, int maxSide) {
    if ((long) image.cols() * image.rows() <= FULL_RESOLUTION_PIXELS) {
      return gray(image, Integer.MAX_VALUE);
    }
    return gray(image, maxSide);
  }

  /** {@link #gray(Mat, int)} at {@link #DEFAULT_MAX_SIDE}. */
  public static GrayImage gray(Mat image) {
    return gray(image, DEFAULT_MAX_SIDE);
  }
}
