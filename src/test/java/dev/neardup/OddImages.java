package dev.neardup;

import dev.neardup.decode.OpenCv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
 * A catalogue of odd images, generated (never committed): the sizes, contents and encodings that a
 * real folder of 100,000 files holds a few of. Each verify level, and every entry point, must judge
 * or refuse each of them without failing the run (issue 15).
 *
 * <p>Deterministic: seeded noise, fixed drawings; the photos come from {@code ../shared/data}.
 */
public final class OddImages {
  private OddImages() {}

  /** The photos the catalogue is put next to (the first two show one object). */
  public static final List<String> PHOTOS =
      List.of(
          "ukbench/ukbench00000.jpg",
          "ukbench/ukbench00001.jpg",
          "ukbench/ukbench00004.jpg",
          "ukbench/ukbench00008.jpg");

  /**
   * Writes the catalogue into {@code dir} (created if missing) and returns the files written, in a
   * fixed order. The 6000x4000 JPEG and the 12000x300 panorama take about a second: make the
   * catalogue once per test class.
   */
  public static List<Path> write(Path dir) throws IOException {
    OpenCv.load();
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    Random rnd = new Random(15);
    // Tiny and thin.
    out.add(png(dir, "tiny-1x1-black.png", flat(1, 1, 0)));
    out.add(png(dir, "tiny-1x1-white.png", flat(1, 1, 255)));
    out.add(png(dir, "tiny-2x2.png", checker(2, 2, 1)));
    out.add(png(dir, "tiny-5x5-black.png", flat(5, 5, 0)));
    out.add(png(dir, "tiny-5x5-white.png", flat(5, 5, 255)));
    out.add(png(dir, "tiny-8x8.png", gradient(8, 8)));
    out.add(png(dir, "thin-3x300.png", noise(3, 300, rnd)));
    out.add(png(dir, "strip-4000x20.png", gradient(4000, 20)));
    out.add(png(dir, "strip-20x4000.png", gradient(20, 4000)));
    // Flat, noise, patterns, text.
    out.add(png(dir, "flat-black-640x480.png", flat(640, 480, 0)));
    out.add(png(dir, "flat-white-640x480.png", flat(640, 480, 255)));
    out.add(jpg(dir, "flat-gray-640x480.jpg", flat(640, 480, 128)));
    out.add(png(dir, "noise-640x480.png", noise(640, 480, rnd)));
    out.add(png(dir, "checkerboard-640x480.png", checker(640, 480, 40)));
    out.add(png(dir, "text-page-1.png", textPage(1)));
    out.add(png(dir, "text-page-2.png", textPage(2)));
    out.add(png(dir, "tiling-circles.png", tiling(false)));
    out.add(png(dir, "tiling-crosses.png", tiling(true)));
    out.add(png(dir, "brick-a.png", bricks(0)));
    out.add(png(dir, "brick-b.png", bricks(37)));
    // Encodings and sizes.
    Mat transparent = new Mat(240, 320, CvType.CV_8UC4, new Scalar(0, 0, 0, 0));
    out.add(png(dir, "transparent.png", transparent));
    Mat deep = new Mat();
    gradient(320, 240).convertTo(deep, CvType.CV_16U, 257);
    out.add(png(dir, "deep-16bit.png", deep));
    Mat photo = Imgcodecs.imread(TestData.shared(PHOTOS.get(2)).toString());
    Mat gray = new Mat();
    Imgproc.cvtColor(photo, gray, Imgproc.COLOR_BGR2GRAY);
    out.add(jpg(dir, "gray-photo.jpg", gray));
    out.add(jpg(dir, "big-6000x4000.jpg", resized(photo, 6000, 4000)));
    out.add(jpg(dir, "panorama-12000x300.jpg", resized(photo, 12000, 300)));
    photo.release();
    return out;
  }

  /** Writes the catalogue and copies the {@link #PHOTOS} beside it; returns every file. */
  public static List<Path> withPhotos(Path dir) throws IOException {
    List<Path> all = new ArrayList<>(write(dir));
    all.addAll(TestData.copy(dir, PHOTOS.toArray(String[]::new)));
    return all;
  }

  private static Path png(Path dir, String name, Mat m) throws IOException {
    return save(dir.resolve(name), m, new MatOfInt());
  }

  private static Path jpg(Path dir, String name, Mat m) throws IOException {
    return save(dir.resolve(name), m, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90));
  }

  private static Path save(Path file, Mat m, MatOfInt params) throws IOException {
    try {
      if (!Imgcodecs.imwrite(file.toString(), m, params)) {
        throw new IOException("OpenCV could not write " + file);
      }
      return file;
    } finally {
      m.release();
    }
  }

  private static Mat flat(int w, int h, int v) {
    return new Mat(h, w, CvType.CV_8UC3, new Scalar(v, v, v));
  }

  private static Mat gradient(int w, int h) {
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) ((x * 255 / Math.max(1, w - 1) + y * 97) & 0xFF);
      }
    }
    m.put(0, 0, px);
    return m;
  }

  private static Mat noise(int w, int h, Random rnd) {
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    byte[] px = new byte[w * h];
    rnd.nextBytes(px);
    m.put(0, 0, px);
    return m;
  }

  private static Mat checker(int w, int h, int cell) {
    Mat m = new Mat(h, w, CvType.CV_8UC1);
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        px[y * w + x] = (byte) (((x / cell + y / cell) & 1) == 0 ? 0 : 255);
      }
    }
    m.put(0, 0, px);
    return m;
  }

  private static Mat textPage(int page) {
    Mat m = flat(640, 880, 255);
    String[] words = {"neardup", "duplicate", "images", "kept", "verify", "pixel", "scene"};
    Random rnd = new Random(100 + page);
    for (int line = 0; line < 24; line++) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        b.append(words[rnd.nextInt(words.length)]).append(' ');
      }
      Imgproc.putText(
          m,
          b.toString(),
          new Point(30, 50 + line * 34),
          Imgproc.FONT_HERSHEY_SIMPLEX,
          0.8,
          new Scalar(0, 0, 0),
          2);
    }
    return m;
  }

  private static Mat tiling(boolean crosses) {
    Mat m = flat(640, 480, 230);
    for (int y = 0; y < 480; y += 40) {
      for (int x = 0; x < 640; x += 40) {
        if (crosses) {
          Imgproc.line(m, new Point(x + 8, y + 20), new Point(x + 32, y + 20), new Scalar(40), 4);
          Imgproc.line(m, new Point(x + 20, y + 8), new Point(x + 20, y + 32), new Scalar(40), 4);
        } else {
          Imgproc.circle(m, new Point(x + 20, y + 20), 12, new Scalar(40, 80, 160), -1);
        }
      }
    }
    return m;
  }

  private static Mat bricks(int shift) {
    Mat m = flat(640, 480, 200);
    for (int row = 0; row * 30 < 480; row++) {
      int offset = (row % 2 == 0 ? 0 : 40) + shift;
      for (int x = -80 + offset % 80; x < 640; x += 80) {
        Rect r = new Rect(x + 2, row * 30 + 2, 76, 26);
        Imgproc.rectangle(m, r.tl(), r.br(), new Scalar(40, 60, 150), -1);
      }
    }
    return m;
  }

  private static Mat resized(Mat photo, int w, int h) {
    Mat m = new Mat();
    Imgproc.resize(photo, m, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
    Core.flip(m, m, 1); // not a plain copy of the photo beside it
    return m;
  }
}
