package dev.neardup.bench;

import java.util.Arrays;

/**
 * Summary of repeated timings: median and 90th percentile in milliseconds.
 *
 * @param runs timed runs
 * @param medianMs median
 * @param p90Ms 90th percentile (nearest rank)
 */
public record Timing(int runs, double medianMs, double p90Ms) {
  /** Summarises nanosecond samples. */
  static Timing of(long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int n = s.length;
    double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2.0;
    double p90 = s[Math.max(0, (int) Math.ceil(n * 0.9) - 1)];
    return new Timing(n, median / 1e6, p90 / 1e6);
  }
}
