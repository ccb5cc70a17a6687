package dev.neardup.decode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Turns whatever OpenCV decoded (8/16-bit, float, gray, gray+alpha, BGR, BGRA) into the one shape
 * the rest of the pipeline uses, 8-bit 3-channel BGR, and applies EXIF orientation.
 *
 * <p>Each method takes ownership of its input Mat: it either returns it unchanged or releases it
 * and returns a new one, so callers never leak native memory on the conversion path.
 */
final class Pixels {
  private Pixels() {}

  /**
   * Converts to CV_8UC3. 16-bit samples are scaled by 1/257 (65535 → 255); float samples are taken
   * as 0..1. Alpha is composited over white (see {@link #compositeOverWhite}).
   *
   * @throws DecodeException for pixel types no image file should produce (signed or 64-bit samples,
   *     more than 4 channels)
   */
  static Mat toBgr8(Path file, ImageFormat format, Mat src) throws DecodeException {
    Mat m = to8Bit(file, format, src);
    return switch (m.channels()) {
      case 3 -> m;
      case 1 -> convert(m, Imgproc.COLOR_GRAY2BGR);
      case 2 -> compositeOverWhite(grayAlphaToBgra(m));
      case 4 -> compositeOverWhite(m);
      default -> {
        int channels = m.channels();
        m.release();
        throw new DecodeException(
            file,
            "unsupported " + format.displayName() + " pixel layout: " + channels + " channels");
      }
    };
  }

  /**
   * Blends a BGRA image over a white background: {@code out = 255 - (255 - bgr) * alpha / 255}.
   *
   * <p>Why: transparent areas have no defined colour, and the colour stored under them is often
   * arbitrary, so pixels must depend on alpha. White is what viewers and documents usually show.
   * JImageHash's {@code transparent0/1.png} (a MINI and a Citroen logo drawn in black, with equal
   * all-black colour planes) come out as two different logos, as a person sees them; ignoring alpha
   * would make them identical. The cost: a light logo on transparency (their {@code
   * transparent*White.png}) nearly vanishes on white, so two such logos look alike.
   */
  static Mat compositeOverWhite(Mat bgra) {
    Mat bgr = new Mat();
    Mat alpha = new Mat();
    Mat alpha3 = new Mat();
    try {
      Imgproc.cvtColor(bgra, bgr, Imgproc.COLOR_BGRA2BGR);
      Core.extractChannel(bgra, alpha, 3);
      Core.merge(List.of(alpha, alpha, alpha), alpha3);
      Core.bitwise_not(bgr, bgr);
      Core.multiply(bgr, alpha3, bgr, 1.0 / 255.0);
      Core.bitwise_not(bgr, bgr);
      return bgr;
    } finally {
      bgra.release();
      alpha.release();
      alpha3.release();
    }
  }

  /**
   * Turns a decoded image the right way up, exactly as OpenCV's {@code ApplyExifOrientation} does,
   * so that results do not depend on whether OpenCV applied it (for JPEG it does with IMREAD_COLOR
   * and the reduced modes, not with IMREAD_UNCHANGED or IMREAD_IGNORE_ORIENTATION).
   */
  static Mat orient(Mat src, int orientation) {
    if (orientation == 1) {
      return src;
    }
    Mat dst = new Mat();
    switch (orientation) {
      case 2 -> Core.flip(src, dst, 1);
      case 3 -> Core.flip(src, dst, -1);
      case 4 -> Core.flip(src, dst, 0);
      case 5 -> Core.transpose(src, dst);
      case 6 -> transposeThenFlip(src, dst, 1);
      case 7 -> transposeThenFlip(src, dst, -1);
      case 8 -> transposeThenFlip(src, dst, 0);
      default -> throw new IllegalArgumentException("orientation must be 1..8; got " + orientation);
    }
    src.release();
    return dst;
  }

  private static void transposeThenFlip(Mat src, Mat dst, int flipCode) {
    Mat t = new Mat();
    Core.transpose(src, t);
    Core.flip(t, dst, flipCode);
    t.release();
  }

  private static Mat to8Bit(Path file, ImageFormat format, Mat src) throws DecodeException {
    double scale =
        switch (src.depth()) {
          case CvType.CV_8U -> 0;
          case CvType.CV_16U -> 1.0 / 257.0;
          case CvType.CV_32F -> 255.0;
          default -> -1;
        };
    if (scale == 0) {
      return src;
    }
    if (scale < 0) {
      String type = CvType.typeToString(src.type());
      src.release();
      throw new DecodeException(
          file, "unsupported " + format.displayName() + " pixel type: " + type);
    }
    Mat dst = new Mat();
    src.convertTo(dst, CvType.CV_8U, scale);
    src.release();
    return dst;
  }

  private static Mat grayAlphaToBgra(Mat grayAlpha) {
    List<Mat> planes = new ArrayList<>();
    Core.split(grayAlpha, planes);
    Mat bgra = new Mat();
    Core.merge(List.of(planes.get(0), planes.get(0), planes.get(0), planes.get(1)), bgra);
    planes.forEach(Mat::release);
    grayAlpha.release();
    return bgra;
  }

  private static Mat convert(Mat src, int code) {
    Mat dst = new Mat();
    Imgproc.cvtColor(src, dst, code);
    src.release();
    return dst;
  }
}
