package dev.neardup.embed;

import dev.neardup.decode.OpenCv;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * torchvision's ImageNet evaluation transform, done with OpenCV: a decoded BGR image becomes the
 * {@code 3x224x224} float tensor (channels first, RGB, ImageNet mean/std) that ResNet50 expects.
 *
 * <p>Steps, matching {@code Resize(256), CenterCrop(224), ToTensor(), Normalize(mean, std)}:
 *
 * <ol>
 *   <li>Resize so the shorter side is 256 and the longer is {@code int(256 * long / short)}, as
 *       torchvision computes it. When shrinking, OpenCV's {@code INTER_AREA} is used: PIL's
 *       bilinear filter widens its support by the shrink factor (it antialiases), which OpenCV's
 *       {@code INTER_LINEAR} does not; area averaging is the closest OpenCV filter, and a plain
 *       bilinear shrink of a large photo would alias and make the embedding depend on JPEG noise.
 *       When enlarging (images under 256 px), PIL's bilinear equals OpenCV's {@code INTER_LINEAR}.
 *   <li>Crop the central 224x224; the offset is {@code round((size - 224) / 2)} with Python's
 *       round-half-to-even, as torchvision does (a 341-wide image is cropped from x = 58).
 *   <li>Per channel, {@code (value / 255 - mean) / std}, folded into one {@code convertTo} per
 *       plane; the BGR planes are written to the RGB slots of the output, so there is no separate
 *       colour conversion.
 * </ol>
 *
 * <p>Results differ from torchvision on PIL by small amounts where the resize filters differ; the
 * same image always gives the same tensor. Thread-safe: no shared state.
 */
public final class Preprocess {
  /** Length of the shorter side after the resize. */
  public static final int RESIZE = 256;

  /** Side of the square centre crop, i.e. of the model input. */
  public static final int CROP = 224;

  /** Number of floats in one image's tensor: 3 x 224 x 224. */
  public static final int LENGTH = 3 * CROP * CROP;

  /** Stored with the model id: a change here makes old embeddings incomparable. */
  public static final String DESCRIPTION =
      "resize-shorter-256 (INTER_AREA when shrinking, bilinear when enlarging), center-crop-224,"
          + " RGB, ImageNet mean/std";

  /** Smallest input side accepted by {@link #forSize}: ResNet50 downsamples 32×. */
  public static final int MIN_SIZE = 64;

  /** Largest input side accepted by {@link #forSize}. */
  public static final int MAX_SIZE = 512;

  /** ImageNet channel means, RGB order. */
  static final double[] MEAN = {0.485, 0.456, 0.406};

  /** ImageNet channel standard deviations, RGB order. */
  static final double[] STD = {0.229, 0.224, 0.225};

  private Preprocess() {}

  /**
   * Turns one decoded image into the model's input.
   *
   * @param bgr an 8-bit 3-channel BGR image ({@code CV_8UC3}) of any size, at least 1x1; not
   *     modified
   * @return {@link #LENGTH} floats, channel-major (R plane, then G, then B), rows top to bottom
   * @throws IllegalArgumentException if the image is empty or not {@code CV_8UC3}, naming its type
   */
  public static float[] toChw(Mat bgr) {
    float[] out = new float[LENGTH];
    toChw(bgr, out);
    return out;
  }

  /**
   * Side of the resize before the crop for a {@code crop}-square input: {@code round(crop * 256 /
   * 224)}, the ratio of the standard transform (160 → 183).
   */
  public static int resizeFor(int crop) {
    return (int) Math.round(crop * (double) RESIZE / CROP);
  }

  /**
   * The preprocessing description for a {@code size}-square input: {@link #DESCRIPTION} at 224, so
   * that indexes made before the size was an option still open; otherwise the same text with the
   * sizes changed, so that an index refuses embeddings made at another size.
   *
   * @throws IllegalArgumentException when {@code size} is outside [{@value #MIN_SIZE}, {@value
   *     #MAX_SIZE}]
   */
  public static String description(int size) {
    checkSize(size);
    if (size == CROP) {
      return DESCRIPTION;
    }
    return "resize-shorter-"
        + resizeFor(size)
        + " (INTER_AREA when shrinking, bilinear when enlarging), center-crop-"
        + size
        + ", RGB, ImageNet mean/std";
  }

  /**
   * Like {@link #toChw(Mat)} for a {@code size}-square input: the shorter side is resized to {@link
   * #resizeFor}{@code (size)} and the centre {@code size}-square cropped.
   *
   * @return {@code 3 * size * size} floats
   * @throws IllegalArgumentException as {@link #description(int)} and {@link #toChw(Mat)}
   */
  public static float[] toChw(Mat bgr, int size) {
    if (size == CROP) {
      return toChw(bgr);
    }
    checkSize(size);
    float[] out = new float[3 * size * size];
    write(bgr, out, size);
    return out;
  }

  private static void checkSize(int size) {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "input size must be in [" + MIN_SIZE + ", " + MAX_SIZE + "]; got " + size);
    }
  }

  /**
   * Like {@link #toChw(Mat)} but writes into {@code dst}, e.g. a reused buffer.
   *
   * @throws IllegalArgumentException if {@code dst} is not {@link #LENGTH} long, or as {@link
   *     #toChw(Mat)}
   */
  public static void toChw(Mat bgr, float[] dst) {
    Objects.requireNonNull(dst, "dst");
    if (dst.length != LENGTH) {
      throw new IllegalArgumentException("dst must hold " + LENGTH + " floats; got " + dst.length);
    }
    write(bgr, dst, CROP);
  }

  private static void write(Mat bgr, float[] dst, int crop) {
    checkImage(bgr);
    OpenCv.load();
    Mat resized = new Mat();
    Mat chw = new Mat(3 * crop, crop, CvType.CV_32FC1);
    List<Mat> planes = new ArrayList<>(3);
    try {
      Size size = resizedSize(bgr.cols(), bgr.rows(), resizeFor(crop));
      int interpolation =
          size.width < bgr.cols() || size.height < bgr.rows()
              ? Imgproc.INTER_AREA
              : Imgproc.INTER_LINEAR;
      Imgproc.resize(bgr, resized, size, 0, 0, interpolation);
      Mat centre = resized.submat(centreCrop((int) size.width, (int) size.height, crop));
      Core.split(centre, planes);
      centre.release();
      for (int rgb = 0; rgb < 3; rgb++) {
        Mat plane = planes.get(2 - rgb); // BGR plane order
        double alpha = 1.0 / (255.0 * STD[rgb]);
        double beta = -MEAN[rgb] / STD[rgb];
        // A full-width row range of a continuous Mat is continuous, and convertTo keeps writing
        // into it because its size and type already match: the planes land in place.
        Mat slot = chw.rowRange(rgb * crop, (rgb + 1) * crop);
        plane.convertTo(slot, CvType.CV_32F, alpha, beta);
        slot.release();
      }
      chw.get(0, 0, dst);
    } finally {
      resized.release();
      chw.release();
      planes.forEach(Mat::release);
    }
  }

  /**
   * Checks that {@code image} is something {@link #toChw(Mat)} accepts.
   *
   * @throws IllegalArgumentException naming the bad type or size
   */
  public static void checkImage(Mat image) {
    Objects.requireNonNull(image, "image");
    if (image.empty()) {
      throw new IllegalArgumentException("image is empty (0x0); was it decoded?");
    }
    if (image.type() != CvType.CV_8UC3) {
      throw new IllegalArgumentException(
          "image must be 8-bit 3-channel BGR (CV_8UC3); got "
              + CvType.typeToString(image.type())
              + " "
              + image.cols()
              + "x"
              + image.rows());
    }
  }

  /**
   * Size after the resize: shorter side {@link #RESIZE}, longer side {@code int(256 * long /
   * short)} (truncated, as torchvision computes it).
   */
  static Size resizedSize(int width, int height) {
    return resizedSize(width, height, RESIZE);
  }

  private static Size resizedSize(int width, int height, int resize) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "image size must be positive; got " + width + "x" + height);
    }
    if (width <= height) {
      return new Size(resize, (int) ((double) resize * height / width));
    }
    return new Size((int) ((double) resize * width / height), resize);
  }

  /** The centre {@link #CROP}-square of a {@code width x height} image, offsets as torchvision. */
  static Rect centreCrop(int width, int height) {
    return centreCrop(width, height, CROP);
  }

  private static Rect centreCrop(int width, int height, int crop) {
    int left = (int) Math.rint((width - crop) / 2.0);
    int top = (int) Math.rint((height - crop) / 2.0);
    return new Rect(left, top, crop, crop);
  }
}
