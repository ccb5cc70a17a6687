package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Thumbnails;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/** Validation of the settings records, and the heap image and thumbnail conversions. */
class SettingsAndImagesTest {

  @BeforeAll
  static void loadOpenCv() {
    OpenCv.load();
  }

  private static String failure(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void an_even_blur_kernel_is_refused_naming_the_value() {
    assertEquals(
        "blur kernel sizes must be odd and positive; got 4 in [3, 4]",
        failure(() -> PixelDiffParams.defaults().withBlurKernels(List.of(3, 4))));
    assertEquals(
        "blur kernel sizes must be odd and positive; got -3 in [-3]",
        failure(() -> PixelDiffParams.defaults().withBlurKernels(List.of(-3))));
  }

  @Test
  void other_bad_settings_are_refused_naming_the_setting_and_value() {
    assertEquals(
        "min_contour_area must be >= 0 and finite; got -3.0",
        failure(() -> PixelDiffParams.defaults().withMinContourArea(-3)));
    assertEquals(
        "fraction must be in [0, 1]; got 1.5",
        failure(() -> PixelDiffParams.defaults().withFraction(1.5)));
    assertEquals(
        "binary_threshold must be in [0, 254]; got 255",
        failure(() -> new PixelDiffParams(List.of(), BorderMask.DEFAULT, 255, 2, 0, 0.05, 0.02)));
    assertEquals(
        "dilate_iterations must be >= 0; got -1",
        failure(() -> new PixelDiffParams(List.of(), BorderMask.DEFAULT, 45, -1, 0, 0.05, 0.02)));
    assertEquals(
        "aspect_tolerance must be in [0, 1]; got NaN",
        failure(
            () -> new PixelDiffParams(List.of(), BorderMask.DEFAULT, 45, 2, 0, 0.05, Double.NaN)));
  }

  @Test
  void defaults_are_the_users_settings() {
    PixelDiffParams d = PixelDiffParams.defaults();
    assertEquals(List.of(), d.blurKernels());
    assertEquals(new BorderMask(5, 10, 5, 0), d.mask());
    assertEquals(45, d.binaryThreshold());
    assertEquals(2, d.dilateIterations());
    assertEquals(0.0, d.minContourArea());
    assertEquals(0.05, d.fraction());
    assertEquals(0.02, d.aspectTolerance());
  }

  @Test
  void border_mask_parses_four_percentages_and_prints_them_back() {
    assertEquals(BorderMask.DEFAULT, BorderMask.parse("5,10,5,0"));
    assertEquals(new BorderMask(2.5, 0, 0, 7), BorderMask.parse(" 2.5, 0,0 ,7 "));
    assertEquals("5,10,5,0", BorderMask.DEFAULT.spec());
    assertEquals("2.5,0,0,7", new BorderMask(2.5, 0, 0, 7).spec());
  }

  @Test
  void border_mask_refuses_bad_specs_and_strips_that_cover_the_frame() {
    assertEquals(
        "border mask must be four percentages 'left,top,right,bottom'; got '5,10,5'",
        failure(() -> BorderMask.parse("5,10,5")));
    assertEquals(
        "border mask value 'x' is not a number in '5,x,5,0'",
        failure(() -> BorderMask.parse("5,x,5,0")));
    assertEquals(
        "border mask left must be in [0, 100] percent; got -1.0",
        failure(() -> new BorderMask(-1, 0, 0, 0)));
    assertEquals(
        "border mask left + right must be < 100; got 60.0 + 40.0",
        failure(() -> new BorderMask(60, 0, 40, 0)));
    assertEquals(
        "border mask top + bottom must be < 100; got 50.0 + 50.0",
        failure(() -> new BorderMask(0, 50, 0, 50)));
  }

  @Test
  void border_strips_round_down_to_whole_pixels() {
    BorderMask m = BorderMask.DEFAULT;
    assertEquals(16, m.leftPixels(320)); // 5% of 320
    assertEquals(24, m.topPixels(240)); // 10% of 240
    assertEquals(8, m.rightPixels(160)); // 5% of 160
    assertEquals(12, m.topPixels(125)); // 12.5 -> 12
    assertEquals(0, m.bottomPixels(240));
  }

  @Test
  void gray_image_round_trips_through_a_mat_and_compares_by_content() {
    byte[] px = {0, 1, 2, (byte) 200, (byte) 255, 7};
    GrayImage g = new GrayImage(3, 2, px);
    Mat m = g.toMat();
    try {
      assertEquals(CvType.CV_8UC1, m.type());
      assertEquals(200, (int) m.get(1, 0)[0]);
      GrayImage back = GrayImage.of(m);
      assertEquals(g, back);
      assertEquals(g.hashCode(), back.hashCode());
      assertArrayEquals(px, back.pixels());
      assertNotEquals(g, new GrayImage(2, 3, px));
    } finally {
      m.release();
    }
  }

  @Test
  void gray_image_refuses_a_pixel_array_of_the_wrong_length() {
    assertEquals(
        "pixels.length must be width*height = 6 for 3x2; got 5",
        failure(() -> new GrayImage(3, 2, new byte[5])));
    assertEquals(
        "width and height must be > 0; got 0x2", failure(() -> new GrayImage(0, 2, new byte[0])));
    Mat bgr = new Mat(2, 2, CvType.CV_8UC3);
    try {
      assertEquals(
          "expected a non-empty CV_8UC1 Mat; got CV_8UC3", failure(() -> GrayImage.of(bgr)));
    } finally {
      bgr.release();
    }
  }

  @Test
  void thumbnails_shrink_the_longer_side_to_the_limit_and_never_upscale() {
    Mat land = new Mat(240, 320, CvType.CV_8UC3, new Scalar(10, 20, 30));
    Mat port = new Mat(320, 240, CvType.CV_8UC1, new Scalar(9));
    Mat tiny = new Mat(67, 100, CvType.CV_8UC3, new Scalar(0, 0, 0));
    try {
      GrayImage l = Thumbnails.gray(land, 160);
      assertEquals(List.of(160, 120), List.of(l.width(), l.height()));
      GrayImage p = Thumbnails.gray(port, 160);
      assertEquals(List.of(120, 160), List.of(p.width(), p.height()));
      assertEquals(9, p.pixels()[0]);
      GrayImage t = Thumbnails.gray(tiny, 160);
      assertEquals(List.of(100, 67), List.of(t.width(), t.height()));
      // Verification images: full resolution up to 800x600 pixels, else shrunk to the limit.
      GrayImage small = Thumbnails.verificationImage(land, 160);
      assertEquals(List.of(320, 240), List.of(small.width(), small.height()));
      Mat big = new Mat(800, 1000, CvType.CV_8UC1, new Scalar(7));
      try {
        GrayImage b = Thumbnails.verificationImage(big, 160);
        assertEquals(List.of(160, 128), List.of(b.width(), b.height()));
      } finally {
        big.release();
      }
      assertEquals(
          "thumbnail max side must be > 0; got 0", failure(() -> Thumbnails.gray(land, 0)));
    } finally {
      land.release();
      port.release();
      tiny.release();
    }
  }

  @Test
  void a_thumbnail_is_the_gray_image_resized_with_inter_area() {
    Mat bgr = new Mat(240, 320, CvType.CV_8UC3);
    Mat gray = new Mat();
    Mat small = new Mat();
    try {
      org.opencv.core.Core.randu(bgr, 0, 256);
      Imgproc.cvtColor(bgr, gray, Imgproc.COLOR_BGR2GRAY);
      Imgproc.resize(gray, small, new Size(128, 96), 0, 0, Imgproc.INTER_AREA);
      assertEquals(GrayImage.of(small), Thumbnails.gray(bgr, 128));
    } finally {
      bgr.release();
      gray.release();
      small.release();
    }
  }
}
