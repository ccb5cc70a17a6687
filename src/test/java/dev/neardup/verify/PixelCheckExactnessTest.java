package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.OddImages;
import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.image.StoredImage;
import dev.neardup.image.Thumbnails;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The allocation-free pixel check ({@link MaskWorkspace}, {@link ExternalContours}) gives exactly
 * the verdict of the OpenCV steps it replaced, on every pair: the same {@link Verdict} record
 * (level, score, changed fraction, regions in OpenCV's order, note) as {@link OpenCvPixelCheck}
 * (the former {@link PixelVerifier#verify} path, kept here as the oracle), and the score of the
 * step-by-step definition {@link PixelDiff#compareThumbnails}.
 */
class PixelCheckExactnessTest {
  static {
    OpenCv.load();
  }

  /** Strict (0.002, 0.01) and loose (0.05, 0.15) fractions. */
  private static final double[] FRACTIONS = {0.002, 0.01, 0.05, 0.15};

  private static final double[] MIN_AREAS = {0, 25};

  @Test
  void every_consecutive_and_random_pair_of_two_camera_folders_gets_the_opencv_verdict()
      throws IOException {
    Tally t = new Tally();
    for (String folder : List.of("cctv/pets2001", "cctv/vtest")) {
      List<StoredImage> frames = frames(TestData.shared(folder));
      List<int[]> pairs = new ArrayList<>();
      for (int i = 0; i + 1 < frames.size(); i++) {
        pairs.add(new int[] {i, i + 1});
      }
      Random rnd = new Random(18);
      for (int i = 0; i < 2 * frames.size(); i++) {
        pairs.add(new int[] {rnd.nextInt(frames.size()), rnd.nextInt(frames.size())});
      }
      for (double f : FRACTIONS) {
        for (double area : MIN_AREAS) {
          check(folder, frames, pairs, params(f, area), t);
        }
      }
    }
    // The comparison is not vacuous: pairs of every kind were seen.
    assertTrue(t.pruned > 1000, t.toString());
    assertTrue(t.passed > 1000, t.toString());
    assertTrue(t.failedScored > 1000, t.toString());
    assertTrue(t.regions > 10_000, t.toString());
  }

  @Test
  void the_odd_image_catalogue_against_itself_and_against_edited_copies_gets_the_opencv_verdict(
      @TempDir Path dir) throws IOException {
    List<StoredImage> images = new ArrayList<>();
    for (Path f : OddImages.withPhotos(dir)) {
      Mat m = Imgcodecs.imread(f.toString(), Imgcodecs.IMREAD_COLOR);
      if (m.empty()) {
        continue; // the 16-bit and 4-channel files read as colour too; nothing is skipped in
        // practice
      }
      GrayImage g = Thumbnails.verificationImage(m, Thumbnails.DEFAULT_MAX_SIDE);
      StoredImage s = new StoredImage(g, m.cols(), m.rows());
      m.release();
      images.add(s);
      Random rnd = new Random(g.width() * 31L + g.height());
      images.add(edited(s, rnd, 0.002));
      images.add(edited(s, rnd, 0.05));
      images.add(shifted(s));
    }
    // Each image with its three edited copies, both ways round (the fast path), and with the next
    // image of its stored size from another source; pairs of two sizes go through the unchanged
    // resize-and-define path, so one neighbour each is enough.
    List<int[]> pairs = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      GrayImage gi = images.get(i).gray();
      int group = i / 4;
      for (int j = 4 * group; j < 4 * group + 4; j++) {
        pairs.add(new int[] {i, j});
      }
      for (int j = 4 * group + 4; j < images.size(); j++) {
        GrayImage gj = images.get(j).gray();
        if (gi.width() == gj.width() && gi.height() == gj.height()) {
          pairs.add(new int[] {i, j});
          pairs.add(new int[] {j, i});
          break;
        }
      }
      if (i + 4 < images.size()) {
        pairs.add(new int[] {i, i + 4});
      }
    }
    Tally t = new Tally();
    for (double f : FRACTIONS) {
      for (double area : MIN_AREAS) {
        check("odd images", images, pairs, params(f, area), t);
      }
    }
    assertTrue(t.failedScored > 0 && t.passed > 0, t.toString());
  }

  @Test
  void masks_of_every_shape_size_and_dilation_get_opencvs_contours_areas_and_boxes() {
    Random rnd = new Random(1985);
    MaskWorkspace ws = new MaskWorkspace();
    int cases = 0;
    for (int round = 0; round < 6000; round++) {
      int w = 1 + rnd.nextInt(round < 3000 ? 12 : 90);
      int h = 1 + rnd.nextInt(round < 3000 ? 12 : 70);
      int k = rnd.nextInt(MaskWorkspace.MAX_DILATE + 1);
      double minArea = new double[] {0, 0.5, 1, 4, 25}[rnd.nextInt(5)];
      double fraction = new double[] {0, 0.01, 0.2, 1}[rnd.nextInt(4)];
      byte[] a = new byte[w * h];
      byte[] b = new byte[w * h];
      draw(a, w, h, rnd);
      PixelDiffParams p =
          new PixelDiffParams(List.of(), BorderMask.NONE, 45, k, minArea, fraction, 0.02);
      DiffResult expected =
          new PixelDiff(p).compare(new GrayImage(w, h, a), new GrayImage(w, h, b));
      DiffResult got =
          ws.score(a, b, w, h, new int[] {0, 0, w, h}, 45, k, Long.MAX_VALUE, minArea, fraction);
      assertEquals(expected, got, () -> "mask " + w + "x" + h + " k=" + k + "\n" + show(a, w, h));
      cases++;
    }
    assertEquals(6000, cases);
  }

  @Test
  void tiny_moving_objects_on_real_frames_get_the_opencv_verdict_at_every_threshold()
      throws IOException {
    // Specks of 1x1 to 3x3 pixels (a dilated 1x1 speck scores 16 px², under min area 25; a 2x2
    // one exactly 25), alone, touching, on the frame's edges and inside the border mask, in counts
    // that straddle each fraction of a 320x240 frame (0.002 is about ten specks).
    List<StoredImage> frames = frames(TestData.shared("cctv/pets2001"));
    List<StoredImage> images = new ArrayList<>();
    Random rnd = new Random(2001);
    int[] counts = {1, 2, 6, 9, 10, 11, 12, 30, 47, 48, 49, 60, 120, 239, 240, 241, 500, 800};
    for (int i = 0; i < 40; i++) {
      StoredImage base = frames.get(i * (frames.size() / 40));
      images.add(base);
      images.add(specks(base, rnd, counts[rnd.nextInt(counts.length)]));
      images.add(specks(base, rnd, counts[rnd.nextInt(counts.length)]));
    }
    List<int[]> pairs = new ArrayList<>();
    for (int g = 0; g < images.size(); g += 3) {
      for (int i = g; i < g + 3; i++) {
        for (int j = g; j < g + 3; j++) {
          pairs.add(new int[] {i, j});
        }
        if (i + 3 < images.size()) {
          pairs.add(new int[] {i, i + 3});
        }
      }
    }
    Tally t = new Tally();
    for (double f : FRACTIONS) {
      for (double area : MIN_AREAS) {
        check("specks", images, pairs, params(f, area), t);
      }
    }
    assertTrue(t.passed > 100 && t.failedScored > 100 && t.pruned > 100, t.toString());
  }

  @Test
  void strips_single_pixels_flat_and_noise_masks_up_to_frame_size_get_opencvs_contours() {
    Random rnd = new Random(4000);
    MaskWorkspace ws = new MaskWorkspace();
    int[][] sizes = {
      {1, 1},
      {1, 2},
      {2, 1},
      {1, 63},
      {1, 64},
      {1, 65},
      {1, 400},
      {400, 1},
      {2, 300},
      {300, 2},
      {3, 129},
      {129, 3},
      {63, 5},
      {64, 5},
      {65, 5},
      {127, 9},
      {128, 9},
      {129, 9},
      {320, 240},
      {240, 320},
      {321, 17},
      {17, 321}
    };
    int cases = 0;
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      for (int k = 0; k <= MaskWorkspace.MAX_DILATE; k++) {
        for (int kind = 0; kind < 8; kind++) {
          byte[] a = new byte[w * h];
          byte[] b = new byte[w * h];
          switch (kind) {
            case 0 -> {} // flat: nothing changed
            case 1 -> java.util.Arrays.fill(a, (byte) 255); // everything changed
            case 2 -> a[rnd.nextInt(a.length)] = (byte) 255; // one pixel
            case 3 -> { // one pixel in each corner
              a[0] = a[w - 1] = a[(h - 1) * w] = a[w * h - 1] = (byte) 255;
            }
            default -> { // noise at four densities, on random grays in both frames
              double density = new double[] {0.01, 0.1, 0.5, 0.9}[kind - 4];
              for (int i = 0; i < a.length; i++) {
                b[i] = (byte) (100 + rnd.nextInt(40));
                a[i] = rnd.nextDouble() < density ? (byte) (b[i] + 46) : (byte) (b[i] + 45);
              }
            }
          }
          for (double minArea : new double[] {0, 25}) {
            for (double fraction : new double[] {0.002, 0.15}) {
              PixelDiffParams p =
                  new PixelDiffParams(List.of(), BorderMask.NONE, 45, k, minArea, fraction, 0.02);
              DiffResult expected =
                  new PixelDiff(p).compare(new GrayImage(w, h, a), new GrayImage(w, h, b));
              DiffResult got =
                  ws.score(
                      a, b, w, h, new int[] {0, 0, w, h}, 45, k, Long.MAX_VALUE, minArea, fraction);
              int kk = k;
              int kd = kind;
              assertEquals(expected, got, () -> w + "x" + h + " k=" + kk + " kind " + kd);
              cases++;
            }
          }
        }
      }
    }
    assertEquals(sizes.length * (MaskWorkspace.MAX_DILATE + 1) * 8 * 4, cases);
  }

  /** The image with {@code n} specks of 1x1 to 3x3 pixels, some at the edges, set far off. */
  private static StoredImage specks(StoredImage s, Random rnd, int n) {
    int w = s.gray().width();
    int h = s.gray().height();
    byte[] px = s.gray().pixels().clone();
    for (int i = 0; i < n; i++) {
      int size = 1 + rnd.nextInt(3);
      int x =
          switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> w - size;
            default -> rnd.nextInt(w - size + 1);
          };
      int y =
          switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> h - size;
            default -> rnd.nextInt(h - size + 1);
          };
      for (int dy = 0; dy < size; dy++) {
        for (int dx = 0; dx < size; dx++) {
          int at = (y + dy) * w + x + dx;
          px[at] = (byte) ((px[at] & 0xff) < 128 ? 255 : 0);
        }
      }
    }
    return new StoredImage(new GrayImage(w, h, px), s.width(), s.height());
  }

  /** Shapes that stress the tracer: specks, diagonal chains, rings with islands, edges, noise. */
  private static void draw(byte[] m, int w, int h, Random rnd) {
    int kind = rnd.nextInt(6);
    double density = new double[] {0.02, 0.1, 0.3, 0.5, 0.8}[rnd.nextInt(5)];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        boolean on =
            switch (kind) {
              case 0 -> rnd.nextDouble() < density;
              case 1 -> (x + y) % 2 == 0 && rnd.nextDouble() < 0.9;
              case 2 -> ring(x, y, w, h) && rnd.nextDouble() < 0.97;
              case 3 -> x == 0 || y == 0 || x == w - 1 || y == h - 1 || rnd.nextDouble() < 0.05;
              case 4 -> (x % 7 == 0 || y % 5 == 0) && rnd.nextDouble() < 0.95;
              default -> rnd.nextDouble() < density * 0.2;
            };
        m[y * w + x] = on ? (byte) 200 : 0;
      }
    }
  }

  /** Concentric square rings one pixel wide, two apart, with a centre speck. */
  private static boolean ring(int x, int y, int w, int h) {
    int d = Math.min(Math.min(x, y), Math.min(w - 1 - x, h - 1 - y));
    return d % 3 == 0;
  }

  private static String show(byte[] m, int w, int h) {
    StringBuilder s = new StringBuilder();
    for (int y = 0; y < Math.min(h, 40); y++) {
      for (int x = 0; x < Math.min(w, 100); x++) {
        s.append(m[y * w + x] != 0 ? '#' : '.');
      }
      s.append('\n');
    }
    return s.toString();
  }

  private static PixelDiffParams params(double fraction, double minArea) {
    return PixelDiffParams.defaults().withFraction(fraction).withMinContourArea(minArea);
  }

  private static void check(
      String what, List<StoredImage> images, List<int[]> pairs, PixelDiffParams p, Tally t) {
    PixelVerifier fast = new PixelVerifier(p);
    OpenCvPixelCheck oracle = new OpenCvPixelCheck(fast);
    List<Prepared> prepared = images.stream().map(fast::prepare).toList();
    for (int[] pair : pairs) {
      Prepared a = prepared.get(pair[0]);
      Prepared b = prepared.get(pair[1]);
      Verdict got = fast.verify(a, b);
      Verdict want = oracle.verify(a, b);
      String where =
          String.format(
              Locale.ROOT,
              "%s pair %d,%d at fraction %s, min area %s",
              what,
              pair[0],
              pair[1],
              p.fraction(),
              p.minContourArea());
      assertEquals(want, got, where);
      if (got.level() == Verdict.Level.PRUNED) {
        t.pruned++;
        continue;
      }
      if (got.diff() == null || !got.diff().comparable()) {
        continue;
      }
      StoredImage sa = a.image();
      StoredImage sb = b.image();
      if (sa.gray().width() == sb.gray().width() && sa.gray().height() == sb.gray().height()) {
        DiffResult definition =
            fast.definition()
                .compareThumbnails(sa.gray(), sb.gray(), Math.min(sa.pixels(), sb.pixels()));
        assertEquals(definition, got.diff(), where + " (definition)");
      }
      if (got.duplicate()) {
        t.passed++;
      } else {
        t.failedScored++;
      }
      t.regions += got.diff().regions().size();
    }
  }

  private static List<StoredImage> frames(Path folder) throws IOException {
    List<StoredImage> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      for (Path f : s.sorted().toList()) {
        Mat m = Imgcodecs.imread(f.toString(), Imgcodecs.IMREAD_COLOR);
        assertFalse(m.empty(), "could not read " + f);
        out.add(
            new StoredImage(
                Thumbnails.verificationImage(m, Thumbnails.DEFAULT_MAX_SIDE), m.cols(), m.rows()));
        m.release();
      }
    }
    return out;
  }

  /** The image with a fraction of its pixels set to random values. */
  private static StoredImage edited(StoredImage s, Random rnd, double share) {
    byte[] px = s.gray().pixels().clone();
    int n = (int) Math.ceil(px.length * share);
    for (int i = 0; i < n; i++) {
      px[rnd.nextInt(px.length)] = (byte) rnd.nextInt(256);
    }
    return new StoredImage(
        new GrayImage(s.gray().width(), s.gray().height(), px), s.width(), s.height());
  }

  /** The image moved one pixel right (the first column repeated). */
  private static StoredImage shifted(StoredImage s) {
    int w = s.gray().width();
    int h = s.gray().height();
    byte[] src = s.gray().pixels();
    byte[] px = new byte[src.length];
    for (int y = 0; y < h; y++) {
      px[y * w] = src[y * w];
      System.arraycopy(src, y * w, px, y * w + 1, w - 1);
    }
    return new StoredImage(new GrayImage(w, h, px), s.width(), s.height());
  }

  private static final class Tally {
    long pruned;
    long passed;
    long failedScored;
    long regions;

    @Override
    public String toString() {
      return "pruned "
          + pruned
          + ", passed "
          + passed
          + ", failed with a score "
          + failedScored
          + ", regions "
          + regions;
    }
  }
}
