package dev.neardup.verify.align;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.DMatch;
import org.opencv.core.Mat;
import org.opencv.core.MatOfDMatch;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.features2d.BFMatcher;

/** Ratio-test descriptor matching of two keypoint sets, shared by {@link Aligner} and scenes. */
public final class Matching {
  private Matching() {}

  /**
   * Point correspondences: {@code src[i]} in the query set's coordinates matches {@code dst[i]} in
   * the train set's.
   */
  public record Pairs(Point[] src, Point[] dst) {
    public int size() {
      return src.length;
    }

    public MatOfPoint2f srcMat() {
      return new MatOfPoint2f(src);
    }

    public MatOfPoint2f dstMat() {
      return new MatOfPoint2f(dst);
    }
  }

  /**
   * Matches each query descriptor to its two nearest train descriptors (brute force) and keeps it
   * when the nearest is closer than {@code ratio} times the second.
   */
  public static Pairs match(
      Features.Keypoints query,
      Features.Keypoints train,
      FeatureParams.Detector detector,
      int descriptorBytes,
      double ratio) {
    if (query.count() < 2 || train.count() < 2) {
      return new Pairs(new Point[0], new Point[0]);
    }
    Mat q = descriptors(query, descriptorBytes);
    Mat t = null;
    List<MatOfDMatch> knn = new ArrayList<>();
    BFMatcher matcher = null;
    try {
      t = descriptors(train, descriptorBytes);
      int norm = detector == FeatureParams.Detector.SIFT ? Core.NORM_L2 : Core.NORM_HAMMING;
      matcher = BFMatcher.create(norm, false);
      matcher.knnMatch(q, t, knn, 2);
      List<Point> src = new ArrayList<>();
      List<Point> dst = new ArrayList<>();
      for (MatOfDMatch m : knn) {
        DMatch[] best = m.toArray();
        if (best.length == 2 && best[0].distance < ratio * best[1].distance) {
          int qi = best[0].queryIdx;
          int ti = best[0].trainIdx;
          src.add(new Point(query.x()[qi], query.y()[qi]));
          dst.add(new Point(train.x()[ti], train.y()[ti]));
        }
      }
      return new Pairs(src.toArray(new Point[0]), dst.toArray(new Point[0]));
    } finally {
      q.release();
      if (t != null) {
        t.release();
      }
      for (MatOfDMatch m : knn) {
        m.release();
      }
      if (matcher != null) {
        matcher.clear();
      }
    }
  }

  private static Mat descriptors(Features.Keypoints k, int bytes) {
    Mat m = new Mat(k.count(), bytes, CvType.CV_8UC1);
    m.put(0, 0, k.descriptors());
    return m;
  }

  /** Reads a CV_64F 2x3 or 3x3 matrix into a row-major array. */
  public static double[] values(Mat m) {
    double[] out = new double[m.rows() * m.cols()];
    m.get(0, 0, out);
    return out;
  }

  /** Counts the non-zero entries of an inlier mask. */
  public static int inliers(Mat mask) {
    return mask.empty() ? 0 : Core.countNonZero(mask);
  }
}
