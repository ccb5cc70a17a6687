package dev.neardup.decode;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/** Grayscale conversion shared by the pixel-diff check, thumbnails and the perceptual hash. */
public final class Grayscale {
  private Grayscale() {}

  /**
   * A new 8-bit single-channel copy of {@code image}; the caller releases it.
   *
   * @throws IllegalArgumentException when the image is empty, not 8-bit, or has 2 or more than 4
   *     channels
   */
  public static Mat copyOf(Mat image) {
    if (image == null) {
      throw new NullPointerException("image must not be null");
    }
    if (image.empty()) {
      throw new IllegalArgumentException("image is empty (0x0); decode failed?");
    }
    if (image.depth() != CvType.CV_8U) {
      throw new IllegalArgumentException(
          "image must be 8-bit; got " + CvType.typeToString(image.type()));
    }
    Mat gray = new Mat();
    try {
      switch (image.channels()) {
        case 1 -> image.copyTo(gray);
        case 3 -> Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGR2GRAY);
        case 4 -> Imgproc.cvtColor(image, gray, Imgproc.COLOR_BGRA2GRAY);
        default ->
            throw new IllegalArgumentException(
                "image must have 1, 3 or 4 channels; got " + CvType.typeToString(image.type()));
      }
      return gray;
    } catch (RuntimeException e) {
      gray.release();
      throw e;
    }
  }
}
