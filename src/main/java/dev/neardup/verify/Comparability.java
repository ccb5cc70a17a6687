package dev.neardup.verify;

import dev.neardup.image.GrayImage;
import dev.neardup.image.StoredImage;
import java.util.Locale;

/**
 * What every verify level can compare: both images at least {@link
 * PixelDiffParams#MIN_COMPARABLE_SIDE} px on each side, as given and as stored for verification,
 * and sizes at most {@link PixelDiffParams#MAX_SIZE_RATIO} apart. A pair beyond these limits is
 * "not comparable" at every level, with the reason; the check is symmetric in the pair.
 */
final class Comparability {
  private Comparability() {}

  /** Null when the pair can be compared, else a sentence saying why not. */
  static String whyNot(StoredImage a, StoredImage b) {
    int min = PixelDiffParams.MIN_COMPARABLE_SIDE;
    for (StoredImage s : new StoredImage[] {a, b}) {
      if (Math.min(s.width(), s.height()) < min) {
        return String.format(
            Locale.ROOT,
            "not comparable: a %dx%d image is below the smallest comparable size of %d px",
            s.width(),
            s.height(),
            min);
      }
      GrayImage g = s.gray();
      if (Math.min(g.width(), g.height()) < min) {
        return String.format(
            Locale.ROOT,
            "not comparable: the %dx%d image is stored at %dx%d for verification, below the"
                + " smallest comparable size of %d px",
            s.width(),
            s.height(),
            g.width(),
            g.height(),
            min);
      }
    }
    double ratio =
        Math.sqrt((double) Math.max(a.pixels(), b.pixels()) / Math.min(a.pixels(), b.pixels()));
    if (ratio > PixelDiffParams.MAX_SIZE_RATIO) {
      StoredImage small = a.pixels() <= b.pixels() ? a : b;
      StoredImage large = small == a ? b : a;
      return String.format(
          Locale.ROOT,
          "not comparable: sizes %dx%d and %dx%d are %.1f times apart, more than the largest"
              + " size ratio of %.0f",
          small.width(),
          small.height(),
          large.width(),
          large.height(),
          ratio,
          PixelDiffParams.MAX_SIZE_RATIO);
    }
    return null;
  }

  /** Whether stored images of these sizes are too small for any level (for pruning). */
  static boolean tooSmall(int width, int height) {
    return Math.min(width, height) < PixelDiffParams.MIN_COMPARABLE_SIDE;
  }

  /** The verdict of a pair that is not comparable: not a duplicate, with the reason. */
  static Verdict verdict(StoredImage a, StoredImage b, String why) {
    GrayImage small = a.pixels() <= b.pixels() ? a.gray() : b.gray();
    return Verdict.identity(DiffResult.notComparable(small.width(), small.height(), why));
  }
}
