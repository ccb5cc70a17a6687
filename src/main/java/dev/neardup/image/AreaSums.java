package dev.neardup.image;

/**
 * The tile sums an image would have after area interpolation down to a smaller size, computed from
 * the image itself without resizing it: what lets the signature bound compare two images of
 * different sizes (the check compares the larger one resized to the smaller's size) without paying
 * for the resize.
 *
 * <p><b>Why it works.</b> When the target is no wider and no taller than the source, area
 * interpolation makes each output pixel the mean of the source over the output pixel's footprint (a
 * rectangle with fractional edges), rounded to a byte. The sum of those means over a tile is the
 * integral of the source over the tile's footprint divided by one output pixel's footprint, and
 * that integral is a bilinear interpolation of the source's integral image at the footprint's
 * corners (the source is constant on each pixel, so its integral is bilinear inside each pixel).
 * Rounding moves each output pixel by at most 0.5 (OpenCV's float accumulation adds far less than
 * another 0.5), so the resized image's tile sum of {@code n} pixels lies within {@link #slack
 * slack(n)} of the approximation. {@code ResizedBoundTest} checks that premise against OpenCV's
 * resize.
 *
 * <p>Two ways to the same numbers: {@link #of} builds the whole integral image once and then
 * answers any number of target sizes in time proportional to their tiles (a probe against kept
 * images of many sizes); {@link #once} answers one size in one pass over the pixels without the
 * integral image (a kept image brought to one probe's size). Not thread-safe.
 */
public final class AreaSums {
  private final GrayImage source;

  /**
   * The most pixels an image may have here: its whole integral then fits an {@code int} (2^31 /
   * 255; a verification image has at most 800 × 600).
   */
  public static final long MAX_PIXELS = Integer.MAX_VALUE / 255;

  /** The integral image, {@code (w + 1) × (h + 1)}. */
  private final int[] integral;

  private AreaSums(GrayImage source) {
    this.source = source;
    checkSize(source);
    int w = source.width();
    int[] sums = new int[(w + 1) * (source.height() + 1)];
    byte[] p = source.pixels();
    for (int y = 0; y < source.height(); y++) {
      int row = 0;
      for (int x = 0; x < w; x++) {
        row += p[y * w + x] & 0xff;
        sums[(y + 1) * (w + 1) + x + 1] = sums[y * (w + 1) + x + 1] + row;
      }
    }
    this.integral = sums;
  }

  private static void checkSize(GrayImage source) {
    if (source.pixelCount() > MAX_PIXELS) {
      throw new IllegalArgumentException(
          "area sums of "
              + source.width()
              + "x"
              + source.height()
              + ": more than "
              + MAX_PIXELS
              + " pixels");
    }
  }

  /**
   * {@code source} with its integral image, for sums at many sizes.
   *
   * @throws IllegalArgumentException when it has more than {@link #MAX_PIXELS} pixels
   */
  public static AreaSums of(GrayImage source) {
    return new AreaSums(source);
  }

  /**
   * The numbers {@link #once} gives, from the source's block signature alone: when the source is
   * exactly {@code k} times the target on both sides (an integer {@code k >= 2}) and {@code k ×
   * block} is a whole number of the signature's tiles, each target tile's footprint is a whole
   * block of the source's tiles, so the integral over it is the sum of their sums. Else null (the
   * footprint cuts through tiles, and only the pixels can say how much of each it covers).
   *
   * @param source the larger image's signature
   * @param w the target's columns
   * @param h the target's rows
   * @param block the target grid's tile side
   */
  public static double[] fromSignature(BlockSignature source, int w, int h, int block) {
    int sw = source.width();
    int sh = source.height();
    if (w <= 0 || h <= 0 || block <= 0 || sw % w != 0 || sh % h != 0 || sw / w != sh / h) {
      return null;
    }
    int k = sw / w;
    int sb = source.block();
    if (k < 2 || ((long) k * block) % sb != 0) {
      return null;
    }
    int per = k * block / sb; // source tiles along one side of a target tile
    int tx = Math.ceilDiv(w, block);
    int ty = Math.ceilDiv(h, block);
    int stx = Math.ceilDiv(sw, sb);
    int sty = Math.ceilDiv(sh, sb);
    int[] sums = source.sums();
    double cell = (double) k * k;
    double[] out = new double[tx * ty];
    for (int by = 0; by < ty; by++) {
      for (int bx = 0; bx < tx; bx++) {
        long sum = 0;
        for (int j = by * per, je = Math.min(sty, j + per); j < je; j++) {
          for (int i = bx * per, ie = Math.min(stx, i + per); i < ie; i++) {
            sum += sums[j * stx + i];
          }
        }
        out[by * tx + bx] = sum / cell;
      }
    }
    return out;
  }

  /** How far a resized tile sum of {@code tilePixels} pixels may lie from its approximation. */
  public static double slack(long tilePixels) {
    return tilePixels + 1;
  }

  /**
   * Whether area interpolation from {@code source} to {@code w × h} shrinks (or keeps) both sides.
   */
  public static boolean applies(GrayImage source, int w, int h) {
    return w >= 1 && h >= 1 && w <= source.width() && h <= source.height();
  }

  /**
   * The approximate tile sums at {@code w × h} with tile side {@code block}, row-major as {@link
   * BlockSignature#sums()}.
   *
   * @throws IllegalArgumentException when the target is larger than the source on either side
   */
  public double[] at(int w, int h, int block) {
    Tiles t = new Tiles(source, w, h, block);
    int stride = source.width() + 1;
    double[] corner = new double[(t.tx + 1) * (t.ty + 1)];
    for (int j = 0; j <= t.ty; j++) {
      for (int i = 0; i <= t.tx; i++) {
        int c = t.col[i];
        int r = t.row[j];
        corner[j * (t.tx + 1) + i] =
            t.bilinear(
                integral[r * stride + c],
                integral[r * stride + c + 1],
                integral[(r + 1) * stride + c],
                integral[(r + 1) * stride + c + 1],
                i,
                j);
      }
    }
    return t.sums(corner);
  }

  /**
   * {@link #at} for one target size, in one pass over {@code source}'s pixels: the integral is
   * taken only at the rows and columns the tile corners need.
   *
   * @throws IllegalArgumentException when the target is larger than the source on either side, or
   *     the source has more than {@link #MAX_PIXELS} pixels
   */
  public static double[] once(GrayImage source, int w, int h, int block) {
    checkSize(source);
    Tiles t = new Tiles(source, w, h, block);
    int sw = source.width();
    int sh = source.height();
    // The integral is needed at rows row[j] and row[j] + 1 and columns col[i] and col[i] + 1.
    int[] needRow = new int[sh + 2];
    java.util.Arrays.fill(needRow, -1);
    int rows = 0;
    for (int j = 0; j <= t.ty; j++) {
      for (int r = t.row[j]; r <= t.row[j] + 1; r++) {
        if (needRow[r] < 0) {
          needRow[r] = rows++;
        }
      }
    }
    int[] cols = new int[2 * (t.tx + 1)];
    int ncols = 0;
    for (int i = 0; i <= t.tx; i++) {
      for (int c = t.col[i]; c <= t.col[i] + 1; c++) {
        if (ncols == 0 || cols[ncols - 1] < c) {
          cols[ncols++] = c; // col[] is non-decreasing, so this stays sorted and unique
        }
      }
    }
    int[] colIndex = new int[sw + 2];
    for (int k = 0; k < ncols; k++) {
      colIndex[cols[k]] = k;
    }
    int[] table = new int[rows * ncols];
    int[] columnSums = new int[sw]; // Σ over the rows above of each column (≤ 255 × 2^23 rows)
    byte[] p = source.pixels();
    for (int r = 0; r <= sh; r++) {
      if (needRow[r] >= 0) {
        int base = needRow[r] * ncols;
        int run = 0;
        int x = 0;
        for (int k = 0; k < ncols; k++) {
          while (x < cols[k]) {
            run += columnSums[x++];
          }
          table[base + k] = run;
        }
      }
      if (r < sh) {
        RowSums.add(p, r * sw, sw, columnSums);
      }
    }
    double[] corner = new double[(t.tx + 1) * (t.ty + 1)];
    for (int j = 0; j <= t.ty; j++) {
      int top = needRow[t.row[j]] * ncols;
      int bottom = needRow[t.row[j] + 1] * ncols;
      for (int i = 0; i <= t.tx; i++) {
        int k = colIndex[t.col[i]];
        corner[j * (t.tx + 1) + i] =
            t.bilinear(
                table[top + k], table[top + k + 1], table[bottom + k], table[bottom + k + 1], i, j);
      }
    }
    return t.sums(corner);
  }

  /** The tile corners of a target grid in the source's coordinates. */
  private static final class Tiles {
    final int tx;
    final int ty;
    final double cell;

    /** Whole source column and row below each corner, and the fraction past it. */
    final int[] col;

    final int[] row;
    final double[] fx;
    final double[] fy;

    Tiles(GrayImage source, int w, int h, int block) {
      if (!applies(source, w, h) || block < 1) {
        throw new IllegalArgumentException(
            "area sums of "
                + source.width()
                + "x"
                + source.height()
                + " at "
                + w
                + "x"
                + h
                + " (block "
                + block
                + "): only a smaller or equal size");
      }
      tx = Math.ceilDiv(w, block);
      ty = Math.ceilDiv(h, block);
      double sx = (double) source.width() / w;
      double sy = (double) source.height() / h;
      cell = sx * sy;
      col = new int[tx + 1];
      fx = new double[tx + 1];
      for (int i = 0; i <= tx; i++) {
        double x = Math.min(w, i * block) * sx;
        col[i] = Math.min((int) Math.floor(x), source.width() - 1);
        fx[i] = x - col[i];
      }
      row = new int[ty + 1];
      fy = new double[ty + 1];
      for (int j = 0; j <= ty; j++) {
        double y = Math.min(h, j * block) * sy;
        row[j] = Math.min((int) Math.floor(y), source.height() - 1);
        fy[j] = y - row[j];
      }
    }

    /** The integral at corner (i, j) from the integral at the four whole pixels around it. */
    double bilinear(int a, int b, int c, int d, int i, int j) {
      double x = fx[i];
      double y = fy[j];
      return a + x * (b - a) + y * (c - a) + x * y * ((double) d - b - c + a);
    }

    double[] sums(double[] corner) {
      double[] sums = new double[tx * ty];
      for (int j = 0; j < ty; j++) {
        for (int i = 0; i < tx; i++) {
          int c = j * (tx + 1) + i;
          sums[j * tx + i] =
              (corner[c + tx + 2] - corner[c + tx + 1] - corner[c + 1] + corner[c]) / cell;
        }
      }
      return sums;
    }
  }
}
