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
 * (re-saved, resized, cropped, adjusted, watermarked, noisy, mirrored), and the geometric edits
 * that only the aligned verification level accepts (flips, quarter and small turns, corner crops,
 * an anisotropic resize, a zoom).
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
  HFLIP(0),
  /** Mirrored top to bottom (a mirror plus a half turn). */
  VFLIP(0),
  /** A quarter turn clockwise (width and height swap). */
  ROTATE_90(0),
  /** A half turn. */
  ROTATE_180(0),
  /** Three quarter turns clockwise (a quarter turn counter-clockwise). */
  ROTATE_270(0),
  /** Turned 5° clockwise about the centre on the same canvas; the uncovered corners are black. */
  ROTATE_PLUS_5(0),
  /** Turned 5° counter-clockwise about the centre on the same canvas, black corners. */
  ROTATE_MINUS_5(0),
  /** 5–15% of the width and 5–15% of the height cut at one corner; corner and sizes seeded. */
  CROP_CORNER(0),
  /**
   * Resized to a square with 5/8 of the shorter side (640×480 → 300×300, as imagededup's {@code
   * ukbench00120_resize.jpg}): an affine, not a similarity.
   */
  RESIZE_ANISOTROPIC(0),
  /** Mirrored left to right, then a seeded corner crop as {@link #CROP_CORNER}. */
  FLIP_CROP(0),
  /** A 10% zoom: the central 1/1.1 of each side, enlarged back to the original size. */
  ZOOM_10(0);

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
   * @param random the seed's randomness (used by {@link #CROP}, {@link #NOISE}, {@link
   *     #CROP_CORNER} and {@link #FLIP_CROP})
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
      case VFLIP -> Core.flip(bgr, out, 0);
      case ROTATE_90 -> Core.rotate(bgr, out, Core.ROTATE_90_CLOCKWISE);
      case ROTATE_180 -> Core.rotate(bgr, out, Core.ROTATE_180);
      case ROTATE_270 -> Core.rotate(bgr, out, Core.ROTATE_90_COUNTERCLOCKWISE);
      case ROTATE_PLUS_5 -> turn(bgr, out, 5);
      case ROTATE_MINUS_5 -> turn(bgr, out, -5);
      case CROP_CORNER -> cropCorner(bgr, out, random);
      case RESIZE_ANISOTROPIC -> {
        long side = Math.max(1, Math.round(Math.min(bgr.cols(), bgr.rows()) * 0.625));
        Imgproc.resize(bgr, out, new Size(side, side), 0, 0, Imgproc.INTER_AREA);
      }
      case FLIP_CROP -> {
        Mat flipped = new Mat();
        try {
          Core.flip(bgr, flipped, 1);
          cropCorner(flipped, out, random);
        } finally {
          flipped.release();
        }
      }
      case ZOOM_10 -> {
        int w = (int) Math.round(bgr.cols() / 1.1);
        int h = (int) Math.round(bgr.rows() / 1.1);
        Mat roi = bgr.submat(new Rect((bgr.cols() - w) / 2, (bgr.rows() - h) / 2, w, h));
        try {
          Imgproc.resize(roi, out, bgr.size(), 0, 0, Imgproc.INTER_LINEAR);
        } finally {
          roi.release();
        }
      }
    }
    return out;
  }

  /** Turns clockwise by {@code degrees} about the centre, same canvas, black outside. */
  private static void turn(Mat src, Mat dst, double degrees) {
    Point centre = new Point((src.cols() - 1) / 2.0, (src.rows() - 1) / 2.0);
    // getRotationMatrix2D turns counter-clockwise for positive angles (y pointing down).
    Mat m = Imgproc.getRotationMatrix2D(centre, -degrees, 1.0);
    try {
      Imgproc.warpAffine(
          src, dst, m, src.size(), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT, new Scalar(0, 0, 0));
    } finally {
      m.release();
    }
  }

  /** Cuts 5–15% of the width and of the height at a seeded corner. */
  private static void cropCorner(Mat src, Mat dst, Random random) {
    int corner = random.nextInt(4);
    int cutX = (int) Math.round(src.cols() * (0.05 + 0.10 * random.nextDouble()));
    int cutY = (int) Math.round(src.rows() * (0.05 + 0.10 * random.nextDouble()));
    int x = (corner & 1) == 0 ? cutX : 0;
    int y = (corner & 2) == 0 ? cutY : 0;
    Mat roi = src.submat(new Rect(x, y, src.cols() - cutX, src.rows() - cutY));
    try {
      roi.copyTo(dst);
    } finally {
      roi.release();
    }
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
