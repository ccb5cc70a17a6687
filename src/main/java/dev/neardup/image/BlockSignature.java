package dev.neardup.image;

import java.nio.ByteBuffer;

/**
 * Sums of the gray values of a verification image over a grid of {@code block × block} tiles: a few
 * kilobytes that bound from below how many pixels of two same-sized images can differ by more than
 * the binary threshold, without reading the images themselves.
 *
 * <p>Why it is exact. For any pixel, {@code |a - b| <= t} when it is unchanged and {@code <= 255}
 * when it is changed ({@code > t}). So over a tile of {@code n} pixels of which {@code c} changed,
 * {@code Σ|a - b| <= t(n - c) + 255c}, and by the triangle inequality {@code |Σa - Σb| <= Σ|a -
 * b|}; hence {@code c >= (|Σa - Σb| - t·n) / (255 - t)}. Summing the per-tile bounds (each at least
 * 0) gives a lower bound on the changed pixels of the whole image. Only tiles that lie entirely
 * inside the unmasked area are used: the border mask paints both images black there, which the raw
 * sums do not see. A blur changes the pixels the check compares, so callers must not use the bound
 * when a blur is configured.
 *
 * @param width columns of the image the sums were taken of
 * @param height rows of that image
 * @param block tile side in pixels (tiles at the right and bottom edges may be smaller)
 * @param sums tile sums, row-major, {@code ceil(width / block) * ceil(height / block)} of them
 */
public record BlockSignature(int width, int height, int block, int[] sums) {
  /** Most tiles a signature has: the tile side doubles until the grid fits. */
  static final int MAX_TILES = 2048;

  /**
   * The smallest tile side. Why 16, not 8: a 16×16 tile's sum fits 16 bits (at most 65,280), so a
   * 320×240 camera frame's signature is 300 tiles in 600 bytes instead of 1,200 tiles in 4.8 KB,
   * which is what lets the index stay under a tenth of a camera archive's JPEG bytes. What it costs
   * was measured on the shared folders: random pairs of {@code cctv/pets2001} frames are pruned by
   * neither grid (their changes are too small for any tile to prove), and on 5,000 random pairs of
   * UKBench photos (640×480, whose grid was 16 already) 3,413 are pruned at 16 and 3,802 at 8.
   */
  static final int MIN_BLOCK = 16;

  /** Version 1 wrote 32-bit sums; version 2 writes 16-bit sums when the tile side is at most 16. */
  private static final byte VERSION = 2;

  private static final byte VERSION_INT_SUMS = 1;

  public BlockSignature {
    if (width <= 0 || height <= 0 || block <= 0) {
      throw new IllegalArgumentException(
          "signature of " + width + "x" + height + " with block " + block + " is not valid");
    }
    if (sums.length != cols(width, block) * cols(height, block)) {
      throw new IllegalArgumentException(
          "signature of "
              + width
              + "x"
              + height
              + " with block "
              + block
              + " needs "
              + cols(width, block) * cols(height, block)
              + " sums; got "
              + sums.length);
    }
  }

  /** The signature of {@code image}, with the smallest tile side (16, 32, ...) that fits. */
  public static BlockSignature of(GrayImage image) {
    int w = image.width();
    int h = image.height();
    int block = blockFor(w, h);
    int tx = cols(w, block);
    int ty = cols(h, block);
    int[] sums = new int[tx * ty];
    byte[] p = image.pixels();
    int[] column = new int[w]; // one tile row's sum down each column (at most 255 × block)
    for (int by = 0; by < ty; by++) {
      java.util.Arrays.fill(column, 0);
      for (int y = by * block, end = Math.min(h, y + block); y < end; y++) {
        RowSums.add(p, y * w, w, column);
      }
      for (int bx = 0, x = 0; bx < tx; bx++) {
        int s = 0;
        for (int xe = Math.min(w, x + block); x < xe; x++) {
          s += column[x];
        }
        sums[by * tx + bx] = s;
      }
    }
    return new BlockSignature(w, h, block, sums);
  }

  /**
   * A lower bound on the number of pixels whose absolute difference exceeds {@code threshold},
   * counting only tiles inside {@code [x0, x1) × [y0, y1)} (the unmasked area).
   *
   * @throws IllegalArgumentException when the two signatures are not of the same size and grid
   */
  public long changedAtLeast(BlockSignature other, int threshold, int x0, int y0, int x1, int y1) {
    requireSameGrid(other);
    return changedAtLeast(other.sums, null, null, null, threshold, x0, y0, x1, y1, Long.MAX_VALUE);
  }

  /**
   * {@link #changedAtLeast(BlockSignature, int, int, int, int, int)} made tighter by the two
   * images' {@link TileHistograms}: in each tile the larger of the two bounds, the sums' and the
   * histograms'. Stops counting once the bound exceeds {@code stopAbove} (it then returns some
   * value above it).
   *
   * @param mine this signature's image's histograms
   * @param theirs {@code other}'s image's histograms
   * @throws IllegalArgumentException when the signatures or histograms are not of one grid
   */
  public long changedAtLeast(
      BlockSignature other,
      TileHistograms mine,
      TileHistograms theirs,
      int threshold,
      int x0,
      int y0,
      int x1,
      int y1,
      long stopAbove) {
    if (!mine.matches(this) || !theirs.matches(other)) {
      throw new IllegalArgumentException(
          "histograms of another grid than the signatures " + width + "x" + height + "/" + block);
    }
    requireSameGrid(other);
    return changedAtLeast(other.sums, null, mine, theirs, threshold, x0, y0, x1, y1, stopAbove);
  }

  private void requireSameGrid(BlockSignature other) {
    if (other.width != width || other.height != height || other.block != block) {
      throw new IllegalArgumentException(
          "signatures of different grids: "
              + width
              + "x"
              + height
              + "/"
              + block
              + " vs "
              + other.width
              + "x"
              + other.height
              + "/"
              + other.block);
    }
  }

  /**
   * {@link #changedAtLeast(BlockSignature, int, int, int, int, int)} against tile sums of this
   * signature's grid that are known only to within {@link AreaSums#slack} each ({@link AreaSums}):
   * each tile's dead zone widens by its slack, so the bound still holds for the exact sums.
   *
   * @param approximate tile sums in this grid, row-major, each within its slack of the real ones
   * @throws IllegalArgumentException when {@code approximate} has another number of tiles
   */
  public long changedAtLeast(double[] approximate, int threshold, int x0, int y0, int x1, int y1) {
    if (approximate.length != sums.length) {
      throw new IllegalArgumentException(
          "approximate sums of " + approximate.length + " tiles for a grid of " + sums.length);
    }
    return changedAtLeast(null, approximate, null, null, threshold, x0, y0, x1, y1, Long.MAX_VALUE);
  }

  /**
   * The one loop of the bounds, over the tiles inside {@code [x0, x1) × [y0, y1)}: against {@code
   * exact} sums (integer arithmetic), in each tile at least the histograms' bound when both {@code
   * mine} and {@code theirs} are given, or, when {@code exact} is null, against {@code approximate}
   * ones with each tile's dead zone widened by its slack.
   */
  private long changedAtLeast(
      int[] exact,
      double[] approximate,
      TileHistograms mine,
      TileHistograms theirs,
      int threshold,
      int x0,
      int y0,
      int x1,
      int y1,
      long stopAbove) {
    // Each tile's bound, as an excess over the dead zone in units of (255 - t) changed pixels.
    long stop = stopAbove >= Long.MAX_VALUE / 256 ? Long.MAX_VALUE : stopAbove * (255 - threshold);
    int[] binsA = mine == null ? null : new int[TileHistograms.BINS];
    int[] binsB = mine == null ? null : new int[TileHistograms.BINS];
    int reach = TileHistograms.reach(threshold);
    int tx = cols(width, block);
    int ty = cols(height, block);
    int bx0 = Math.ceilDiv(x0, block);
    int by0 = Math.ceilDiv(y0, block);
    long whole = 0;
    double part = 0;
    for (int by = by0; by < ty; by++) {
      int ys = by * block;
      int ye = Math.min(height, ys + block);
      if (ye > y1) {
        break;
      }
      for (int bx = bx0; bx < tx; bx++) {
        int xs = bx * block;
        int xe = Math.min(width, xs + block);
        if (xe > x1) {
          break;
        }
        int i = by * tx + bx;
        long n = (long) (ye - ys) * (xe - xs);
        if (exact != null) {
          long d = Math.abs((long) sums[i] - exact[i]) - threshold * n;
          if (mine != null) {
            d =
                Math.max(
                    d,
                    (n - mine.unchangedAtMost(theirs, i, (int) n, reach, binsA, binsB))
                        * (255 - threshold));
          }
          if (d > 0) {
            whole += d;
            if (whole > stop) {
              return Math.ceilDiv(whole, 255 - threshold);
            }
          }
        } else {
          double d =
              Math.abs(sums[i] - approximate[i]) - AreaSums.slack(n) - (double) threshold * n;
          if (d > 0) {
            part += d;
          }
        }
      }
    }
    // Each approximate tile's d is at most its exact excess, so floor keeps the bound below.
    return exact != null
        ? Math.ceilDiv(whole, 255 - threshold)
        : (long) Math.ceil(Math.floor(part) / (255 - threshold));
  }

  /**
   * A compact, versioned encoding for the index: the size and tile side, then each sum as an
   * unsigned 16-bit value when tiles are at most 16×16 (a sum is then at most 65,280), else as 32
   * bits.
   */
  public byte[] encode() {
    boolean narrow = block <= MIN_BLOCK;
    ByteBuffer b = ByteBuffer.allocate(1 + 12 + (narrow ? 2 : 4) * sums.length);
    b.put(VERSION).putInt(width).putInt(height).putInt(block);
    for (int s : sums) {
      if (narrow) {
        b.putShort((short) s);
      } else {
        b.putInt(s);
      }
    }
    return b.array();
  }

  /**
   * Reads {@link #encode()}'s bytes, and those of version 1 (32-bit sums, in indexes written
   * before).
   *
   * @throws IllegalArgumentException for another version or a truncated value
   */
  public static BlockSignature decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    byte version = bytes.length < 13 ? 0 : b.get();
    if (version != VERSION && version != VERSION_INT_SUMS) {
      throw new IllegalArgumentException(
          "not a block signature of version " + VERSION_INT_SUMS + " or " + VERSION);
    }
    int w = b.getInt();
    int h = b.getInt();
    int block = b.getInt();
    boolean narrow = version == VERSION && block <= MIN_BLOCK;
    int n = (bytes.length - 13) / (narrow ? 2 : 4);
    int[] sums = new int[n];
    for (int i = 0; i < n; i++) {
      sums[i] = narrow ? Short.toUnsignedInt(b.getShort()) : b.getInt();
    }
    return new BlockSignature(w, h, block, sums);
  }

  /** The tile side {@link #of} gives a {@code w × h} image: 16, doubled until the grid fits. */
  public static int blockFor(int w, int h) {
    int block = MIN_BLOCK;
    while ((long) cols(w, block) * cols(h, block) > MAX_TILES) {
      block *= 2;
    }
    return block;
  }

  private static int cols(int side, int block) {
    return Math.ceilDiv(side, block);
  }
}
