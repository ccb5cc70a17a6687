package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * What the fast {@link PixelVerifier} compares ({@link PixelDiff#checkedPixels} inside {@link
 * PixelDiff#unmasked}) is what the definition compares ({@link PixelDiff#preprocess} on a native
 * frame): the same pixels inside the rectangle, and black in both frames outside it, so that no
 * pixel outside can change. With and without a blur, for every border mask shape (strips of 0
 * pixels, odd sizes, thin frames, strips that cover the frame).
 */
class HeapPreprocessTest {
  static {
    OpenCv.load();
  }

  @Test
  void heap_and_native_preprocessing_give_the_same_pixels() {
    Random rnd = new Random(5);
    List<BorderMask> masks =
        List.of(
            BorderMask.DEFAULT,
            BorderMask.NONE,
            new BorderMask(0, 0, 33.3, 49),
            new BorderMask(49.9, 49.9, 50, 50));
    for (int i = 0; i < 30; i++) {
      int w = 1 + rnd.nextInt(90);
      int h = 1 + rnd.nextInt(90);
      byte[] px = new byte[w * h];
      rnd.nextBytes(px);
      Mat m = new Mat(h, w, CvType.CV_8UC1);
      m.put(0, 0, px);
      GrayImage g = GrayImage.of(m);
      m.release();
      for (BorderMask mask : masks) {
        for (List<Integer> blur : List.of(List.<Integer>of(), List.of(3))) {
          PixelDiff check =
              new PixelDiff(PixelDiffParams.defaults().withMask(mask).withBlurKernels(blur));
          Mat n = g.toMat();
          try {
            check.preprocess(n);
            byte[] want = new byte[w * h];
            n.get(0, 0, want);
            String what = w + "x" + h + " " + mask + " " + blur;
            byte[] got = check.checkedPixels(g);
            int[] r = check.unmasked(w, h);
            assertTrue(r[0] <= r[2] && r[1] <= r[3] && r[2] <= w && r[3] <= h, what);
            for (int y = 0; y < h; y++) {
              for (int x = 0; x < w; x++) {
                boolean inside = x >= r[0] && x < r[2] && y >= r[1] && y < r[3];
                int at = y * w + x;
                if (inside) {
                  assertEquals(want[at], got[at], what + " at " + x + "," + y);
                } else {
                  assertEquals(0, want[at], what + ": the definition keeps " + x + "," + y);
                }
              }
            }
            if (blur.isEmpty()) {
              assertSame(g.pixels(), got, "no copy without a blur: " + what);
            }
          } finally {
            n.release();
          }
        }
      }
    }
  }
}
