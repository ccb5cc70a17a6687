package dev.neardup.image;

import dev.neardup.decode.OpenCv;
import java.util.Arrays;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * An 8-bit grayscale image on the Java heap: {@code width × height} bytes, row-major, no padding.
 *
 * <p>This is the thumbnail neardup stores in its index next to each embedding, so that verifying a
 * candidate pair never decodes the original files again. It lives on the heap (not in a native
 * {@link Mat}) so it can be stored, serialized and garbage-collected like any other value.
 *
 * <p>The record holds the array it is given without copying (copying millions of thumbnails would
 * cost more than it protects); callers must not modify the array afterwards. {@link #equals} and
 * {@link #hashCode} compare pixel contents, not array identity.
 *
 * @param width columns, &gt; 0
 * @param height rows, &gt; 0
 * @param pixels {@code width * height} unsigned 8-bit values, row by row
 */
public record GrayImage(int width, int height, byte[] pixels) {

  /**
   * Validates the shape.
   *
   * @throws IllegalArgumentException when a side is not positive or {@code pixels.length != width *
   *     height}
   * @throws NullPointerException when {@code pixels} is null
   */
  public GrayImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "width and height must be > 0; got " + width + "x" + height);
    }
    if (pixels == null) {
      throw new NullPointerException("pixels must not be null");
    }
    if ((long) width * height != pixels.length) {
      throw new IllegalArgumentException(
          "pixels.length must be width*height = "
              + ((long) width * height)
              + " for "
              + width
              + "x"
              + height
              + "; got "
              + pixels.length);
    }
  }

  /**
   * Copies a single-channel 8-bit {@link Mat} onto the heap.
   *
   * @throws IllegalArgumentException when {@code gray} is empty or not {@code CV_8UC1}
   */
  public static GrayImage of(Mat gray) {
    OpenCv.load();
    if (gray.empty() || gray.type() != CvType.CV_8UC1) {
      throw new IllegalArgumentException(
          "expected a non-empty CV_8UC1 Mat; got "
              + (gray.empty() ? "an empty Mat" : CvType.typeToString(gray.type())));
    }
    int w = gray.cols();
    int h = gray.rows();
    byte[] pixels = new byte[w * h];
    if (gray.isContinuous()) {
      gray.get(0, 0, pixels);
    } else {
      Mat copy = gray.clone();
      try {
        copy.get(0, 0, pixels);
      } finally {
        copy.release();
      }
    }
    return new GrayImage(w, h, pixels);
  }

  /**
   * Copies the pixels into a new native {@code CV_8UC1} {@link Mat}; the caller must {@link
   * Mat#release()} it.
   */
  public Mat toMat() {
    OpenCv.load();
    Mat m = new Mat(height, width, CvType.CV_8UC1);
    m.put(0, 0, pixels);
    return m;
  }

  /** Number of pixels, {@code width * height}. */
  public int pixelCount() {
    return width * height;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GrayImage g
        && g.width == width
        && g.height == height
        && Arrays.equals(g.pixels, pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "GrayImage[" + width + "x" + height + "]";
  }
}
