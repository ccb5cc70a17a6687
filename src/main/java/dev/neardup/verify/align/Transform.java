package dev.neardup.verify.align;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A registration of a candidate image onto a kept image, and what it means in words.
 *
 * <p>{@code matrix} is the 2x3 affine matrix, row-major {@code {a, b, c, d, e, f}}, that maps a
 * candidate pixel {@code (x, y)} (the candidate's own full coordinates, pixel centres at integers)
 * to {@code (a x + b y + c, d x + e y + f)} in the kept image. The other components describe the
 * candidate <em>as an edit of the kept image</em>: a candidate made by shrinking the kept image to
 * 47 % has {@code scale} 0.47; one made by turning it a quarter turn clockwise (OpenCV's {@code
 * ROTATE_90_CLOCKWISE}, JImageHash's {@code Lenna90.png}) has {@code rotationDegrees} 90. Build one
 * with {@link #of}, which derives them from the matrix.
 *
 * @param matrix candidate → kept, 6 finite values (copied)
 * @param mirrored whether the candidate is a horizontal mirror of the kept image (a vertical flip
 *     is a mirror plus a half turn)
 * @param rotationDegrees the quarter turn nearest to the edit's rotation, clockwise as seen on
 *     screen: 0, 90, 180 or 270
 * @param residualDegrees the rest of the rotation, in {@code (-45, 45]} degrees
 * @param scale the edit's linear scale, {@code sqrt(scaleX * scaleY)}
 * @param scaleX the edit's scale along the kept image's x axis
 * @param scaleY the edit's scale along the kept image's y axis
 * @param shear the edit's shear (0 for any similarity or axis-aligned resize)
 * @param cropFraction share of the larger content footprint (kept frame, or the candidate's frame
 *     mapped into it) that the other image lacks, in {@code [0, 1]}: 0 when nothing was cut
 * @param inliers RANSAC inliers supporting the transform
 * @param matches ratio-test matches the transform was fitted to
 * @param overlap the intersection of the two footprints as a share of the smaller one, in {@code
 *     [0, 1]}: 1 when one image lies entirely inside the other
 * @param candidateWidth candidate columns
 * @param candidateHeight candidate rows
 * @param keptWidth kept columns
 * @param keptHeight kept rows
 */
public record Transform(
    double[] matrix,
    boolean mirrored,
    int rotationDegrees,
    double residualDegrees,
    double scale,
    double scaleX,
    double scaleY,
    double shear,
    double cropFraction,
    int inliers,
    int matches,
    double overlap,
    int candidateWidth,
    int candidateHeight,
    int keptWidth,
    int keptHeight) {

  /** Identity guard: largest scale deviation still taken as "no scaling", 0.5 %. */
  public static final double IDENTITY_SCALE = 0.005;

  /** Identity guard: largest rotation still taken as "not rotated", 0.25°. */
  public static final double IDENTITY_DEGREES = 0.25;

  /** Identity guard: largest displacement of the candidate's centre, 1.5 px. */
  public static final double IDENTITY_PIXELS = 1.5;

  /**
   * Validates and copies the matrix.
   *
   * @throws IllegalArgumentException when the matrix has not 6 finite values, a size is not
   *     positive, or {@code rotationDegrees} is not a quarter turn
   */
  public Transform {
    if (matrix == null || matrix.length != 6) {
      throw new IllegalArgumentException(
          "transform matrix must have 6 values; got " + (matrix == null ? "null" : matrix.length));
    }
    matrix = matrix.clone();
    for (double v : matrix) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "transform matrix must be finite; got " + Arrays.toString(matrix));
      }
    }
    if (rotationDegrees % 90 != 0 || rotationDegrees < 0 || rotationDegrees >= 360) {
      throw new IllegalArgumentException(
          "rotation_degrees must be 0, 90, 180 or 270; got " + rotationDegrees);
    }
    if (candidateWidth <= 0 || candidateHeight <= 0 || keptWidth <= 0 || keptHeight <= 0) {
      throw new IllegalArgumentException(
          "transform image sizes must be > 0; got candidate "
              + candidateWidth
              + "x"
              + candidateHeight
              + ", kept "
              + keptWidth
              + "x"
              + keptHeight);
    }
  }

  /** The matrix (a copy). */
  @Override
  public double[] matrix() {
    return matrix.clone();
  }

  /**
   * Derives a transform's meaning from its matrix.
   *
   * @param matrix candidate → kept, including the reflection when {@code mirrored}
   * @param mirrored whether {@code matrix} contains a horizontal reflection of the candidate
   * @throws IllegalArgumentException when the matrix is singular or a size is not positive
   */
  public static Transform of(
      double[] matrix,
      boolean mirrored,
      int inliers,
      int matches,
      int candidateWidth,
      int candidateHeight,
      int keptWidth,
      int keptHeight) {
    // Linear part without the reflection, then inverted: the edit that made the candidate.
    double a = matrix[0];
    double b = matrix[1];
    double d = matrix[3];
    double e = matrix[4];
    if (mirrored) {
      a = -a;
      d = -d;
    }
    double[] edit = Geometry.invert(new double[] {a, b, 0, d, e, 0});
    double phi = Math.atan2(edit[3], edit[0]);
    double sx = Math.hypot(edit[0], edit[3]);
    double det = edit[0] * edit[4] - edit[1] * edit[3];
    double sy = det / sx;
    double k = Math.cos(phi) * edit[1] + Math.sin(phi) * edit[4];
    // Image y points down, so a positive atan2 turns clockwise as seen on screen.
    double cw = Math.toDegrees(phi);
    int quarter = (int) Math.floorMod(Math.round(cw / 90.0), 4L);
    double residual = cw - quarter * 90;
    residual = residual - 360 * Math.round(residual / 360);
    if (residual <= -45) {
      residual += 90;
      quarter = (quarter + 3) % 4;
    }
    double[] poly = Geometry.footprint(matrix, candidateWidth, candidateHeight);
    double candArea = Geometry.area(poly);
    double keptArea = (double) keptWidth * keptHeight;
    double inter = Geometry.clippedArea(poly, keptWidth, keptHeight);
    double overlap = Math.min(1, inter / Math.min(candArea, keptArea));
    double crop = Math.max(0, 1 - inter / Math.max(candArea, keptArea));
    return new Transform(
        matrix,
        mirrored,
        quarter * 90,
        residual,
        Math.sqrt(Math.abs(sx * sy)),
        sx,
        Math.abs(sy),
        k / Math.abs(sy),
        crop,
        inliers,
        matches,
        overlap,
        candidateWidth,
        candidateHeight,
        keptWidth,
        keptHeight);
  }

  /** The identity between two images of the same size (no match evidence). */
  public static Transform identity(int width, int height) {
    return of(new double[] {1, 0, 0, 0, 1, 0}, false, 0, 0, width, height, width, height);
  }

  /** The whole rotation, clockwise, in {@code (-45, 315]} degrees. */
  public double angleDegrees() {
    return rotationDegrees + residualDegrees;
  }

  /** How far the candidate's centre moves, in kept pixels, beyond what scaling explains. */
  public double centreShift() {
    double cx = (candidateWidth - 1) / 2.0;
    double cy = (candidateHeight - 1) / 2.0;
    double[] p = Geometry.apply(matrix, cx, cy);
    return Math.hypot(p[0] - (keptWidth - 1) / 2.0, p[1] - (keptHeight - 1) / 2.0);
  }

  /**
   * The identity guard: not mirrored, no quarter turn, within {@link #IDENTITY_DEGREES} of no
   * rotation, within {@link #IDENTITY_SCALE} of scale 1 on both axes, the candidate's centre within
   * {@link #IDENTITY_PIXELS} of the kept centre, and both images of one size. Then the pair is
   * already aligned pixel for pixel, and the plain pixel-diff verdict stands (on fixed cameras an
   * estimated transform of a few tenths of a pixel would otherwise only add interpolation noise).
   */
  public boolean isIdentity() {
    return !mirrored
        && rotationDegrees == 0
        && Math.abs(residualDegrees) <= IDENTITY_DEGREES
        && Math.abs(scaleX - 1) <= IDENTITY_SCALE
        && Math.abs(scaleY - 1) <= IDENTITY_SCALE
        && Math.abs(shear) <= IDENTITY_SCALE
        && centreShift() <= IDENTITY_PIXELS
        && candidateWidth == keptWidth
        && candidateHeight == keptHeight;
  }

  /**
   * The transform in words, e.g. {@code identity}, {@code mirrored}, {@code rotated 90}, {@code
   * rotated -5.0}, {@code scaled 0.47 x 0.62}, {@code cropped 6 %}, {@code mirrored, cropped 8 %}.
   * Rotation is clockwise; scale is the candidate's size relative to the kept image; the crop is in
   * percent of the larger footprint's area.
   */
  public String label() {
    if (isIdentity() && centreShift() < 0.5) {
      return "identity";
    }
    List<String> parts = new ArrayList<>();
    if (mirrored) {
      parts.add("mirrored");
    }
    if (Math.abs(residualDegrees) > IDENTITY_DEGREES) {
      parts.add(String.format(Locale.ROOT, "rotated %.1f", angleDegrees()));
    } else if (rotationDegrees != 0) {
      parts.add("rotated " + rotationDegrees);
    }
    if (Math.abs(scaleX / scaleY - 1) > 0.01) {
      parts.add(String.format(Locale.ROOT, "scaled %.2f x %.2f", scaleX, scaleY));
    } else if (Math.abs(scale - 1) > IDENTITY_SCALE) {
      parts.add(String.format(Locale.ROOT, "scaled %.2f", scale));
    }
    if (Math.abs(shear) > 0.01) {
      parts.add(String.format(Locale.ROOT, "sheared %.2f", shear));
    }
    if (cropFraction >= 0.005) {
      parts.add(String.format(Locale.ROOT, "cropped %.0f %%", cropFraction * 100));
    }
    if (parts.isEmpty()) {
      parts.add(String.format(Locale.ROOT, "shifted %.1f px", centreShift()));
    }
    return String.join(", ", parts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Transform t
        && Arrays.equals(t.matrix, matrix)
        && t.mirrored == mirrored
        && t.inliers == inliers
        && t.matches == matches
        && t.candidateWidth == candidateWidth
        && t.candidateHeight == candidateHeight
        && t.keptWidth == keptWidth
        && t.keptHeight == keptHeight;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(matrix) + Boolean.hashCode(mirrored) + 7 * inliers;
  }

  @Override
  public String toString() {
    return "Transform[" + label() + ", inliers " + inliers + "/" + matches + "]";
  }
}
