package dev.neardup.image;

import java.util.Arrays;

/**
 * The part of an image inside its uniform borders: black or white bars of a letter-boxed (top and
 * bottom) or pillar-boxed (left and right) copy, or both. Found on the gray verification image, in
 * its pixel coordinates.
 *
 * <p>Why: a photo and its boxed copy have far-apart pHashes and gray histograms (a third of the
 * copy may be one gray level), so without a model the candidate stage never proposed the pair to
 * the aligned level, which registers it at once. The hashes of the content box ({@link
 * ContentHashes}) are those of the photo.
 *
 * <p>How: each side is trimmed independently. The outermost line (row or column) gives the bar's
 * gray level, its median; a line belongs to the bar while at most {@link #OUTLIERS} of its pixels
 * are more than {@link #TOLERANCE} gray levels from that level (JPEG noise in a flat bar stays well
 * inside; the ringing next to the picture's edge makes the box a few pixels larger, which does not
 * matter for a 32×32 hash). Rows are trimmed first, across the whole width, then columns within the
 * remaining rows, so a window-boxed copy (bars on all four sides) is trimmed too.
 *
 * <p>Edge cases: a flat image (every line uniform, or two flat bands) has no content box: {@link
 * #find} returns null, never an empty box. An image without bars gets the whole image.
 *
 * @param x left column of the content
 * @param y top row of the content
 * @param width columns of content, at least 1
 * @param height rows of content, at least 1
 */
public record ContentBox(int x, int y, int width, int height) {
  /** Gray levels a bar's pixel may be from the bar's level (JPEG noise in flat areas: 1–4). */
  public static final int TOLERANCE = 10;

  /** Fraction of a line's pixels that may be farther (JPEG block edges, a stray speck). */
  public static final double OUTLIERS = 0.01;

  public ContentBox {
    if (x < 0 || y < 0 || width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "a content box needs x, y >= 0 and a positive size; got "
              + x
              + ","
              + y
              + " "
              + width
              + "x"
              + height);
    }
  }

  /**
   * The content box of a gray image.
   *
   * @param gray row-major 8-bit gray pixels, {@code width × height} of them
   * @return the box inside the uniform borders (the whole image when there are none), or null when
   *     the image is flat: nothing is left once its uniform lines are trimmed
   * @throws IllegalArgumentException when the sizes do not match the pixels
   */
  public static ContentBox find(byte[] gray, int width, int height) {
    if (width < 1 || height < 1 || gray.length != (long) width * height) {
      throw new IllegalArgumentException(
          "need " + width + "x" + height + " gray pixels; got " + gray.length);
    }
    int top = 0;
    int level = median(gray, 0, 1, width);
    while (top < height && uniform(gray, top * width, 1, width, level)) {
      top++;
    }
    if (top == height) {
      return null;
    }
    int bottom = height;
    level = median(gray, (height - 1) * width, 1, width);
    while (bottom > top && uniform(gray, (bottom - 1) * width, 1, width, level)) {
      bottom--;
    }
    if (bottom == top) {
      return null;
    }
    int rows = bottom - top;
    int left = 0;
    level = median(gray, top * width, width, rows);
    while (left < width && uniform(gray, top * width + left, width, rows, level)) {
      left++;
    }
    if (left == width) {
      return null;
    }
    int right = width;
    level = median(gray, top * width + width - 1, width, rows);
    while (right > left && uniform(gray, top * width + right - 1, width, rows, level)) {
      right--;
    }
    if (right == left) {
      return null;
    }
    return new ContentBox(left, top, right - left, rows);
  }

  /** True when this box is all of a {@code width × height} image (it has no borders). */
  public boolean isWhole(int width, int height) {
    return x == 0 && y == 0 && this.width == width && this.height == height;
  }

  /**
   * True when the borders are wide enough to change a hash: at least {@code fraction} of the width
   * or of the height is trimmed (a one-pixel dark rim of a scan is not a letter box).
   */
  public boolean trims(int width, int height, double fraction) {
    return width - this.width >= fraction * width || height - this.height >= fraction * height;
  }

  /** Whether the {@code n} pixels from {@code start}, {@code step} apart, are at {@code level}. */
  private static boolean uniform(byte[] g, int start, int step, int n, int level) {
    int allowed = (int) (OUTLIERS * n);
    int off = 0;
    for (int i = 0, p = start; i < n; i++, p += step) {
      if (Math.abs((g[p] & 0xff) - level) > TOLERANCE && ++off > allowed) {
        return false;
      }
    }
    return true;
  }

  private static int median(byte[] g, int start, int step, int n) {
    int[] counts = new int[256];
    for (int i = 0, p = start; i < n; i++, p += step) {
      counts[g[p] & 0xff]++;
    }
    int half = n / 2;
    int seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += counts[v];
      if (seen > half) {
        return v;
      }
    }
    throw new AssertionError("empty line: " + Arrays.toString(new int[] {start, step, n}));
  }
}
