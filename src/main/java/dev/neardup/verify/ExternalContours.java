package dev.neardup.verify;

import java.util.Arrays;

/**
 * {@code Imgproc.findContours(mask, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE)} followed by {@code
 * contourArea} and {@code boundingRect} of each contour, in Java on a heap buffer, with OpenCV
 * 4.9's results: the same contours, in the same order, with the same areas and boxes.
 *
 * <p>Why not OpenCV itself: its {@code findContours} costs ≈ 0.1 ms on a 320×240 mask (it copies
 * the mask with a border, thresholds it, then scans), and the Java binding adds a native {@code
 * Mat} and two JNI calls per contour, which is more than the users' whole Python check per pair
 * (issue 18). Here the mask is already 0/1 in a zero-padded buffer, runs of equal pixels are
 * skipped 64 at a time, and each contour leaves four ints and a long behind.
 *
 * <p>The algorithm is Suzuki and Abe's border following ("Topological structural analysis of
 * digitized binary images by border following", 1985) as OpenCV runs it in external mode: a raster
 * scan finds a pixel 1 whose left neighbour is 0; it is skipped when the last marked border pixel
 * met on its row, to its left, is marked "not a right edge" (it lies inside a traced contour), else
 * its outer border is followed clockwise, each border pixel marked {@link #RIGHT} when its east
 * neighbour was examined and found 0, else {@link #BORDER}. Holes are never followed. The points
 * kept are those where the direction changes ({@code CHAIN_APPROX_SIMPLE}); area and box are of
 * those points. OpenCV inserts each new contour at the head of its list, so the output is in
 * reverse order of discovery. All arithmetic is on integers, so the areas are the same doubles.
 *
 * <p>Not thread-safe: one instance per workspace ({@link MaskWorkspace}), reused across pairs.
 */
final class ExternalContours {
  /** Mark of a traced border pixel whose east neighbour is not background examined by the trace. */
  static final byte BORDER = 2;

  /** Mark of a traced border pixel whose east neighbour was examined and found 0. */
  static final byte RIGHT = (byte) (2 | -128);

  /** Pixel steps of the eight Freeman directions (0 = east, counter-clockwise), twice over. */
  private final int[] deltas = new int[16];

  private static final int[] DX = {1, 1, 0, -1, -1, -1, 0, 1};
  private static final int[] DY = {0, -1, -1, -1, 0, 1, 1, 1};

  private int count;
  private long[] twiceArea = new long[64];
  private int[] boxes = new int[4 * 64];

  /** Contours found by the last {@link #find}. */
  int count() {
    return count;
  }

  /**
   * The area of contour {@code i} in OpenCV's output order, as {@code contourArea} returns it
   * (non-negative, a multiple of 0.5).
   */
  double area(int i) {
    return Math.abs(twiceArea[count - 1 - i]) * 0.5;
  }

  /** Left column of contour {@code i}'s bounding box, in OpenCV's output order. */
  int boxX(int i) {
    return boxes[4 * (count - 1 - i)];
  }

  int boxY(int i) {
    return boxes[4 * (count - 1 - i) + 1];
  }

  int boxWidth(int i) {
    int k = 4 * (count - 1 - i);
    return boxes[k + 2] - boxes[k] + 1;
  }

  int boxHeight(int i) {
    int k = 4 * (count - 1 - i);
    return boxes[k + 3] - boxes[k + 1] + 1;
  }

  /**
   * Finds the external contours of the 0/1 pixels of {@code img} inside the window {@code [x0, x1]
   * × [y0, y1]} of a {@code stride}-wide buffer whose pixel {@code (x, y)} is at {@code origin + y
   * * stride + x}. Every pixel outside the window must be 0, with at least one 0 pixel on each side
   * of it in the buffer. Traced pixels are overwritten with {@link #BORDER} or {@link #RIGHT};
   * nothing outside the window is written. Coordinates are relative to {@code origin}.
   */
  void find(byte[] img, int origin, int stride, int x0, int y0, int x1, int y1) {
    count = 0;
    deltas[0] = 1;
    deltas[1] = 1 - stride;
    deltas[2] = -stride;
    deltas[3] = -stride - 1;
    deltas[4] = -1;
    deltas[5] = stride - 1;
    deltas[6] = stride;
    deltas[7] = stride + 1;
    System.arraycopy(deltas, 0, deltas, 8, 8);
    for (int y = y0; y <= y1; y++) {
      int row = origin + y * stride;
      // The last marked border pixel met on this row; the pixel left of the window is 0.
      int lnbd = row + x0 - 1;
      int prev = 0;
      int x = x0;
      while (x <= x1) {
        x = MaskOps.skipEqual(img, row, x, x1, (byte) prev);
        if (x > x1) {
          break;
        }
        int p = img[row + x];
        if (prev == 0 && p == 1) {
          if (img[lnbd] <= 0) {
            lnbd = row + x;
            trace(img, row + x, x, y);
            prev = img[row + x];
            x++;
            continue;
          }
        } else if (p == 0 && prev >= 1 && (prev & -2) != 0) {
          lnbd = row + x - 1; // a hole's start: never followed in external mode
        }
        prev = p;
        if ((prev & -2) != 0) {
          lnbd = row + x;
        }
        x++;
      }
    }
  }

  /** Follows the outer border starting at {@code i0} (pixel {@code (x, y)}) and records it. */
  private void trace(byte[] img, int i0, int x, int y) {
    if (count == twiceArea.length) {
      twiceArea = Arrays.copyOf(twiceArea, 2 * count);
      boxes = Arrays.copyOf(boxes, 8 * count);
    }
    int minX = x;
    int minY = y;
    int maxX = x;
    int maxY = y;
    long twice = 0;
    int s = 4;
    int i1;
    do {
      s = (s - 1) & 7;
      i1 = i0 + deltas[s];
    } while (img[i1] == 0 && s != 4);
    if (s == 4) {
      img[i0] = RIGHT; // a single pixel
    } else {
      int i3 = i0;
      int prevS = s ^ 4;
      int px = x;
      int py = y;
      // The first and the last point kept, for the closing edge of the shoelace sum.
      int fx = 0;
      int fy = 0;
      int lx = 0;
      int ly = 0;
      boolean any = false;
      // A dropped start point lies on a straight run (it is dropped only when the chain leaves it
      // in the direction it arrived from), so the box of the kept points contains it.
      while (true) {
        int sEnd = s;
        int i4;
        do {
          i4 = i3 + deltas[++s];
        } while (img[i4] == 0 && s < 15);
        s &= 7;
        if (s - 1 >= 0 && s - 1 < sEnd) {
          img[i3] = RIGHT;
        } else if (img[i3] == 1) {
          img[i3] = BORDER;
        }
        if (s != prevS) {
          if (any) {
            twice += (long) lx * py - (long) ly * px;
          } else {
            fx = px;
            fy = py;
            any = true;
          }
          lx = px;
          ly = py;
          if (px < minX) {
            minX = px;
          } else if (px > maxX) {
            maxX = px;
          }
          if (py < minY) {
            minY = py;
          } else if (py > maxY) {
            maxY = py;
          }
          prevS = s;
        }
        px += DX[s];
        py += DY[s];
        if (i4 == i0 && i3 == i1) {
          break;
        }
        i3 = i4;
        s = (s + 4) & 7;
      }
      twice += (long) lx * fy - (long) ly * fx;
    }
    twiceArea[count] = twice;
    int k = 4 * count;
    boxes[k] = minX;
    boxes[k + 1] = minY;
    boxes[k + 2] = maxX;
    boxes[k + 3] = maxY;
    count++;
  }
}
