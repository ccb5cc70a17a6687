package dev.neardup.verify.align;

import java.util.Arrays;

/**
 * The visual words of one image's keypoints ({@link Vocabulary#bag}) as a sparse histogram: its
 * distinct words in ascending order, each with how many keypoints fell in it, packed into one int
 * ({@code word << 8 | count}, a count above 255 kept as 255) so that a kept image costs 4 bytes per
 * distinct word.
 *
 * @param packed {@code word << 8 | count}, ascending by word, each word once, counts in [1, 255]
 * @param keypoints the number of keypoints quantised (the sum of the uncapped counts)
 */
public record WordBag(int[] packed, int keypoints) {
  /** Largest vocabulary a bag can name: words fit in 23 bits (the sign bit stays clear). */
  public static final int MAX_WORDS = 1 << 23;

  private static final int MAX_COUNT = 255;

  /** The bag of no keypoint. */
  public static final WordBag EMPTY = new WordBag(new int[0], 0);

  public WordBag {
    if (keypoints < 0) {
      throw new IllegalArgumentException("keypoints must be >= 0; got " + keypoints);
    }
    for (int i = 0; i < packed.length; i++) {
      if (packed[i] < 0
          || (packed[i] & MAX_COUNT) == 0
          || (i > 0 && word(packed, i) <= word(packed, i - 1))) {
        throw new IllegalArgumentException(
            "a bag holds ascending distinct words with counts >= 1; entry " + i + " breaks it");
      }
    }
  }

  /** The bag of these words (each in [0, {@link #MAX_WORDS})), in any order, repeats counted. */
  public static WordBag of(int[] words) {
    int[] w = words.clone();
    Arrays.sort(w);
    int[] out = new int[w.length];
    int n = 0;
    for (int i = 0; i < w.length; ) {
      if (w[i] < 0 || w[i] >= MAX_WORDS) {
        throw new IllegalArgumentException("word must be in [0, " + MAX_WORDS + "); got " + w[i]);
      }
      int j = i;
      while (j < w.length && w[j] == w[i]) {
        j++;
      }
      out[n++] = w[i] << 8 | Math.min(MAX_COUNT, j - i);
      i = j;
    }
    return new WordBag(Arrays.copyOf(out, n), w.length);
  }

  /** Distinct words. */
  public int size() {
    return packed.length;
  }

  /** The {@code i}-th distinct word. */
  public int word(int i) {
    return word(packed, i);
  }

  /** How many keypoints fell in the {@code i}-th distinct word (at most 255). */
  public int count(int i) {
    return packed[i] & MAX_COUNT;
  }

  private static int word(int[] packed, int i) {
    return packed[i] >>> 8;
  }

  /** Bytes held on the heap. */
  public long heapBytes() {
    return 4L * packed.length + 32;
  }
}
