package dev.neardup.eval;

import java.util.Locale;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The edits {@code calibrate} makes of each sampled image: the copies a real folder collects
 * (re-saved, resized, cropped, adjusted, watermarked, noisy, mirrored).
 *
 * <p>JPEG edits are written as JPEG at their quality; every other edit is written as lossless PNG,
 * so that each kind measures its own edit and not JPEG loss on top. Seeded edits (crop margins,
 * noise) take their randomness from the {@link Random} they are given, so the same seed gives the
 * same bytes.
 */
public enum EditKind {
  /** Re-encoded as JPEG quality 90. */
  JPEG_90(90),
  /** Re-encoded as JPEG quality 70. */
  JPEG_70(70),
  /** Re-encoded as JPEG quality 50. */
  JPEG_50(50),
  /** Scaled to half width and height (area averaging). */
  RESIZE_50(0),
  /** Scaled to 75% (area averaging). */
  RESIZE_75(0),
  /** 1–5% cut from each side, the four margins drawn from the seed. */
  CROP(0),
  /** Every channel value raised by 30 (saturating). */
  BRIGHTNESS(0),
  /** Contrast × 1.25 around mid-grey (saturating). */
  CONTRAST(0),
  /** A white text watermark with a dark outline in the lower right corner. */
  WATERMARK(0),
  /** Gaussian noise, σ = 8 grey levels, per pixel and channel, drawn from the seed. */
  NOISE(0),
  /** Mirrored left to right. */
  HFLIP(0);

  /** Text of the watermark. */
  static final String WATERMARK_TEXT = "(c) neardup 2026";

  private final int jpegQuality;

  EditKind(int jpegQuality) {
    this.jpegQuality = jpegQuality;
  }

  /** JPEG quality for JPEG edits, 0 for edits written as PNG. */
  public int jpegQuality() {
    return jpegQuality;
  }

  /** Lower-case name with dashes, as in file names and reports ({@code jpeg-90}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** File extension of the edited copy, with the dot. */
  public String extension() {
    return jpegQuality > 0 ? ".jpg" : ".png";
  }

  /**
   * Applies the edit to an 8-bit BGR image.
   *
   * @param bgr {@code CV_8UC3}, not modified
   * @param random the seed's randomness (used by {@link #CROP} and {@link #NOISE})
   * @return a new image; the caller releases it
   */
  public Mat apply(Mat bgr, Random random) {
    Mat out = new Mat();
    switch (this) {
      case JPEG_90, JPEG_70, JPEG_50 -> bgr.copyTo(out);
      case RESIZE_50 -> scale(bgr, out, 0.5);
      case RESIZE_75 -> scale(bgr, out, 0.75);
      case CROP -> {
        int w = bgr.cols();
        int h = bgr.rows();
        int left = margin(w, random);
        int right = margin(w, random);
        int top = margin(h, random);
        int bottom = margin(h, random);
        Mat roi = bgr.submat(new Rect(left, top, w - left - right, h - top - bottom));
        roi.copyTo(out);
        roi.release();
      }
      case BRIGHTNESS -> bgr.convertTo(out, -1, 1.0, 30);
      case CONTRAST -> bgr.convertTo(out, -1, 1.25, -0.25 * 128);
      case WATERMARK -> {
        bgr.copyTo(out);
        double scale = Math.max(0.4, bgr.cols() / 900.0);
        int thickness = Math.max(1, (int) Math.round(scale * 2));
        int[] baseline = new int[1];
        Size text =
            Imgproc.getTextSize(
                WATERMARK_TEXT, Imgproc.FONT_HERSHEY_SIMPLEX, scale, thickness, baseline);
        Point at =
            new Point(
                Math.max(0, bgr.cols() - text.width - 10),
                Math.max(text.height, bgr.rows() - 10 - baseline[0]));
        Imgproc.putText(
            out,
            WATERMARK_TEXT,
            at,
            Imgproc.FONT_HERSHEY_SIMPLEX,
            scale,
            new Scalar(0, 0, 0),
            thickness + 2,
            Imgproc.LINE_AA);
        Imgproc.putText(
            out,
            WATERMARK_TEXT,
            at,
            Imgproc.FONT_HERSHEY_SIMPLEX,
            scale,
            new Scalar(255, 255, 255),
            thickness,
            Imgproc.LINE_AA);
      }
      case NOISE -> {
        int n = bgr.rows() * bgr.cols() * 3;
        short[] noise = new short[n];
        for (int i = 0; i < n; i++) {
          noise[i] = (short) Math.round(random.nextGaussian() * 8);
        }
        Mat noiseMat = new Mat(bgr.rows(), bgr.cols(), CvType.CV_16SC3);
        noiseMat.put(0, 0, noise);
        Mat wide = new Mat();
        bgr.convertTo(wide, CvType.CV_16SC3);
        Core.add(wide, noiseMat, wide);
        wide.convertTo(out, CvType.CV_8UC3); // saturates to [0, 255]
        wide.release();
        noiseMat.release();
      }
      case HFLIP -> Core.flip(bgr, out, 1);
    }
    return out;
  }

  private static void scale(Mat src, Mat dst, double factor) {
    Size size =
        new Size(
            Math.max(1, Math.round(src.cols() * factor)),
            Math.max(1, Math.round(src.rows() * factor)));
    Imgproc.resize(src, dst, size, 0, 0, Imgproc.INTER_AREA);
  }

  /** 1–5% of {@code side}, at least 1 pixel. */
  private static int margin(int side, Random random) {
    double percent = 1 + 4 * random.nextDouble();
    return Math.max(1, (int) Math.round(side * percent / 100));
  }
}
