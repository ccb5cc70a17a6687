package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.AreaSums;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Thumbnails;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.PixelDiff;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.Verifiers;
import dev.neardup.verify.VerifyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The signature bound across sizes ({@link ResizedProbe}, {@link ResizedSignatures}) against the
 * definition itself: on real photos at several sizes (resized, cropped, other aspect ratios), every
 * pair either bound proves failing is one the pixel check ({@link PixelDiff#compareThumbnails})
 * rejects, at strict and loose fractions; and the bounds do prune, so the test can fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResizedBoundTest {
  private record Image(String name, GrayImage gray, BlockSignature signature) {}

  private final List<Image> images = new ArrayList<>();

  @BeforeAll
  void makeImages() throws Exception {
    OpenCv.load();
    ImageDecoder decoder = new ImageDecoder(ImageDecoder.DEFAULT_MAX_PIXELS);
    List<String> sources = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      sources.add(String.format("ukbench/ukbench%05d.jpg", i)); // 3 objects × 4 views
    }
    sources.add("stills/baboon.jpg");
    sources.add("cctv/pets2001/in000100.jpg");
    for (String s : sources) {
      try (DecodedImage d = decoder.decode(TestData.shared(s))) {
        Mat bgr = d.bgr();
        add(s, bgr);
        add(s + " at 75%", resized(bgr, 0.75));
        add(s + " at 50%", resized(bgr, 0.5));
        add(s + " at 40%", resized(bgr, 0.4));
        int w = bgr.cols();
        int h = bgr.rows();
        Mat crop = new Mat(bgr, new Rect(w / 20, h / 20, w - w / 10, h - h / 10)).clone();
        add(s + " cropped 90%", crop);
        Mat strip = new Mat(bgr, new Rect(0, 0, w, h * 3 / 4)).clone();
        add(s + " top 3/4", strip);
      }
    }
  }

  private void add(String name, Mat bgr) {
    GrayImage g = Thumbnails.verificationImage(bgr, 640);
    images.add(new Image(name, g, BlockSignature.of(g)));
  }

  private static Mat resized(Mat bgr, double f) {
    Mat out = new Mat();
    Imgproc.resize(
        bgr,
        out,
        new Size(Math.round(bgr.cols() * f), Math.round(bgr.rows() * f)),
        0,
        0,
        Imgproc.INTER_AREA);
    return out;
  }

  /**
   * @param leastPruned pairs the resized bounds must prune beyond the aspect rule (the bound
   *     weakens as the fraction grows: at 0.15 it proves nothing on these photos)
   */
  @ParameterizedTest(name = "fraction {0}, min contour area {1}")
  @CsvSource({"0.01, 0, 1500", "0.05, 0, 300", "0.15, 0, 0", "0.30, 0, 0", "0.05, 25, 0"})
  void no_pair_across_sizes_that_a_bound_prunes_passes_the_pixel_check(
      double fraction, double minContourArea, int leastPruned) {
    PixelDiffParams params =
        PixelDiffParams.defaults().withFraction(fraction).withMinContourArea(minContourArea);
    Verifier verifier = Verifiers.create(VerifyMode.PIXEL, params);
    PixelDiff definition = new PixelDiff(params);
    ResizedSignatures larger = new ResizedSignatures(1 << 20);
    int crossSize = 0;
    int pruned = 0;
    int extra = 0;
    int passed = 0;
    int approximated = 0;
    for (Image probe : images) {
      ResizedProbe smaller = new ResizedProbe(probe::gray);
      for (Image kept : images) {
        if (kept == probe || sameSize(kept, probe)) {
          continue;
        }
        crossSize++;
        long reference =
            Math.min(kept.gray().pixelCount(), probe.gray().pixelCount()); // as the finder passes
        boolean bySmaller = smaller.fails(verifier, kept.signature(), probe.signature(), reference);
        AtomicInteger asked = new AtomicInteger();
        ResizedSignatures.AtSize keptAt =
            larger.at(
                kept.name(),
                kept.signature(),
                probe.signature(),
                () -> {
                  asked.incrementAndGet();
                  return kept.gray();
                });
        boolean byLarger = keptAt != null && keptAt.fails(verifier, probe.signature(), reference);
        if (keptAt != null) {
          // Larger on both sides: sums from the kept image's pixels (AreaSums); else resized.
          boolean shrinks =
              kept.gray().width() >= probe.gray().width()
                  && kept.gray().height() >= probe.gray().height();
          assertEquals(shrinks, keptAt.approximate() != null, probe.name() + " vs " + kept.name());
          approximated += shrinks ? 1 : 0;
        }
        DiffResult check = definition.compareThumbnails(kept.gray(), probe.gray(), reference);
        String pair = probe.name() + " vs kept " + kept.name() + " at " + fraction;
        boolean byGrids =
            SignatureIndex.fails(verifier, kept.signature(), probe.signature(), reference);
        if (bySmaller || byLarger) {
          pruned++;
          extra += byGrids ? 0 : 1;
          assertFalse(check.duplicate(), "pruned, yet the check passes: " + pair);
        }
        if (check.duplicate()) {
          passed++;
        }
        // Each direction applies to its own case only.
        if (kept.gray().pixelCount() <= probe.gray().pixelCount()) {
          assertNull(keptAt, pair);
          assertEquals(0, asked.get(), "the smaller kept image's pixels were read: " + pair);
        }
      }
    }
    assertTrue(crossSize > 1000, "pairs across sizes: " + crossSize);
    assertTrue(approximated > 500, "larger kept images summed without resizing: " + approximated);
    assertTrue(passed > 0, "no pair across sizes passed at " + fraction);
    assertTrue(
        extra >= leastPruned,
        "pruned by the resized bounds " + extra + " of " + crossSize + " (" + pruned + " in all)");
    if (minContourArea > 0) {
      assertEquals(0, extra, "no bound on sums holds with a minimum contour area");
    }
  }

  /**
   * The premise of {@link ResizedProbe#approximateSums}: each tile sum of the probe as the check
   * resizes it lies within half a gray level per pixel (plus one half) of the approximation, so
   * within {@link AreaSums#slack}. On every smaller pair of the photos, and on noise (which rounds
   * the most) at integer and fractional ratios down to a single pixel.
   */
  /**
   * {@link AreaSums#fromSignature} gives {@link AreaSums#once}'s numbers from the signature alone
   * at every exact divisor of a size (a half, a third, a quarter, a fifth), and nothing at any
   * other target size; and those numbers lie within the slack of OpenCV's resize.
   */
  @org.junit.jupiter.api.Test
  void sums_at_an_exact_divisor_come_from_the_signature_alone() {
    java.util.Random rnd = new java.util.Random(9);
    List<GrayImage> sources = new ArrayList<>();
    for (Image i : images) {
      sources.add(i.gray());
    }
    for (int[] size : new int[][] {{640, 480}, {960, 720}, {60, 45}, {1500, 1000}}) {
      byte[] px = new byte[size[0] * size[1]];
      rnd.nextBytes(px);
      sources.add(new GrayImage(size[0], size[1], px));
    }
    int exactDivisors = 0;
    for (GrayImage g : sources) {
      BlockSignature signature = BlockSignature.of(g);
      for (int k = 1; k <= 5; k++) {
        for (int dw = -1; dw <= 1; dw++) {
          int w = g.width() / k + dw;
          int h = g.height() / k;
          if (w < 1 || h < 1 || w > g.width()) {
            continue;
          }
          int block = BlockSignature.blockFor(w, h);
          double[] fromSignature = AreaSums.fromSignature(signature, w, h, block);
          int q = g.width() / w;
          boolean divides =
              q >= 2
                  && q * w == g.width()
                  && q * h == g.height()
                  && (q * block) % signature.block() == 0;
          String label = g.width() + "x" + g.height() + " to " + w + "x" + h;
          assertEquals(divides, fromSignature != null, label);
          if (fromSignature == null) {
            continue;
          }
          exactDivisors++;
          double[] once = AreaSums.once(g, w, h, block);
          int[] resized = BlockSignature.of(PixelDiff.resizedTo(g, w, h)).sums();
          int tx = Math.ceilDiv(w, block);
          for (int i = 0; i < once.length; i++) {
            assertEquals(
                once[i], fromSignature[i], 1e-6 * Math.max(1, once[i]), label + " tile " + i);
            int xs = (i % tx) * block;
            int ys = (i / tx) * block;
            long n = (long) (Math.min(w, xs + block) - xs) * (Math.min(h, ys + block) - ys);
            assertTrue(
                Math.abs(resized[i] - fromSignature[i]) <= AreaSums.slack(n),
                label + " tile " + i + ": resized " + resized[i] + " vs " + fromSignature[i]);
          }
        }
      }
    }
    assertTrue(exactDivisors > 20, "only " + exactDivisors + " exact divisors tried");
  }

  @org.junit.jupiter.api.Test
  void the_approximate_sums_lie_within_half_a_level_per_pixel_of_the_resized_probes() {
    List<Image> all = new ArrayList<>(images);
    java.util.Random rnd = new java.util.Random(5);
    int[][] noise = {{997, 601}, {640, 480}, {33, 17}};
    for (int[] size : noise) {
      byte[] px = new byte[size[0] * size[1]];
      rnd.nextBytes(px);
      GrayImage g = new GrayImage(size[0], size[1], px);
      all.add(new Image("noise " + size[0] + "x" + size[1], g, BlockSignature.of(g)));
    }
    int[][] targets = {{320, 240}, {499, 300}, {213, 160}, {160, 120}, {17, 9}, {1, 1}, {16, 16}};
    int compared = 0;
    double worst = 0;
    for (Image probe : all) {
      List<GrayImage> kepts = new ArrayList<>();
      for (Image kept : all) {
        kepts.add(kept.gray());
      }
      for (int[] t : targets) {
        kepts.add(new GrayImage(t[0], t[1], new byte[t[0] * t[1]]));
      }
      ResizedProbe resized = new ResizedProbe(probe::gray);
      for (GrayImage kept : kepts) {
        BlockSignature keptSignature = BlockSignature.of(kept);
        double[] approximate = resized.approximateSums(keptSignature, probe.signature());
        boolean applies =
            kept.width() <= probe.gray().width()
                && kept.height() <= probe.gray().height()
                && (kept.width() != probe.gray().width() || kept.height() != probe.gray().height());
        assertEquals(applies, approximate != null, probe.name() + " to " + kept.width());
        if (approximate == null) {
          continue;
        }
        compared++;
        int[] exact =
            BlockSignature.of(PixelDiff.resizedTo(probe.gray(), kept.width(), kept.height()))
                .sums();
        int block = keptSignature.block();
        int tx = Math.ceilDiv(kept.width(), block);
        double[] once = AreaSums.once(probe.gray(), kept.width(), kept.height(), block);
        for (int i = 0; i < exact.length; i++) {
          int xs = (i % tx) * block;
          int ys = (i / tx) * block;
          long n =
              (long) (Math.min(kept.width(), xs + block) - xs)
                  * (Math.min(kept.height(), ys + block) - ys);
          double off = Math.abs(exact[i] - approximate[i]);
          worst = Math.max(worst, off / n);
          assertTrue(
              off <= 0.5 * n + 0.5,
              probe.name()
                  + " at "
                  + kept.width()
                  + "x"
                  + kept.height()
                  + ", tile "
                  + i
                  + ": "
                  + exact[i]
                  + " vs "
                  + approximate[i]);
          assertTrue(off <= AreaSums.slack(n));
          // The one-pass sums (a kept image brought to one probe's size) are the same numbers.
          assertEquals(approximate[i], once[i], 1e-6 * Math.max(1, once[i]), "one pass, " + i);
        }
      }
    }
    assertTrue(compared > 500, "pairs compared: " + compared);
    assertTrue(worst > 0.01, "the approximation matched exactly (worst " + worst + "): no test");
  }

  private static boolean sameSize(Image a, Image b) {
    return a.gray().width() == b.gray().width() && a.gray().height() == b.gray().height();
  }
}
