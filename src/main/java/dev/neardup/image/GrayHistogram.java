package dev.neardup.image;

/**
 * A 32-bin histogram of gray levels, normalised to sum 1: blind to where pixels are, so a rotated,
 * mirrored or moderately cropped copy keeps nearly the histogram of its original. The candidate
 * finder uses it, with the pHash variants, to decide which pairs are worth registering with local
 * features when there is no model (a false candidate costs time, never a wrong answer: the aligned
 * check decides).
 */
public final class GrayHistogram {
  /** Bins of a histogram. */
  public static final int BINS = 32;

  /**
   * Largest L1 distance (of 2) that still makes a pair an alignment candidate. Measured on the
   * edits of {@code calibrate} (rotations with black corners, crops of up to 15 %, flips):
   * distances up to ~0.3 for the rotations, well below for the rest.
   */
  public static final double ALIGN_CANDIDATE = 0.35;

  private GrayHistogram() {}

  /** The histogram of {@code image}. */
  public static float[] of(GrayImage image) {
    long[] counts = new long[BINS];
    for (byte b : image.pixels()) {
      counts[(b & 0xff) >> 3]++;
    }
    float[] out = new float[BINS];
    double n = image.pixelCount();
    for (int i = 0; i < BINS; i++) {
      out[i] = (float) (counts[i] / n);
    }
    return out;
  }

  /** L1 distance of two histograms, in [0, 2]. */
  public static double distance(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < BINS; i++) {
      d += Math.abs(a[i] - b[i]);
    }
    return d;
  }
}
