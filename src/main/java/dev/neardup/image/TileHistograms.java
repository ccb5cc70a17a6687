package dev.neardup.image;

/**
 * How the gray values of each tile of a {@link BlockSignature}'s grid spread over {@value #BINS}
 * bins of {@value #BIN_WIDTH} levels: with the tile sums, a much tighter lower bound on how many
 * pixels of a same-sized pair differ by more than the binary threshold.
 *
 * <p><b>Why the sums are not enough.</b> Two photos of different things often have tile means
 * within the threshold of each other: the sums then prove nothing, although nearly every pixel
 * differs. The histograms see that the values themselves are far apart.
 *
 * <p><b>Why it is exact.</b> Within one tile the check compares each pixel of one image with the
 * pixel at the same place in the other: a one-to-one pairing of the tile's {@code n} pixels. A pair
 * is unchanged only when {@code |a - b| <= t}, which needs their bins to be at most {@code k =
 * floor((t + 31) / 32)} apart (the nearest values of bins {@code d} apart differ by {@code 32d -
 * 31}). So the unchanged pixels of the tile form a matching between the two tiles' bin counts in
 * which bins at most {@code k} apart may be matched, and there are at most {@code M} of them, the
 * largest such matching; hence at least {@code n - M} changed. {@link #unchangedAtMost} finds
 * {@code M} greedily (each bin of one image, in order, takes the lowest bins of the other still
 * within reach): each bin's reach is an interval of bins and the intervals end in the same order,
 * for which that greedy matching is a largest one. The same tiles as the sums are used (those
 * entirely inside the unmasked area), so the border mask does not enter; a blur changes the pixels
 * compared, so, as for the sums, the bound is not used with one.
 *
 * <p>Only grids of {@value BlockSignature#MIN_BLOCK}-pixel tiles have histograms (every image of at
 * most 2,048 such tiles, 800×600 among them): a count then fits a byte, except a full tile whose
 * 256 pixels fall in one bin, which is stored as 255 and told apart by the counts summing to 255.
 * Computed from pixels in memory, never stored in the index: 9 bytes per tile, 10.8 KB for a
 * 640×480 image.
 */
public final class TileHistograms {
  /** Bins per tile. */
  public static final int BINS = 8;

  /** Gray levels per bin. */
  public static final int BIN_WIDTH = 256 / BINS;

  private final int width;
  private final int height;
  private final byte[] counts;

  /** Per tile, bit {@code i} set when bin {@code i} holds a pixel. */
  private final byte[] occupied;

  private TileHistograms(int width, int height, byte[] counts) {
    this.width = width;
    this.height = height;
    this.counts = counts;
    this.occupied = new byte[counts.length / BINS];
    for (int t = 0; t < occupied.length; t++) {
      int mask = 0;
      for (int i = 0; i < BINS; i++) {
        if (counts[t * BINS + i] != 0) {
          mask |= 1 << i;
        }
      }
      occupied[t] = (byte) mask;
    }
  }

  /**
   * The histograms of {@code image}'s tiles in the grid {@link BlockSignature#of} gives it, or null
   * when that grid's tiles are larger than {@value BlockSignature#MIN_BLOCK} pixels.
   */
  public static TileHistograms of(GrayImage image) {
    int w = image.width();
    int h = image.height();
    int block = BlockSignature.blockFor(w, h);
    if (block != BlockSignature.MIN_BLOCK) {
      return null;
    }
    int tx = Math.ceilDiv(w, block);
    int ty = Math.ceilDiv(h, block);
    int[] row = new int[tx * BINS];
    byte[] counts = new byte[tx * ty * BINS];
    byte[] p = image.pixels();
    for (int by = 0; by < ty; by++) {
      java.util.Arrays.fill(row, 0);
      for (int y = by * block, end = Math.min(h, y + block); y < end; y++) {
        int off = y * w;
        for (int x = 0; x < w; x++) {
          // Tile column x / 16, bin value / 32: (x >> 4) * 8 + (value >> 5).
          row[((x >>> 4) << 3) | ((p[off + x] & 0xff) >>> 5)]++;
        }
      }
      for (int i = 0; i < row.length; i++) {
        counts[by * tx * BINS + i] = (byte) Math.min(255, row[i]);
      }
    }
    return new TileHistograms(w, h, counts);
  }

  /** Columns of the image the histograms were taken of. */
  public int width() {
    return width;
  }

  /** Rows of that image. */
  public int height() {
    return height;
  }

  /** Bytes held (for a cache's weigher and the figures in the docs). */
  public int bytes() {
    return counts.length + occupied.length + 32;
  }

  /** Whether the two are of the grid of {@code signature}. */
  boolean matches(BlockSignature signature) {
    return signature.width() == width
        && signature.height() == height
        && signature.block() == BlockSignature.MIN_BLOCK;
  }

  /**
   * How many bins apart two values at most {@code threshold} apart can lie: {@code floor((threshold
   * + 31) / 32)}, at most {@value #BINS} - 1.
   */
  static int reach(int threshold) {
    return Math.min(BINS - 1, (threshold + BIN_WIDTH - 1) / BIN_WIDTH);
  }

  /**
   * The most pixels of tile {@code tile} (of {@code n} pixels) that can be unchanged between this
   * image and {@code other}: the largest matching of the two tiles' bin counts in which bins at
   * most {@code reach} ({@link #reach} of the threshold) apart may be matched. {@code a} and {@code
   * b} are scratch arrays of {@value #BINS}.
   */
  int unchangedAtMost(TileHistograms other, int tile, int n, int reach, int[] a, int[] b) {
    // Most tiles of real images fill one to three neighbouring bins: when every bin either tile
    // fills is within reach of every other, all may match; when the two spans are out of reach of
    // each other, none may.
    int occA = occupied[tile] & 0xff;
    int occB = other.occupied[tile] & 0xff;
    int lowA = Integer.numberOfTrailingZeros(occA);
    int highA = 31 - Integer.numberOfLeadingZeros(occA);
    int lowB = Integer.numberOfTrailingZeros(occB);
    int highB = 31 - Integer.numberOfLeadingZeros(occB);
    if (Math.max(highA, highB) - Math.min(lowA, lowB) <= reach) {
      return n;
    }
    if (lowA > highB + reach || lowB > highA + reach) {
      return 0;
    }
    read(counts, tile, n, a);
    read(other.counts, tile, n, b);
    return largestMatching(a, b, reach);
  }

  /**
   * The largest matching of the units of {@code a} with those of {@code b} in which a unit of bin
   * {@code i} may be matched with one of bin {@code j} when {@code |i - j| <= reach} (greedy; see
   * the class comment). {@code b} is used up.
   */
  static int largestMatching(int[] a, int[] b, int reach) {
    int matched = 0;
    for (int i = 0; i < a.length; i++) {
      int left = a[i];
      for (int j = Math.max(0, i - reach), end = Math.min(b.length - 1, i + reach);
          j <= end && left > 0;
          j++) {
        int m = Math.min(left, b[j]);
        b[j] -= m;
        left -= m;
        matched += m;
      }
    }
    return matched;
  }

  /** Tile {@code tile}'s bin counts into {@code out}, the one count of 256 restored. */
  private static void read(byte[] counts, int tile, int n, int[] out) {
    int sum = 0;
    int at = tile * BINS;
    for (int i = 0; i < BINS; i++) {
      out[i] = counts[at + i] & 0xff;
      sum += out[i];
    }
    if (sum == n - 1) {
      for (int i = 0; i < BINS; i++) {
        if (out[i] == 255) {
          out[i] = 256;
        }
      }
    }
  }
}
