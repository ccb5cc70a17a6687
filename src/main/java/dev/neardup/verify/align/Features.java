package dev.neardup.verify.align;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.PixelDiffParams;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.KeyPoint;
import org.opencv.core.Mat;
import org.opencv.core.MatOfKeyPoint;
import org.opencv.core.Size;
import org.opencv.features2d.AKAZE;
import org.opencv.features2d.Feature2D;
import org.opencv.features2d.ORB;
import org.opencv.features2d.SIFT;
import org.opencv.imgproc.Imgproc;

/**
 * The local features of one grayscale image, on the Java heap: keypoint positions and descriptors,
 * for the image as it is and for its horizontal mirror.
 *
 * <p>Why on the heap: features are computed once per image and reused for every candidate pair it
 * takes part in, so they can be cached, or stored in the index next to the thumbnail ({@link
 * #encode()} / {@link #decode(byte[])}). Why a mirror set: descriptors are not mirror-invariant, so
 * a mirrored copy can only be registered by detecting on the mirrored image; doing it here, once
 * per image, keeps pair checks cheap.
 *
 * <p>Coordinates: {@link #x(int)}/{@link #y(int)} are in the source image's own pixel coordinates
 * (OpenCV's convention, pixel centres at integers), although detection ran at {@link #featureSide}
 * px long side. Mirrored keypoints are in the <em>mirrored</em> image's coordinates ({@code x_m =
 * width - 1 - x}); {@link Aligner} composes the reflection into the transform.
 *
 * <p>Edge cases: a flat or tiny image may have no keypoint at all ({@link #count()} 0); aligning
 * with it then finds nothing. Instances are immutable and thread-safe; accessors copy nothing, so
 * the package-private arrays they hand out internally are never modified.
 */
public final class Features {
  /** Format version written by {@link #encode()}; {@link #decode} refuses any other. */
  public static final int FORMAT_VERSION = 1;

  private static final int MAGIC = 0x4E444654; // "NDFT"
  private static final int MAX_KEYPOINTS = 2000;

  private final FeatureParams.Detector detector;
  private final int width;
  private final int height;
  private final int featureSide;
  private final int descriptorBytes;
  private final Keypoints plain;
  private final Keypoints mirrored;

  /**
   * Keypoints and descriptors of one orientation: {@code n} positions and {@code n *
   * descriptorBytes} descriptor bytes, row by row.
   */
  public record Keypoints(float[] x, float[] y, byte[] descriptors) {
    public Keypoints {
      if (x.length != y.length) {
        throw new IllegalArgumentException(
            "keypoint x and y arrays differ in length: " + x.length + " vs " + y.length);
      }
    }

    int count() {
      return x.length;
    }
  }

  Features(
      FeatureParams.Detector detector,
      int width,
      int height,
      int featureSide,
      int descriptorBytes,
      Keypoints plain,
      Keypoints mirrored) {
    if (width <= 0 || height <= 0 || featureSide <= 0 || descriptorBytes <= 0) {
      throw new IllegalArgumentException(
          "features need positive sizes; got "
              + width
              + "x"
              + height
              + ", feature side "
              + featureSide
              + ", descriptor bytes "
              + descriptorBytes);
    }
    for (Keypoints k : List.of(plain, mirrored)) {
      if (k.descriptors().length != k.count() * descriptorBytes) {
        throw new IllegalArgumentException(
            "descriptor bytes must be count * "
                + descriptorBytes
                + " = "
                + k.count() * descriptorBytes
                + "; got "
                + k.descriptors().length);
      }
    }
    this.detector = detector;
    this.width = width;
    this.height = height;
    this.featureSide = featureSide;
    this.descriptorBytes = descriptorBytes;
    this.plain = plain;
    this.mirrored = mirrored;
  }

  /**
   * Detects and describes the features of {@code img} and of its horizontal mirror.
   *
   * @param img the image the verification will use (its coordinates are the features')
   * @param p detector and resolution
   * @throws NullPointerException when an argument is null
   */
  public static Features of(GrayImage img, FeatureParams p) {
    if (img == null || p == null) {
      throw new NullPointerException("image and feature params must not be null");
    }
    OpenCv.load();
    int longer = Math.max(img.width(), img.height());
    int side = Math.min(longer, p.longSide());
    Mat src = img.toMat();
    Mat small = new Mat();
    Mat flipped = new Mat();
    try {
      if (side < longer) {
        double s = (double) side / longer;
        int w = Math.max(1, (int) Math.round(img.width() * s));
        int h = Math.max(1, (int) Math.round(img.height() * s));
        Imgproc.resize(src, small, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
      } else {
        src.copyTo(small);
      }
      if (Math.min(small.cols(), small.rows()) < MIN_DETECT_SIDE) {
        // AKAZE asserts (-215, s >= 0 in setSize) on images a few pixels high: too few pixels
        // for local features, so none (aligning with them then finds nothing).
        Keypoints none = new Keypoints(new float[0], new float[0], new byte[0]);
        return new Features(
            p.detector(), img.width(), img.height(), side, bytesOf(p.detector()), none, none);
      }
      Core.flip(small, flipped, 1);
      double fx = (double) img.width() / small.cols();
      double fy = (double) img.height() / small.rows();
      Keypoints plain = null;
      Keypoints mirror = null;
      // Smooth pictures (an apple on a plain background) give a handful of keypoints at AKAZE's
      // usual threshold: lower it step by step until there are enough to fit a transform.
      for (int step = 0; step < THRESHOLDS.length; step++) {
        Feature2D detector = create(p.detector(), THRESHOLDS[step]);
        try {
          plain = detect(detector, small, fx, fy);
          if (plain.count() >= FEW_KEYPOINTS
              || p.detector() != FeatureParams.Detector.AKAZE
              || step == THRESHOLDS.length - 1) {
            mirror = detect(detector, flipped, fx, fy);
            break;
          }
        } finally {
          detector.clear();
        }
      }
      return new Features(
          p.detector(), img.width(), img.height(), side, bytesOf(p.detector()), plain, mirror);
    } finally {
      src.release();
      small.release();
      flipped.release();
    }
  }

  /**
   * Shorter side, at feature resolution, below which no detector is run: the image has too few
   * pixels for local features (AKAZE's scale pyramid halves it 4 times; below this it throws).
   */
  static final int MIN_DETECT_SIDE = PixelDiffParams.MIN_COMPARABLE_SIDE;

  /** AKAZE detector thresholds tried in turn (OpenCV's default is 0.001). */
  private static final float[] THRESHOLDS = {0.0005f, 0.0001f, 0.00002f};

  /** Fewer keypoints than this make {@link #of} retry AKAZE with a lower threshold. */
  static final int FEW_KEYPOINTS = 100;

  private static Feature2D create(FeatureParams.Detector d, float threshold) {
    return switch (d) {
      case AKAZE -> AKAZE.create(AKAZE.DESCRIPTOR_MLDB, 0, 3, threshold, 4, 4, 1);
      case SIFT -> SIFT.create(0, 3, 0.04, 10, 1.6, CvType.CV_8U);
      case ORB -> ORB.create(1000);
    };
  }

  /** Descriptor length in bytes of each detector's descriptor. */
  static int bytesOf(FeatureParams.Detector d) {
    return switch (d) {
      case AKAZE -> 61;
      case SIFT -> 128;
      case ORB -> 32;
    };
  }

  private static Keypoints detect(Feature2D detector, Mat gray, double fx, double fy) {
    MatOfKeyPoint kps = new MatOfKeyPoint();
    Mat desc = new Mat();
    Mat noMask = new Mat();
    try {
      try {
        detector.detectAndCompute(gray, noMask, kps, desc);
      } catch (org.opencv.core.CvException tooSmall) {
        // A shape the detector cannot take (see MIN_DETECT_SIDE): no features, not a failure.
        return new Keypoints(new float[0], new float[0], new byte[0]);
      }
      KeyPoint[] all = kps.toArray();
      int n = all.length;
      if (n == 0 || desc.empty()) {
        return new Keypoints(new float[0], new float[0], new byte[0]);
      }
      int bytes = desc.cols();
      byte[] d = new byte[n * bytes];
      desc.get(0, 0, d);
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      // Keep the strongest keypoints (deterministic: ties by index) to bound matching cost.
      Arrays.sort(order, (a, b) -> Float.compare(all[b].response, all[a].response));
      int keep = Math.min(n, MAX_KEYPOINTS);
      float[] x = new float[keep];
      float[] y = new float[keep];
      byte[] kept = new byte[keep * bytes];
      for (int i = 0; i < keep; i++) {
        int k = order[i];
        // Pixel centres: small pixel i covers full pixels [i*f, (i+1)*f).
        x[i] = (float) ((all[k].pt.x + 0.5) * fx - 0.5);
        y[i] = (float) ((all[k].pt.y + 0.5) * fy - 0.5);
        System.arraycopy(d, k * bytes, kept, i * bytes, bytes);
      }
      return new Keypoints(x, y, kept);
    } finally {
      kps.release();
      desc.release();
      noMask.release();
    }
  }

  /** The detector that made these features. */
  public FeatureParams.Detector detector() {
    return detector;
  }

  /** Columns of the source image. */
  public int width() {
    return width;
  }

  /** Rows of the source image. */
  public int height() {
    return height;
  }

  /** Longer side, in pixels, of the image the detector actually saw. */
  public int featureSide() {
    return featureSide;
  }

  /** Bytes per descriptor. */
  public int descriptorBytes() {
    return descriptorBytes;
  }

  /** Keypoints of the image as it is. */
  public int count() {
    return plain.count();
  }

  /**
   * Column of keypoint {@code i} in the source image.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < count()}
   */
  public float x(int i) {
    return plain.x()[i];
  }

  /**
   * Row of keypoint {@code i} in the source image.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < count()}
   */
  public float y(int i) {
    return plain.y()[i];
  }

  /**
   * A copy of the descriptor of keypoint {@code i} ({@link #descriptorBytes()} bytes).
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < count()}
   */
  public byte[] descriptor(int i) {
    java.util.Objects.checkIndex(i, count());
    return Arrays.copyOfRange(plain.descriptors(), i * descriptorBytes, (i + 1) * descriptorBytes);
  }

  /** Keypoints of the mirrored image. */
  public int mirroredCount() {
    return mirrored.count();
  }

  /** Source pixels per feature-image pixel: the factor from feature resolution to source. */
  public double sourcePerFeaturePixel() {
    return (double) Math.max(width, height) / featureSide;
  }

  public Keypoints plain() {
    return plain;
  }

  public Keypoints mirrored() {
    return mirrored;
  }

  /**
   * The compact binary form: magic, {@link #FORMAT_VERSION}, detector, sizes, then for the plain
   * and the mirrored set a count, float32 x and y, and the descriptor bytes (big-endian). About
   * {@code 2 * count * (8 + descriptorBytes)} bytes.
   */
  public byte[] encode() {
    int size = 4 + 1 + 1 + 4 * 4 + 2 * 4;
    size += plain.count() * (8 + descriptorBytes) + mirrored.count() * (8 + descriptorBytes);
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putInt(MAGIC).put((byte) FORMAT_VERSION).put((byte) detector.ordinal());
    b.putInt(width).putInt(height).putInt(featureSide).putInt(descriptorBytes);
    for (Keypoints k : List.of(plain, mirrored)) {
      b.putInt(k.count());
      for (int i = 0; i < k.count(); i++) {
        b.putFloat(k.x()[i]).putFloat(k.y()[i]);
      }
      b.put(k.descriptors());
    }
    return b.array();
  }

  /**
   * Reads the form {@link #encode()} writes.
   *
   * @throws IllegalArgumentException when the bytes are not features, of another format version,
   *     truncated, or inconsistent; the message says which
   */
  public static Features decode(byte[] bytes) {
    if (bytes == null) {
      throw new IllegalArgumentException("features bytes must not be null");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      if (b.getInt() != MAGIC) {
        throw new IllegalArgumentException("not encoded features (bad magic)");
      }
      int version = b.get();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "features format version " + version + " is not supported; expected " + FORMAT_VERSION);
      }
      int ordinal = b.get();
      FeatureParams.Detector[] detectors = FeatureParams.Detector.values();
      if (ordinal < 0 || ordinal >= detectors.length) {
        throw new IllegalArgumentException("unknown feature detector code " + ordinal);
      }
      int width = b.getInt();
      int height = b.getInt();
      int side = b.getInt();
      int descBytes = b.getInt();
      if (descBytes != bytesOf(detectors[ordinal])) {
        throw new IllegalArgumentException(
            "descriptor length " + descBytes + " does not fit detector " + detectors[ordinal]);
      }
      Keypoints[] sets = new Keypoints[2];
      for (int s = 0; s < 2; s++) {
        int n = b.getInt();
        if (n < 0 || (long) n * (8 + descBytes) > b.remaining()) {
          throw new IllegalArgumentException("truncated features: " + n + " keypoints announced");
        }
        float[] x = new float[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
          x[i] = b.getFloat();
          y[i] = b.getFloat();
        }
        byte[] d = new byte[n * descBytes];
        b.get(d);
        sets[s] = new Keypoints(x, y, d);
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " trailing bytes after the features");
      }
      return new Features(detectors[ordinal], width, height, side, descBytes, sets[0], sets[1]);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated features (" + bytes.length + " bytes)", e);
    }
  }

  /** Bytes held on the heap (positions and descriptors of both sets), for cache budgets. */
  public long heapBytes() {
    return (long) (count() + mirroredCount()) * (8 + descriptorBytes) + 128;
  }

  @Override
  public String toString() {
    return "Features["
        + detector
        + " "
        + width
        + "x"
        + height
        + " at "
        + featureSide
        + " px: "
        + count()
        + " keypoints, "
        + mirroredCount()
        + " mirrored]";
  }
}
