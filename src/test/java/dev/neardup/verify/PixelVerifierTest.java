package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.image.StoredImage;
import dev.neardup.image.Thumbnails;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The fast {@link PixelVerifier} gives the definition's ({@link PixelDiff}) verdict on every pair,
 * and its pruning bound holds: it never skips a pair the check would accept.
 */
class PixelVerifierTest {
  static {
    OpenCv.load();
  }

  static GrayImage gray(Path file) {
    Mat m = Imgcodecs.imread(file.toString(), Imgcodecs.IMREAD_COLOR);
    try {
      assertFalse(m.empty(), "could not read " + file);
      return Thumbnails.verificationImage(m, Thumbnails.DEFAULT_MAX_SIDE);
    } finally {
      m.release();
    }
  }

  /** Frame pairs of both camera sequences, 1, 5, 20 and 100 frames apart, and UKBench views. */
  static List<StoredImage[]> pairs() {
    List<StoredImage[]> out = new ArrayList<>();
    Path pets = TestData.shared("cctv/pets2001");
    for (int i = 0; i < 500; i += 37) {
      for (int gap : new int[] {1, 5, 20, 100}) {
        out.add(
            new StoredImage[] {
              stored(pets.resolve(String.format("in%06d.jpg", i))),
              stored(pets.resolve(String.format("in%06d.jpg", i + gap)))
            });
      }
    }
    Path vtest = TestData.shared("cctv/vtest");
    for (int i = 20; i < 90; i += 9) {
      out.add(
          new StoredImage[] {
            stored(vtest.resolve(String.format("frame_%05d.jpg", i))),
            stored(vtest.resolve(String.format("frame_%05d.jpg", i + 3)))
          });
    }
    Path uk = TestData.shared("ukbench");
    for (int i = 0; i < 40; i += 4) {
      out.add(
          new StoredImage[] {
            stored(uk.resolve(String.format("ukbench%05d.jpg", i))),
            stored(uk.resolve(String.format("ukbench%05d.jpg", i + 1)))
          });
    }
    return out;
  }

  static StoredImage stored(Path file) {
    GrayImage g = gray(file);
    return new StoredImage(g, g.width(), g.height());
  }

  @Test
  void the_fast_check_gives_the_definitions_verdict_and_score_on_real_pairs() {
    List<StoredImage[]> pairs = pairs();
    int pruned = 0;
    int checkedBoth = 0;
    int duplicates = 0;
    for (PixelDiffParams p :
        List.of(
            PixelDiffParams.defaults().withFraction(0.002),
            PixelDiffParams.defaults().withFraction(0.01),
            PixelDiffParams.defaults(),
            PixelDiffParams.defaults().withMinContourArea(25).withFraction(0.01),
            PixelDiffParams.defaults().withBlurKernels(List.of(5)).withFraction(0.01))) {
      PixelVerifier fast = new PixelVerifier(p);
      PixelDiff definition = new PixelDiff(p);
      for (StoredImage[] pair : pairs) {
        Prepared a = fast.prepare(pair[0]);
        Prepared b = fast.prepare(pair[1]);
        long ref = Math.min(pair[0].pixels(), pair[1].pixels());
        DiffResult want = definition.compareThumbnails(pair[0].gray(), pair[1].gray(), ref);
        Verdict got = fast.verify(a, b);
        assertEquals(want.duplicate(), got.duplicate(), p + " " + got);
        duplicates += want.duplicate() ? 1 : 0;
        if (fast.cannotPass(a.signature(), b.signature(), ref)) {
          assertFalse(want.duplicate(), "pruned a pair the check accepts: " + p);
          pruned++;
        }
        if (got.diff() != null) {
          assertEquals(want.score(), got.diff().score(), p.toString());
          assertEquals(want.regions(), got.diff().regions());
          assertEquals(want.width(), got.diff().width());
          checkedBoth++;
        } else {
          assertEquals(Verdict.Level.PRUNED, got.level());
        }
      }
    }
    // Both verdicts and both paths occur, so the agreement is not trivial.
    assertTrue(duplicates > 50 && checkedBoth > 100 && pruned > 10, duplicates + " " + pruned);
  }

  @Test
  void the_score_is_never_below_the_number_of_changed_pixels_edges_included() {
    Random rnd = new Random(42);
    for (int dilations = 1; dilations <= 2; dilations++) {
      PixelDiffParams p =
          new PixelDiffParams(List.of(), BorderMask.NONE, 45, dilations, 0, 0.05, 0.02);
      PixelDiff check = new PixelDiff(p);
      for (int trial = 0; trial < 400; trial++) {
        int w = 8 + rnd.nextInt(60);
        int h = 8 + rnd.nextInt(40);
        byte[] a = new byte[w * h];
        byte[] b = new byte[w * h];
        double density = rnd.nextDouble() * (trial % 2 == 0 ? 0.05 : 0.6);
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
          if (rnd.nextDouble() < density
              || (trial % 5 == 0 && isEdge(i, w, h) && rnd.nextBoolean())) {
            b[i] = (byte) 200;
            changed++;
          }
        }
        GrayImage ga = new GrayImage(w, h, a);
        GrayImage gb = new GrayImage(w, h, b);
        double score = check.compare(ga, gb).score();
        assertTrue(
            score >= changed, "score " + score + " < changed " + changed + " at " + w + "x" + h);
        // Thumbnail mode: each changed pixel grows to at least floor(f)^2 before dilation.
        long reference = (long) w * h * 9;
        DiffResult up = check.compareThumbnails(ga, gb, reference);
        long perPixel = (long) (up.width() / w) * (up.height() / h);
        assertTrue(up.score() >= changed * perPixel, "thumbnail score " + up.score());
      }
    }
  }

  private static boolean isEdge(int i, int w, int h) {
    int x = i % w;
    int y = i / w;
    return x == 0 || y == 0 || x == w - 1 || y == h - 1;
  }

  @Test
  void a_block_signature_survives_encoding_and_bounds_the_changed_pixels() {
    GrayImage a = gray(TestData.shared("cctv/pets2001/in000100.jpg"));
    GrayImage b = gray(TestData.shared("cctv/pets2001/in000400.jpg"));
    BlockSignature sa = BlockSignature.of(a);
    BlockSignature sb = BlockSignature.of(b);
    BlockSignature back = BlockSignature.decode(sa.encode());
    assertEquals(java.util.Arrays.toString(sa.sums()), java.util.Arrays.toString(back.sums()));
    long bound = sa.changedAtLeast(sb, 45, 0, 0, a.width(), a.height());
    long exact = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      if (Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff)) > 45) {
        exact++;
      }
    }
    assertTrue(bound <= exact, bound + " > " + exact);
  }
}
