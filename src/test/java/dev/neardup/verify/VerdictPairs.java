package dev.neardup.verify;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.StoredImage;
import dev.neardup.image.Thumbnails;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The whole-pair verdict cases of issue 15, built from shared photos (nothing generated is
 * committed): small shifts, moderate aspect changes, fixed-shape resizes, flat and tiny images, a
 * regular tiling, and the negatives that were already right.
 *
 * <p>Every pair is made in memory as BGR {@link Mat}s; {@link #write} stores one as two PNG files
 * for the entry points that read folders. All randomness is seeded.
 */
public final class VerdictPairs {
  private VerdictPairs() {}

  /**
   * One pair and the right answer.
   *
   * @param name what the pair is
   * @param a the first image (BGR)
   * @param b the second image (BGR)
   * @param duplicate whether the pair is a copy (at the aligned level; {@code scene} accepts it
   *     too)
   * @param sceneDuplicate whether {@code --verify scene} should accept it
   */
  public record Pair(String name, Mat a, Mat b, boolean duplicate, boolean sceneDuplicate) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A 640×480 UKBench photo. */
  static final String PHOTO = "ukbench/ukbench00040.jpg";

  /** A textured photo (fur), where a 1 px shift fails the plain check. */
  static final String TEXTURED = "stills/baboon.jpg";

  /** Another, of a different object. */
  static final String OTHER = "ukbench/ukbench00120.jpg";

  static Mat read(String relative) {
    OpenCv.load();
    Path p = TestData.shared(relative);
    Mat m = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_COLOR);
    if (m.empty()) {
      throw new IllegalStateException("cannot decode " + p);
    }
    return m;
  }

  /**
   * {@code src} with uniform bars of {@code colour}: {@code top} rows above and below, {@code side}
   * columns left and right.
   */
  static Mat boxed(Mat src, int top, int side, Scalar colour) {
    Mat out = new Mat();
    org.opencv.core.Core.copyMakeBorder(
        src, out, top, top, side, side, org.opencv.core.Core.BORDER_CONSTANT, colour);
    return out;
  }

  /** {@code src} moved by {@code (dx, dy)} whole pixels, the uncovered edge replicated. */
  static Mat shifted(Mat src, int dx, int dy) {
    Mat m = new Mat(2, 3, CvType.CV_64FC1);
    m.put(0, 0, 1, 0, dx, 0, 1, dy);
    Mat out = new Mat();
    Imgproc.warpAffine(
        src, out, m, src.size(), Imgproc.INTER_NEAREST, Core.BORDER_REPLICATE, new Scalar(0, 0, 0));
    m.release();
    return out;
  }

  /** {@code src} resized to {@code w × h} (area averaging down, linear up). */
  static Mat resized(Mat src, int w, int h) {
    Mat out = new Mat();
    int interp =
        (long) w * h < (long) src.cols() * src.rows() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR;
    Imgproc.resize(src, out, new Size(w, h), 0, 0, interp);
    return out;
  }

  /** A {@code w × h} image of one colour. */
  static Mat flat(int w, int h, Scalar bgr) {
    return new Mat(h, w, CvType.CV_8UC3, bgr);
  }

  /** The colour negative of {@code src}. */
  static Mat negative(Mat src) {
    Mat out = new Mat();
    Core.bitwise_not(src, out);
    return out;
  }

  /** Seeded uniform noise, {@code w × h}. */
  static Mat noise(int w, int h, long seed) {
    byte[] px = new byte[w * h * 3];
    new Random(seed).nextBytes(px);
    Mat m = new Mat(h, w, CvType.CV_8UC3);
    m.put(0, 0, px);
    return m;
  }

  /**
   * A regular tiling, {@code w × h}: one 40×40 tile (a disc, a cross and a square on gray) repeated
   * on a grid, as a wallpaper or a floor is; every tile has the same local features.
   */
  static Mat tiling(int w, int h) {
    Mat tile = new Mat(40, 40, CvType.CV_8UC3, new Scalar(160, 160, 160));
    Imgproc.circle(tile, new Point(12, 12), 7, new Scalar(30, 30, 200), -1);
    Imgproc.line(tile, new Point(24, 4), new Point(36, 16), new Scalar(20, 90, 20), 2);
    Imgproc.line(tile, new Point(24, 16), new Point(36, 4), new Scalar(20, 90, 20), 2);
    Imgproc.rectangle(tile, new Point(6, 26), new Point(20, 36), new Scalar(200, 60, 10), -1);
    Mat out = new Mat(h, w, CvType.CV_8UC3);
    for (int y = 0; y < h; y += 40) {
      for (int x = 0; x < w; x += 40) {
        int cw = Math.min(40, w - x);
        int ch = Math.min(40, h - y);
        Mat dst = out.submat(y, y + ch, x, x + cw);
        Mat src = tile.submat(0, ch, 0, cw);
        src.copyTo(dst);
        dst.release();
        src.release();
      }
    }
    tile.release();
    return out;
  }

  /**
   * A regular tiling of a 64×48 patch cut from the middle of {@code src}, at {@code src}'s size:
   * every tile shares local features with the photo, all at one place of it.
   */
  static Mat patchTiling(Mat src) {
    int tw = 64;
    int th = 48;
    int x0 = src.cols() / 2 - tw / 2;
    int y0 = src.rows() / 2 - th / 2;
    Mat tile = src.submat(y0, y0 + th, x0, x0 + tw);
    Mat out = new Mat(src.rows(), src.cols(), src.type());
    for (int y = 0; y < out.rows(); y += th) {
      for (int x = 0; x < out.cols(); x += tw) {
        int cw = Math.min(tw, out.cols() - x);
        int ch = Math.min(th, out.rows() - y);
        Mat dst = out.submat(y, y + ch, x, x + cw);
        Mat part = tile.submat(0, ch, 0, cw);
        part.copyTo(dst);
        dst.release();
        part.release();
      }
    }
    tile.release();
    return out;
  }

  /** The mean colour of {@code src}. */
  static Scalar mean(Mat src) {
    Scalar s = Core.mean(src);
    return new Scalar(Math.round(s.val[0]), Math.round(s.val[1]), Math.round(s.val[2]));
  }

  /**
   * Every case of the verdict table, and the negatives that must stay negative; made once, shared
   * (read only).
   */
  public static synchronized List<Pair> all() {
    if (all == null) {
      all = List.copyOf(make());
    }
    return all;
  }

  private static List<Pair> all;

  private static List<Pair> make() {
    Mat photo = read(PHOTO);
    Mat other = read(OTHER);
    int w = photo.cols();
    int h = photo.rows();
    List<Pair> out = new ArrayList<>();
    Mat textured = read(TEXTURED);
    out.add(new Pair("shifted 1 px", textured, shifted(textured, 1, 0), true, true));
    out.add(new Pair("shifted 3x2 px", photo, shifted(photo, 3, 2), true, true));
    out.add(
        new Pair(
            "stretched 6 % in width",
            photo, resized(photo, (int) Math.round(w * 1.06), h), true, true));
    out.add(
        new Pair(
            "squashed 10 % in height",
            photo, resized(photo, w, (int) Math.round(h * 0.9)), true, true));
    out.add(new Pair("640x480 to 900x600", photo, resized(photo, 900, 600), true, true));
    out.add(new Pair("640x480 to 800x600", photo, resized(photo, 800, 600), true, true));
    out.add(new Pair("640x480 to 6000x4000", photo, resized(photo, 6000, 4000), true, true));
    out.add(new Pair("640x480 to 600x600", photo, resized(photo, 600, 600), true, true));
    out.add(
        new Pair(
            "pillar-boxed, black bars left and right",
            photo,
            boxed(photo, 0, 80, new Scalar(0, 0, 0)),
            true,
            true));
    out.add(
        new Pair(
            "letter-boxed, white bars top and bottom",
            photo,
            boxed(photo, 60, 0, new Scalar(255, 255, 255)),
            true,
            true));
    Scalar m = mean(photo);
    out.add(new Pair("flat gray 1x1 of the mean colour", photo, flat(1, 1, m), false, false));
    out.add(new Pair("flat gray 4x4 of the mean colour", photo, flat(4, 4, m), false, false));
    out.add(
        new Pair(
            "black 1x1 vs white 1x1",
            flat(1, 1, new Scalar(0, 0, 0)),
            flat(1, 1, new Scalar(255, 255, 255)),
            false,
            false));
    out.add(new Pair("a photo vs a regular tiling", photo, tiling(w, h), false, false));
    out.add(
        new Pair("a photo vs a tiling of its own patch", photo, patchTiling(photo), false, false));
    out.add(new Pair("two different photos", photo, other, false, false));
    out.add(new Pair("a photo vs its negative", photo, negative(photo), false, false));
    out.add(new Pair("noise vs noise", noise(w, h, 1), noise(w, h, 2), false, false));
    return out;
  }

  /** The stored image neardup verifies, as the index makes it. */
  public static StoredImage stored(Mat bgr) {
    return new StoredImage(
        Thumbnails.verificationImage(bgr, Thumbnails.DEFAULT_MAX_SIDE), bgr.cols(), bgr.rows());
  }

  /** Writes the pair as {@code a.png} and {@code b.png} in {@code dir}; returns both paths. */
  public static Path[] write(Pair p, Path dir) throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir);
    Path a = dir.resolve("a.png");
    Path b = dir.resolve("b.png");
    if (!Imgcodecs.imwrite(a.toString(), p.a()) || !Imgcodecs.imwrite(b.toString(), p.b())) {
      throw new java.io.IOException("cannot write " + p.name() + " into " + dir);
    }
    return new Path[] {a, b};
  }
}
