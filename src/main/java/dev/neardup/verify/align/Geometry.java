package dev.neardup.verify.align;

import java.util.ArrayList;
import java.util.List;

/** Small affine and polygon arithmetic on the heap, shared by the alignment classes. */
public final class Geometry {
  private Geometry() {}

  /** {@code a · b} for 2x3 affine matrices (row-major), as 3x3 with an implied last row. */
  public static double[] compose(double[] a, double[] b) {
    return new double[] {
      a[0] * b[0] + a[1] * b[3],
      a[0] * b[1] + a[1] * b[4],
      a[0] * b[2] + a[1] * b[5] + a[2],
      a[3] * b[0] + a[4] * b[3],
      a[3] * b[1] + a[4] * b[4],
      a[3] * b[2] + a[4] * b[5] + a[5]
    };
  }

  /**
   * The inverse of a 2x3 affine matrix.
   *
   * @throws IllegalArgumentException when the matrix is singular
   */
  public static double[] invert(double[] m) {
    double det = m[0] * m[4] - m[1] * m[3];
    if (!(Math.abs(det) > 1e-12)) {
      throw new IllegalArgumentException("affine matrix is singular (determinant " + det + ")");
    }
    double i0 = m[4] / det;
    double i1 = -m[1] / det;
    double i3 = -m[3] / det;
    double i4 = m[0] / det;
    return new double[] {i0, i1, -(i0 * m[2] + i1 * m[5]), i3, i4, -(i3 * m[2] + i4 * m[5])};
  }

  /** The matrix scaling x by {@code sx} and y by {@code sy} about the origin. */
  public static double[] scaling(double sx, double sy) {
    return new double[] {sx, 0, 0, 0, sy, 0};
  }

  /**
   * The matrix mapping pixel centres of an image {@code w × h} to pixel centres of the same image
   * resized to {@code w * fx × h * fy}: {@code x' = (x + 0.5) * fx - 0.5}.
   */
  public static double[] pixelScaling(double fx, double fy) {
    return new double[] {fx, 0, 0.5 * fx - 0.5, 0, fy, 0.5 * fy - 0.5};
  }

  /** The horizontal reflection of an image {@code width} wide: {@code x' = width - 1 - x}. */
  public static double[] mirror(int width) {
    return new double[] {-1, 0, width - 1, 0, 1, 0};
  }

  /** Where {@code m} sends {@code (x, y)}. */
  public static double[] apply(double[] m, double x, double y) {
    return new double[] {m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]};
  }

  /**
   * The footprint of an image {@code w × h} (its pixel squares, from -0.5 to w-0.5) under {@code
   * m}, as a polygon of 4 points {@code {x0, y0, x1, y1, ...}}.
   */
  public static double[] footprint(double[] m, int w, int h) {
    double[][] corners = {{-0.5, -0.5}, {w - 0.5, -0.5}, {w - 0.5, h - 0.5}, {-0.5, h - 0.5}};
    double[] out = new double[8];
    for (int i = 0; i < 4; i++) {
      double[] p = apply(m, corners[i][0], corners[i][1]);
      out[2 * i] = p[0];
      out[2 * i + 1] = p[1];
    }
    return out;
  }

  /** Absolute area of a simple polygon {@code {x0, y0, x1, y1, ...}} (shoelace). */
  public static double area(double[] poly) {
    double s = 0;
    int n = poly.length / 2;
    for (int i = 0; i < n; i++) {
      int j = (i + 1) % n;
      s += poly[2 * i] * poly[2 * j + 1] - poly[2 * j] * poly[2 * i + 1];
    }
    return Math.abs(s) / 2;
  }

  /**
   * Area of a convex polygon clipped to the rectangle {@code [-0.5, w-0.5] × [-0.5, h-0.5]}
   * (Sutherland–Hodgman against the four edges).
   */
  public static double clippedArea(double[] poly, int w, int h) {
    List<double[]> pts = new ArrayList<>();
    for (int i = 0; i < poly.length / 2; i++) {
      pts.add(new double[] {poly[2 * i], poly[2 * i + 1]});
    }
    pts = clip(pts, 0, -0.5, false);
    pts = clip(pts, 0, w - 0.5, true);
    pts = clip(pts, 1, -0.5, false);
    pts = clip(pts, 1, h - 0.5, true);
    double[] flat = new double[pts.size() * 2];
    for (int i = 0; i < pts.size(); i++) {
      flat[2 * i] = pts.get(i)[0];
      flat[2 * i + 1] = pts.get(i)[1];
    }
    return pts.size() < 3 ? 0 : area(flat);
  }

  /** Keeps the part of the polygon with {@code p[axis] >= limit} (or {@code <=} when upper). */
  private static List<double[]> clip(List<double[]> pts, int axis, double limit, boolean upper) {
    List<double[]> out = new ArrayList<>();
    int n = pts.size();
    for (int i = 0; i < n; i++) {
      double[] cur = pts.get(i);
      double[] prev = pts.get((i + n - 1) % n);
      boolean curIn = upper ? cur[axis] <= limit : cur[axis] >= limit;
      boolean prevIn = upper ? prev[axis] <= limit : prev[axis] >= limit;
      if (curIn != prevIn) {
        double t = (limit - prev[axis]) / (cur[axis] - prev[axis]);
        out.add(new double[] {prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])});
      }
      if (curIn) {
        out.add(cur);
      }
    }
    return out;
  }
}
