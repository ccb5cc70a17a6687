package dev.neardup.verify;

/**
 * The row loops of {@link MaskWorkspace}: threshold with count and extent, running OR along a row
 * and across rows, and the skip over runs of equal pixels that the contour scan needs. With the
 * {@code jdk.incubator.vector} module (present under {@code bin/neardup} and the tests) they run 64
 * pixels per instruction ({@link VectorMaskOps}); without it, plain loops with the same results.
 */
final class MaskOps {
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private MaskOps() {}

  /**
   * Writes 1 where {@code |a[ai + i] - b[bi + i]| > threshold} (unsigned bytes), else 0, to {@code
   * dst[di + i]} for {@code i} in {@code [0, n)}, and returns the number of 1s; {@code extent[0]}
   * and {@code extent[1]} receive the first and last {@code i} written 1 (unchanged when none is).
   */
  static int threshold(
      byte[] a, int ai, byte[] b, int bi, int n, int threshold, byte[] dst, int di, int[] extent) {
    if (VECTOR) {
      return VectorMaskOps.threshold(a, ai, b, bi, n, threshold, dst, di, extent);
    }
    return scalarThreshold(a, ai, b, bi, 0, n, threshold, dst, di, extent, 0);
  }

  static int scalarThreshold(
      byte[] a,
      int ai,
      byte[] b,
      int bi,
      int from,
      int n,
      int threshold,
      byte[] dst,
      int di,
      int[] extent,
      int count) {
    int c = count;
    for (int i = from; i < n; i++) {
      int d = (a[ai + i] & 0xff) - (b[bi + i] & 0xff);
      if (d > threshold || -d > threshold) {
        dst[di + i] = 1;
        if (c++ == 0) {
          extent[0] = i;
        }
        extent[1] = i;
      } else {
        dst[di + i] = 0;
      }
    }
    return c;
  }

  /**
   * {@code dst[di + i] = src[si + i - k] | ... | src[si + i + k]} for {@code i} in {@code [0, n)}:
   * a {@code (2k+1)}-wide dilation of a 0/1 row; {@code src} must hold {@code k} readable pixels
   * beyond each end.
   */
  static void orAlongRow(byte[] src, int si, int n, int k, byte[] dst, int di) {
    if (VECTOR) {
      VectorMaskOps.orAlongRow(src, si, n, k, dst, di);
    } else {
      scalarOrAlongRow(src, si, 0, n, k, dst, di);
    }
  }

  static void scalarOrAlongRow(byte[] src, int si, int from, int n, int k, byte[] dst, int di) {
    for (int i = from; i < n; i++) {
      int v = 0;
      for (int j = -k; j <= k; j++) {
        v |= src[si + i + j];
      }
      dst[di + i] = (byte) v;
    }
  }

  /** {@code dst[di + i] |= src[si + i]} for {@code i} in {@code [0, n)}. */
  static void orInto(byte[] src, int si, int n, byte[] dst, int di) {
    if (VECTOR) {
      VectorMaskOps.orInto(src, si, n, dst, di);
    } else {
      scalarOrInto(src, si, 0, n, dst, di);
    }
  }

  static void scalarOrInto(byte[] src, int si, int from, int n, byte[] dst, int di) {
    for (int i = from; i < n; i++) {
      dst[di + i] |= src[si + i];
    }
  }

  /**
   * The first {@code x} in {@code [from, to]} with {@code img[row + x] != v}, or {@code to + 1}
   * when there is none.
   */
  static int skipEqual(byte[] img, int row, int from, int to, byte v) {
    if (VECTOR && to - from >= 64) {
      return VectorMaskOps.skipEqual(img, row, from, to, v);
    }
    return scalarSkipEqual(img, row, from, to, v);
  }

  static int scalarSkipEqual(byte[] img, int row, int from, int to, byte v) {
    int x = from;
    while (x <= to && img[row + x] == v) {
      x++;
    }
    return x;
  }
}
