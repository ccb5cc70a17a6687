package dev.neardup.verify.align;

import dev.neardup.image.GrayImage;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Finds the black fill an editor adds around rotated content (the corners of a copy rotated by a
 * few degrees on its own canvas), so that the aligned diff compares content only.
 *
 * <p>The fill is the near-black ({@code <= level}) region connected to any of the four corners,
 * grown by 2 px to swallow JPEG ringing at its edge. A photo whose dark sky touches a corner loses
 * that region from the comparison too; its overlap then drops, which the overlap check sees.
 */
final class Fill {
  private Fill() {}

  /** 255 where {@code img} has content, 0 on corner-connected black fill. */
  static GrayImage content(GrayImage img, int level) {
    byte[] p = img.pixels();
    int w = img.width();
    int h = img.height();
    int[] corners = {0, w - 1, (h - 1) * w, (h - 1) * w + w - 1};
    boolean any = false;
    for (int c : corners) {
      any |= (p[c] & 0xff) <= level;
    }
    if (!any) {
      byte[] all = new byte[w * h];
      java.util.Arrays.fill(all, (byte) 255);
      return new GrayImage(w, h, all);
    }
    Mat src = img.toMat();
    Mat mask = Mat.zeros(h + 2, w + 2, CvType.CV_8UC1);
    Mat inner = null;
    Mat kernel = Imgproc.getStructuringElement(Imgproc.MORPH_RECT, new Size(5, 5));
    Mat out = new Mat();
    try {
      int flags = 4 | Imgproc.FLOODFILL_MASK_ONLY | (255 << 8);
      Point[] seeds = {
        new Point(0, 0), new Point(w - 1, 0), new Point(0, h - 1), new Point(w - 1, h - 1)
      };
      for (int i = 0; i < 4; i++) {
        int v = p[corners[i]] & 0xff;
        if (v <= level && mask.get((int) seeds[i].y + 1, (int) seeds[i].x + 1)[0] == 0) {
          // Fixed range [0, level] from the seed, so a dark gradient into the content stops.
          Imgproc.floodFill(
              src,
              mask,
              seeds[i],
              new Scalar(255),
              new Rect(),
              new Scalar(v),
              new Scalar(level - v),
              flags | Imgproc.FLOODFILL_FIXED_RANGE);
        }
      }
      inner = mask.submat(new Rect(1, 1, w, h));
      Imgproc.dilate(inner, out, kernel);
      Core.bitwise_not(out, out);
      return GrayImage.of(out);
    } finally {
      src.release();
      mask.release();
      if (inner != null) {
        inner.release();
      }
      kernel.release();
      out.release();
    }
  }

  /** Pixels that are not 0. */
  static int countNonZero(GrayImage img) {
    int n = 0;
    for (byte b : img.pixels()) {
      if (b != 0) {
        n++;
      }
    }
    return n;
  }
}
