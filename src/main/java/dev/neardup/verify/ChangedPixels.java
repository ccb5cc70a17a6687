package dev.neardup.verify;

/**
 * Counts the pixels whose absolute difference exceeds a threshold, stopping once the count passes a
 * limit: the inner loop of {@link PixelVerifier}. Uses the JDK's Vector API (AVX-512 on these CPUs:
 * 64 pixels per instruction) when the {@code jdk.incubator.vector} module is present (it is under
 * {@code bin/neardup} and the tests), else a plain loop with the same result.
 */
final class ChangedPixels {
  private static final boolean VECTOR =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private ChangedPixels() {}

  /**
   * The number of {@code i} in {@code [off, off + n)} with {@code |a[i] - b[i]| > threshold}
   * (unsigned bytes), or some number above {@code limit} as soon as the count is known to exceed
   * it.
   */
  static long count(byte[] a, byte[] b, int off, int n, int threshold, long limit) {
    return VECTOR
        ? VectorCount.count(a, b, off, n, threshold, limit)
        : scalar(a, b, off, off + n, threshold, limit, 0);
  }

  /**
   * Writes 255 where {@code |a[i] - b[i]| > threshold}, else 0, for {@code i} in {@code [off, off +
   * n)}.
   */
  static void mask(byte[] a, byte[] b, int off, int n, int threshold, byte[] out) {
    if (VECTOR) {
      VectorCount.mask(a, b, off, n, threshold, out);
    } else {
      scalarMask(a, b, off, off + n, threshold, out);
    }
  }

  /** {@link #mask} on {@code [from, to)}, one pixel at a time. */
  static void scalarMask(byte[] a, byte[] b, int from, int to, int threshold, byte[] out) {
    for (int i = from; i < to; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      out[i] = d > threshold || -d > threshold ? (byte) 255 : 0;
    }
  }

  /** {@link #count} on {@code [from, to)}, one pixel at a time, starting from {@code start}. */
  static long scalar(byte[] a, byte[] b, int from, int to, int threshold, long limit, long start) {
    long c = start;
    for (int i = from; i < to; i++) {
      int d = (a[i] & 0xff) - (b[i] & 0xff);
      if (d > threshold || -d > threshold) {
        c++;
        if (c > limit) {
          return c;
        }
      }
    }
    return c;
  }
}
