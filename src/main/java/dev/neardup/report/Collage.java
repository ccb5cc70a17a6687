package dev.neardup.report;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.Box;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * One picture of duplicate pairs, each kept image beside one of its duplicates with the scores
 * under them and the changed regions drawn in red on both — the picture the users' previous tool
 * made, to glance at before anything moves.
 *
 * <p>Each row is as tall as its taller picture (at most 320 px) plus two caption lines; both
 * pictures are shrunk to fit 320 x 320. Pairs are taken round-robin over the groups (the first
 * duplicate of every group, then the second, …) so that a few big groups do not fill the whole
 * collage.
 */
public final class Collage {
  /** Pairs in a collage unless asked otherwise. */
  public static final int DEFAULT_PAIRS = 20;

  private static final int CELL = 320;
  private static final int GAP = 8;
  private static final int CAPTION = 44;
  private static final Scalar BACKGROUND = new Scalar(255, 255, 255);
  private static final Scalar TEXT = new Scalar(30, 30, 30);
  private static final Scalar REGION = new Scalar(0, 0, 255);
  private static final Scalar KEPT = new Scalar(55, 127, 26);

  private Collage() {}

  /** A pair chosen for the collage. */
  record Pair(DedupReport.GroupEntry group, DedupReport.MemberEntry member) {}

  /**
   * Writes up to {@code maxPairs} pairs of {@code report} as one JPEG (or PNG) image.
   *
   * @return the number of pairs drawn (pairs whose files cannot be read any more are left out)
   * @throws IllegalArgumentException when {@code maxPairs < 1} or the file does not end in {@code
   *     .jpg}, {@code .jpeg} or {@code .png}
   */
  public static int write(DedupReport report, Previews previews, int maxPairs, Path file)
      throws IOException {
    if (maxPairs < 1) {
      throw new IllegalArgumentException("collage pairs must be >= 1; got " + maxPairs);
    }
    String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (!lower.endsWith(".jpg") && !lower.endsWith(".jpeg") && !lower.endsWith(".png")) {
      throw new IllegalArgumentException("the collage must end in .jpg or .png; got " + file);
    }
    OpenCv.load();
    List<Mat> rows = new ArrayList<>();
    try {
      for (Pair p : pairs(report, maxPairs)) {
        Mat row = row(p, previews);
        if (row != null) {
          rows.add(row);
        }
      }
      int drawn = rows.size();
      if (rows.isEmpty()) {
        rows.add(emptyNote());
      }
      Mat canvas = stack(rows);
      try {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
        boolean ok = Imgcodecs.imwrite(abs.toString(), canvas, params);
        params.release();
        if (!ok) {
          throw new IOException("OpenCV could not write the collage to " + abs);
        }
      } finally {
        canvas.release();
      }
      return drawn;
    } finally {
      rows.forEach(Mat::release);
    }
  }

  /** Up to {@code max} (kept, duplicate) pairs, round-robin over the groups. */
  static List<Pair> pairs(DedupReport report, int max) {
    List<Pair> out = new ArrayList<>();
    for (int round = 0; out.size() < max; round++) {
      boolean any = false;
      for (DedupReport.GroupEntry g : report.groups()) {
        if (round < g.members().size()) {
          any = true;
          out.add(new Pair(g, g.members().get(round)));
          if (out.size() == max) {
            break;
          }
        }
      }
      if (!any) {
        break;
      }
    }
    return out;
  }

  private static Mat row(Pair p, Previews previews) {
    Mat kept;
    Mat dup;
    try {
      kept = fit(previews.bgr(Path.of(p.group().kept())));
    } catch (DecodeException e) {
      return null;
    }
    try {
      dup = fit(previews.bgr(Path.of(p.member().path())));
    } catch (DecodeException e) {
      kept.release();
      return null;
    }
    try {
      DedupReport.MemberEntry m = p.member();
      if (m.regions() != null && m.scoredWidth() != null && m.scoredHeight() != null) {
        drawRegions(kept, m.regions(), m.scoredWidth(), m.scoredHeight());
        drawRegions(dup, m.regions(), m.scoredWidth(), m.scoredHeight());
      }
      int pictures = Math.max(kept.rows(), dup.rows());
      Mat row = new Mat(pictures + CAPTION, 2 * CELL + GAP, CvType.CV_8UC3, BACKGROUND);
      Mat left = row.submat(new Rect(0, 0, kept.cols(), kept.rows()));
      Mat right = row.submat(new Rect(CELL + GAP, 0, dup.cols(), dup.rows()));
      kept.copyTo(left);
      dup.copyTo(right);
      left.release();
      right.release();
      Imgproc.rectangle(row, new Point(0, 0), new Point(kept.cols() - 1, kept.rows() - 1), KEPT, 2);
      int y = pictures + 18;
      text(row, "group " + p.group().id() + " kept: " + name(p.group().kept()), 4, y);
      text(row, name(m.path()), CELL + GAP + 4, y);
      text(row, scoreLine(m), 4, y + 20);
      return row;
    } finally {
      kept.release();
      dup.release();
    }
  }

  /** Shrinks (never enlarges) a preview to fit a CELL x CELL square; releases its input. */
  private static Mat fit(Mat bgr) {
    if (bgr.cols() <= CELL && bgr.rows() <= CELL) {
      return bgr;
    }
    double s = Math.min((double) CELL / bgr.cols(), (double) CELL / bgr.rows());
    Mat out = new Mat();
    Imgproc.resize(
        bgr,
        out,
        new Size(Math.max(1, Math.round(bgr.cols() * s)), Math.max(1, Math.round(bgr.rows() * s))),
        0,
        0,
        Imgproc.INTER_AREA);
    bgr.release();
    return out;
  }

  private static void drawRegions(Mat img, List<Box> regions, int scoredW, int scoredH) {
    double sx = (double) img.cols() / scoredW;
    double sy = (double) img.rows() / scoredH;
    for (Box b : regions) {
      Imgproc.rectangle(
          img,
          new Point(b.x() * sx, b.y() * sy),
          new Point((b.x() + b.width()) * sx - 1, (b.y() + b.height()) * sy - 1),
          REGION,
          2);
    }
  }

  private static void text(Mat img, String s, int x, int y) {
    Imgproc.putText(
        img, s, new Point(x, y), Imgproc.FONT_HERSHEY_SIMPLEX, 0.45, TEXT, 1, Imgproc.LINE_AA);
  }

  /** The scores in ASCII (OpenCV's Hershey fonts have no other characters). */
  static String scoreLine(DedupReport.MemberEntry m) {
    StringBuilder s = new StringBuilder();
    if (m.cosine() != null) {
      s.append(String.format(Locale.ROOT, "cos %.4f  ", m.cosine()));
    }
    if (m.score() != null) {
      s.append(
          String.format(
              Locale.ROOT, "score %.0f  changed %.2f%%  ", m.score(), 100 * m.changedFraction()));
    }
    return s.append("via ").append(m.via()).toString();
  }

  private static String name(String path) {
    return Path.of(path).getFileName().toString();
  }

  private static Mat emptyNote() {
    Mat m = new Mat(CAPTION, 2 * CELL + GAP, CvType.CV_8UC3, BACKGROUND);
    text(m, "no duplicate pairs", 4, 26);
    return m;
  }

  private static Mat stack(List<Mat> rows) {
    List<Mat> withGaps = new ArrayList<>();
    Mat gap = new Mat(GAP, rows.get(0).cols(), CvType.CV_8UC3, BACKGROUND);
    for (int i = 0; i < rows.size(); i++) {
      if (i > 0) {
        withGaps.add(gap);
      }
      withGaps.add(rows.get(i));
    }
    Mat out = new Mat();
    Core.vconcat(withGaps, out);
    gap.release();
    return out;
  }
}
