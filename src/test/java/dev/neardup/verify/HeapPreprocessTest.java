package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * The heap preprocessing the fast {@link PixelVerifier} compares ({@link PixelDiff#preprocessed})
 * is the same pixels as {@link PixelDiff#preprocess} on a native frame, with and without a blur,
 * for every border mask shape (strips of 0 pixels, odd sizes, thin frames).
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
            assertArrayEquals(want, check.preprocessed(g), w + "x" + h + " " + mask + " " + blur);
          } finally {
            n.release();
          }
        }
      }
    }
  }
}
