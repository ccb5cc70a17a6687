package dev.neardup.image;

import dev.neardup.decode.Grayscale;
import dev.neardup.decode.OpenCv;
import java.util.Arrays;
import java.util.Locale;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * 64-bit DCT perceptual hash ("pHash"), computed like Python imagehash's {@code phash}: grayscale,
 * resize to 32×32, 2-D DCT-II, keep the top-left 8×8 lowest frequencies, and set a bit for each
 * coefficient strictly greater than the median of those 64. Bits are read row by row, the first
 * coefficient (the DC term) in the most significant bit, so {@link #toHex} prints the same 16 hex
 * digits as imagehash's {@code str(hash)}.
 *
 * <p>Why: a cheap, model-free fingerprint for exact and re-encoded copies; two hashes are compared
 * by {@link #hamming} distance (imagededup calls distance ≤ 10 a duplicate).
 *
 * <p>Edge cases: the resize uses OpenCV's {@code INTER_AREA} (PIL's Lanczos is not available), so a
 * hash can differ from Python's in a few bits near the median; images smaller than 32×32 are
 * upscaled bilinearly. Measured on imagededup's test photos: 1 bit from the pinned hashes of {@code
 * ukbench00120.jpg} and {@code ukbench09268.jpg}. Python's tools ignore EXIF orientation, OpenCV's
 * {@code imread} applies it: decode with {@code IMREAD_IGNORE_ORIENTATION} to reproduce their
 * hashes of tagged photos. The DCT is the unnormalised one of {@code scipy.fftpack.dct} (the scale
 * does not change which coefficients exceed the median, but the orthonormal variant of OpenCV's
 * {@code Core.dct} would, as it scales the first row and column differently).
 */
public final class PerceptualHash {
  private static final int SIZE = 32;
  private static final int LOW = 8;

  /** {@code COS[k][n] = cos(pi * k * (2n + 1) / (2 * SIZE))} for the 8 kept frequencies. */
  private static final double[][] COS = new double[LOW][SIZE];

  static {
    for (int k = 0; k < LOW; k++) {
      for (int n = 0; n < SIZE; n++) {
        COS[k][n] = Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * SIZE));
      }
    }
  }

  private PerceptualHash() {}

  /**
   * Hashes a decoded image.
   *
   * @param image 8-bit gray, BGR or BGRA as OpenCV decodes it; not modified
   * @return the 64 bits, first coefficient in the most significant bit
   * @throws IllegalArgumentException when the image is empty or not 8-bit with 1, 3 or 4 channels
   */
  public static long of(Mat image) {
    OpenCv.load();
    if (image == null || image.empty()) {
      throw new IllegalArgumentException("cannot hash an empty image");
    }
    return fromPixels(grid(image));
  }

  /** Hashes 32×32 gray values (row-major); the part of {@link #of} after resizing. */
  static long fromPixels(double[] px) {
    // DCT-II along columns (axis 0), only the 8 lowest vertical frequencies are needed.
    double[][] rows = new double[LOW][SIZE];
    for (int k = 0; k < LOW; k++) {
      for (int x = 0; x < SIZE; x++) {
        double s = 0;
        for (int y = 0; y < SIZE; y++) {
          s += px[y * SIZE + x] * COS[k][y];
        }
        rows[k][x] = 2 * s;
      }
    }
    // Then along rows (axis 1), again only the 8 lowest frequencies.
    double[] coef = new double[LOW * LOW];
    for (int k = 0; k < LOW; k++) {
      for (int j = 0; j < LOW; j++) {
        double s = 0;
        for (int x = 0; x < SIZE; x++) {
          s += rows[k][x] * COS[j][x];
        }
        coef[k * LOW + j] = 2 * s;
      }
    }
    double[] sorted = coef.clone();
    Arrays.sort(sorted);
    double median = (sorted[31] + sorted[32]) / 2;
    long hash = 0;
    for (int i = 0; i < coef.length; i++) {
      hash = (hash << 1) | (coef[i] > median ? 1 : 0);
    }
    return hash;
  }

  /** Number of differing bits, 0..64. */
  /** Number of hashes {@link #variants} returns. */
  public static final int VARIANTS = 7;

  /** The geometric variants of a verification image (see {@link #variants(Mat)}). */
  public static long[] variants(GrayImage g) {
    Mat m = g.toMat();
    try {
      return variants(m);
    } finally {
      m.release();
    }
  }

  /**
   * The pHashes of an image's geometric variants, to find mirrored, rotated and cropped copies
   * without a model: as it is, mirrored left-right, mirrored top-bottom, turned 90°, 180° and 270°
   * clockwise, and its central 80 % (a crop-tolerant hash). The turns and flips are done on the
   * 32×32 grid the hash is computed from, so the variants cost one resize and seven small DCTs. The
   * pHash of a mirrored copy then equals the {@code mirrored} variant of the original (up to
   * resampling), at distance 0 where the plain hashes are ~30 bits apart.
   *
   * @param image 8-bit gray, BGR or BGRA
   */
  public static long[] variants(Mat image) {
    OpenCv.load();
    if (image == null || image.empty()) {
      throw new IllegalArgumentException("cannot hash an empty image");
    }
    double[] px = grid(image);
    long[] out = new long[VARIANTS];
    out[0] = fromPixels(px);
    double[] v = new double[SIZE * SIZE];
    int[][] maps = new int[5][];
    for (int k = 0; k < 5; k++) {
      maps[k] = new int[SIZE * SIZE];
    }
    for (int y = 0; y < SIZE; y++) {
      for (int x = 0; x < SIZE; x++) {
        int i = y * SIZE + x;
        int m = SIZE - 1;
        maps[0][i] = y * SIZE + (m - x); // mirrored left-right
        maps[1][i] = (m - y) * SIZE + x; // mirrored top-bottom
        maps[2][i] = (m - x) * SIZE + y; // turned 90 clockwise
        maps[3][i] = (m - y) * SIZE + (m - x); // 180
        maps[4][i] = x * SIZE + (m - y); // 270 clockwise
      }
    }
    for (int k = 0; k < 5; k++) {
      for (int i = 0; i < v.length; i++) {
        v[i] = px[maps[k][i]];
      }
      out[k + 1] = fromPixels(v);
    }
    int cw = Math.max(1, (int) Math.round(image.cols() * 0.8));
    int ch = Math.max(1, (int) Math.round(image.rows() * 0.8));
    Mat centre =
        image.submat(
            new org.opencv.core.Rect((image.cols() - cw) / 2, (image.rows() - ch) / 2, cw, ch));
    try {
      out[6] = fromPixels(grid(centre));
    } finally {
      centre.release();
    }
    return out;
  }

  /**
   * The smallest distance between {@code kept} and a geometric variant of {@code candidate}: the
   * candidate mirrored or turned, or either one's central 80 % against the other.
   *
   * @param kept {@link #variants} of one image
   * @param candidate {@link #variants} of the other
   */
  public static int geometricDistance(long[] kept, long[] candidate) {
    int best = 64;
    for (int v = 0; v < 6; v++) {
      best = Math.min(best, hamming(kept[0], candidate[v]));
    }
    best = Math.min(best, hamming(kept[6], candidate[0]));
    return Math.min(best, hamming(kept[0], candidate[6]));
  }

  private static double[] grid(Mat image) {
    double[] px = new double[SIZE * SIZE];
    Mat gray = Grayscale.copyOf(image);
    Mat small = new Mat();
    try {
      int interp =
          gray.cols() >= SIZE && gray.rows() >= SIZE ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
      Imgproc.resize(gray, small, new Size(SIZE, SIZE), 0, 0, interp);
      byte[] bytes = new byte[SIZE * SIZE];
      small.get(0, 0, bytes);
      for (int i = 0; i < bytes.length; i++) {
        px[i] = bytes[i] & 0xff;
      }
    } finally {
      gray.release();
      small.release();
    }
    return px;
  }

  public static int hamming(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** 16 lower-case hex digits, zero-padded, as imagehash prints a 64-bit hash. */
  public static String toHex(long hash) {
    return String.format(Locale.ROOT, "%016x", hash);
  }
}
