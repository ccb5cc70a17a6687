package dev.neardup.verify;

import dev.neardup.image.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Steps 4 to 8 of {@link PixelDiff} on two prepared frames of one size, without enlargement, on
 * buffers that one thread reuses for every pair: absolute difference and threshold (counting the
 * changed pixels and stopping once they prove a failure), {@code k} 3×3 dilations, external
 * contours and the summed area of those of at least the minimum contour area. The result is the
 * {@link DiffResult} that OpenCV's steps give ({@code PixelCheckExactnessTest} holds it to them on
 * whole real folders and the odd-image catalogue).
 *
 * <p>Why: a fully checked 320×240 pair cost 0.23–0.26 ms with OpenCV's dilation and contours
 * through the Java binding ({@link OpenCvPixelCheck}: a mask copied to native memory, a native
 * {@code Mat} per contour), against 0.13–0.15 ms for the users' Python script; here it costs
 * 0.076–0.083 ms ({@code bench pixeldiff --against}, 1,198 pets2001 pairs, 2026-12-03, shared
 * 2-core machine). Nothing is allocated per pair but the result, nothing crosses into native code,
 * and every step after the threshold works only on the changed pixels' bounding box grown by {@code
 * k}.
 *
 * <ul>
 *   <li>Layout: each buffer holds the frame with a zero border of {@code k + 1} pixels, so that the
 *       dilation reads zeros beyond the frame (OpenCV's border for dilation) and the contour tracer
 *       sees zeros around it (OpenCV pads the mask by one).
 *   <li>Dilation: {@code k} iterations of a 3×3 square equal one {@code (2k+1)}-square maximum
 *       clipped to the frame (OpenCV merges them the same way); it runs as a running OR along the
 *       rows, then across them.
 *   <li>Contours: {@link ExternalContours}. The dilated buffer is zero outside the box between
 *       pairs; the box is cleared after each pair.
 * </ul>
 *
 * <p>Not thread-safe: {@link PixelVerifier} lends each to one check at a time.
 */
final class MaskWorkspace {
  /** The largest dilation count handled here; more goes through OpenCV. */
  static final int MAX_DILATE = 4;

  private int width = -1;
  private int height = -1;
  private int iterations = -1;
  private int stride;
  private int origin;
  private byte[] changed = new byte[0];
  private byte[] along = new byte[0];
  private byte[] dilated = new byte[0];
  private final int[] extent = new int[2];
  private byte[] scratch = new byte[0];
  private int[] area = new int[0];
  private final ExternalContours contours = new ExternalContours();

  /**
   * Scores the pair, or returns null as soon as more than {@code limit} pixels differ by more than
   * {@code threshold}.
   *
   * @param a the frame's checked pixels ({@link Prepared#checked}), row-major, at least {@code w *
   *     h} long; only the unmasked rectangle is read
   * @param b the other, same size
   * @param area the unmasked rectangle {@code {x0, y0, x1, y1}} ({@link PixelDiff#unmasked}): the
   *     border strips outside it are black in both frames, so no pixel there changes
   * @param dilate 3×3 dilations, in {@code [0, MAX_DILATE]}
   * @param minContourArea regions whose contour area is below it are not counted
   * @param fraction the pair passes when the counted area is at most {@code fraction * w * h}
   */
  DiffResult score(
      byte[] a,
      byte[] b,
      int w,
      int h,
      int[] area,
      int threshold,
      int dilate,
      long limit,
      double minContourArea,
      double fraction) {
    if (dilate < 0 || dilate > MAX_DILATE) {
      throw new IllegalArgumentException(
          "dilate must be in [0, " + MAX_DILATE + "]; got " + dilate);
    }
    layout(w, h, dilate, area);
    long count = 0;
    int x0 = w;
    int x1 = -1;
    int y0 = -1;
    int y1 = -1;
    int ax = area[0];
    int an = area[2] - area[0];
    for (int y = area[1]; y < area[3]; y++) {
      // Pixels outside the rectangle stay 0 in the changed buffer: layout() cleared it when the
      // size or the rectangle changed, and no row outside it is ever written.
      int c =
          MaskOps.threshold(
              a,
              y * w + ax,
              b,
              y * w + ax,
              an,
              threshold,
              changed,
              origin + y * stride + ax,
              extent);
      if (c > 0) {
        count += c;
        if (count > limit) {
          return null;
        }
        x0 = Math.min(x0, ax + extent[0]);
        x1 = Math.max(x1, ax + extent[1]);
        if (y0 < 0) {
          y0 = y;
        }
        y1 = y;
      }
    }
    if (count == 0) {
      return new DiffResult(0, 0, true, w, h, List.of(), null);
    }
    int xa = Math.max(0, x0 - dilate);
    int xb = Math.min(w - 1, x1 + dilate);
    int ya = Math.max(0, y0 - dilate);
    int yb = Math.min(h - 1, y1 + dilate);
    dilate(y0, y1, xa, xb, ya, yb);
    contours.find(dilated, origin, stride, xa, ya, xb, yb);
    DiffResult r = result(w, h, minContourArea, fraction);
    for (int y = ya; y <= yb; y++) {
      int row = origin + y * stride;
      Arrays.fill(dilated, row + xa, row + xb + 1, (byte) 0);
    }
    return r;
  }

  /** A buffer of at least {@code n} bytes for the caller's own use (its contents are undefined). */
  byte[] scratch(int n) {
    if (scratch.length < n) {
      scratch = new byte[n];
    }
    return scratch;
  }

  /**
   * (Re)lays the buffers out for {@code w × h} with a border of {@code dilate + 1}, cleared when
   * the size, the border or the unmasked rectangle changed.
   */
  private void layout(int w, int h, int k, int[] area) {
    if (w == width && h == height && k == iterations && Arrays.equals(area, this.area)) {
      return;
    }
    this.area = area.clone();
    int pad = k + 1;
    stride = w + 2 * pad;
    origin = pad * stride + pad;
    int size = stride * (h + 2 * pad);
    if (changed.length < size) {
      changed = new byte[size];
      along = new byte[size];
      dilated = new byte[size];
    } else {
      // Another layout: the borders of the old one may hold pixels.
      Arrays.fill(changed, (byte) 0);
      Arrays.fill(dilated, (byte) 0);
    }
    width = w;
    height = h;
    iterations = k;
  }

  /**
   * The {@code (2k+1)}-square dilation of {@link #changed}'s rows {@code [y0, y1]} into {@link
   * #dilated}'s window {@code [xa, xb] × [ya, yb]}; every changed pixel is in columns {@code [xa +
   * k, xb - k]} or at the frame's edge.
   */
  private void dilate(int y0, int y1, int xa, int xb, int ya, int yb) {
    int k = iterations;
    int n = xb - xa + 1;
    byte[] rows = k == 0 ? changed : along;
    if (k > 0) {
      for (int y = y0; y <= y1; y++) {
        int at = origin + y * stride + xa;
        MaskOps.orAlongRow(changed, at, n, k, along, at);
      }
    }
    for (int y = ya; y <= yb; y++) {
      int r0 = Math.max(y0, y - k);
      int r1 = Math.min(y1, y + k);
      int to = origin + y * stride + xa;
      System.arraycopy(rows, origin + r0 * stride + xa, dilated, to, n);
      for (int r = r0 + 1; r <= r1; r++) {
        MaskOps.orInto(rows, origin + r * stride + xa, n, dilated, to);
      }
    }
  }

  /** Step 8 on the contours found, as {@link MaskScore} builds it. */
  private DiffResult result(int w, int h, double minContourArea, double fraction) {
    double total = 0;
    List<Box> regions = new ArrayList<>();
    for (int i = 0; i < contours.count(); i++) {
      double area = contours.area(i);
      if (area >= minContourArea) {
        total += area;
        regions.add(
            new Box(
                contours.boxX(i), contours.boxY(i), contours.boxWidth(i), contours.boxHeight(i)));
      }
    }
    MaskScore.Area frame = MaskScore.Area.frame(w, h);
    return new DiffResult(
        total, total / frame.pixels(), frame.passes(total, fraction), w, h, regions, null);
  }
}
