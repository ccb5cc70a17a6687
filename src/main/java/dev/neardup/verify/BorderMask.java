package dev.neardup.verify;

import java.util.Locale;

/**
 * Border strips, in percent of the image's width (left, right) and height (top, bottom), that the
 * pixel-diff check paints black in both images before differencing them.
 *
 * <p>Why: CCTV frames carry burnt-in timestamps and dash-cams see their own bonnet; both change or
 * shimmer between otherwise identical frames. The default {@code (5, 10, 5, 0)} hides a top
 * timestamp band and thin side strips.
 *
 * <p>A strip covers {@code floor(side * percent / 100)} pixels (e.g. 5% of 320 columns is 16
 * columns, 10% of 240 rows is 24 rows), so a thumbnail masks the same share of the scene as the
 * original, up to one pixel of rounding.
 *
 * @param left percent of the width masked at the left edge
 * @param top percent of the height masked at the top edge
 * @param right percent of the width masked at the right edge
 * @param bottom percent of the height masked at the bottom edge
 */
public record BorderMask(double left, double top, double right, double bottom) {

  /** The default strips: 5% left, 10% top, 5% right, nothing at the bottom. */
  public static final BorderMask DEFAULT = new BorderMask(5, 10, 5, 0);

  /** No strips: the whole frame is compared. */
  public static final BorderMask NONE = new BorderMask(0, 0, 0, 0);

  /**
   * Validates the strips.
   *
   * @throws IllegalArgumentException when a value is not finite or outside {@code [0, 100]}, or
   *     when {@code left + right >= 100} or {@code top + bottom >= 100} (nothing would be left to
   *     compare)
   */
  public BorderMask {
    check("left", left);
    check("top", top);
    check("right", right);
    check("bottom", bottom);
    if (left + right >= 100) {
      throw new IllegalArgumentException(
          "border mask left + right must be < 100; got " + left + " + " + right);
    }
    if (top + bottom >= 100) {
      throw new IllegalArgumentException(
          "border mask top + bottom must be < 100; got " + top + " + " + bottom);
    }
  }

  private static void check(String name, double v) {
    if (!(v >= 0 && v <= 100)) {
      throw new IllegalArgumentException(
          "border mask " + name + " must be in [0, 100] percent; got " + v);
    }
  }

  /**
   * Parses {@code "left,top,right,bottom"} in percent, e.g. {@code "5,10,5,0"}; spaces around the
   * numbers are allowed.
   *
   * @throws IllegalArgumentException when there are not exactly four numbers, one does not parse,
   *     or the strips are invalid; the message quotes the input
   */
  public static BorderMask parse(String spec) {
    if (spec == null) {
      throw new IllegalArgumentException("border mask must be 'left,top,right,bottom'; got null");
    }
    String[] parts = spec.split(",", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "border mask must be four percentages 'left,top,right,bottom'; got '" + spec + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "border mask value '" + parts[i].strip() + "' is not a number in '" + spec + "'", e);
      }
    }
    return new BorderMask(v[0], v[1], v[2], v[3]);
  }

  /** Pixels masked at the left edge of an image {@code width} wide. */
  public int leftPixels(int width) {
    return strip(width, left);
  }

  /** Pixels masked at the top edge of an image {@code height} tall. */
  public int topPixels(int height) {
    return strip(height, top);
  }

  /** Pixels masked at the right edge of an image {@code width} wide. */
  public int rightPixels(int width) {
    return strip(width, right);
  }

  /** Pixels masked at the bottom edge of an image {@code height} tall. */
  public int bottomPixels(int height) {
    return strip(height, bottom);
  }

  private static int strip(int side, double percent) {
    return (int) Math.floor(side * percent / 100.0);
  }

  /** The {@link #parse} form, e.g. {@code "5,10,5,0"}. */
  public String spec() {
    return fmt(left) + "," + fmt(top) + "," + fmt(right) + "," + fmt(bottom);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
  }
}
