package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.Box;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Thumbnails;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class PixelDiffTest {
  private static final PixelDiff DEFAULTS = new PixelDiff(PixelDiffParams.defaults());

  @BeforeAll
  static void loadOpenCv() {
    OpenCv.load();
  }

  private static Mat read(Path p) {
    Mat m = Imgcodecs.imread(p.toString(), Imgcodecs.IMREAD_COLOR);
    assertFalse(m.empty(), "could not read " + p);
    return m;
  }

  private static Mat black(int w, int h) {
    return new Mat(h, w, CvType.CV_8UC1, new Scalar(0));
  }

  /** Fills columns x..x+w-1, rows y..y+h-1 with {@code value}. */
  private static void rect(Mat m, int x, int y, int w, int h, int value) {
    Imgproc.rectangle(m, new Point(x, y), new Point(x + w - 1, y + h - 1), new Scalar(value), -1);
  }

  @Test
  void a_frame_compared_with_itself_scores_zero_and_is_a_duplicate() {
    Mat f = read(AgreementPairs.pets(100));
    try {
      DiffResult r = DEFAULTS.compare(f, f);
      assertEquals(0.0, r.score());
      assertTrue(r.duplicate());
      assertEquals(List.of(), r.regions());
      assertNull(r.note());
      assertEquals(320, r.width());
      assertEquals(240, r.height());
    } finally {
      f.release();
    }
  }

  @Test
  void consecutive_car_park_frames_are_duplicates() {
    Mat a = read(AgreementPairs.pets(100));
    Mat b = read(AgreementPairs.pets(101));
    try {
      DiffResult r = DEFAULTS.compare(a, b);
      assertTrue(r.duplicate(), r.toString());
      assertTrue(r.changedFraction() < 0.05, r.toString());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void car_park_frames_far_apart_after_cars_moved_are_not_duplicates() {
    Mat a = read(AgreementPairs.pets(100));
    Mat b = read(AgreementPairs.pets(570));
    try {
      DiffResult r = DEFAULTS.compare(a, b);
      assertFalse(r.duplicate(), r.toString());
      assertTrue(r.changedFraction() > 0.05, r.toString());
      assertEquals(r.score() / (320 * 240), r.changedFraction(), 1e-12);
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void a_white_square_scores_the_contour_area_of_the_square_grown_by_two_dilations() {
    // 20x20 square, two 3x3 dilations -> 24x24 blob at (88, 88); contourArea goes through the
    // boundary pixels' centres: (24 - 1) * (24 - 1) = 529.
    Mat a = black(200, 200);
    Mat b = black(200, 200);
    try {
      rect(b, 90, 90, 20, 20, 255);
      DiffResult r = DEFAULTS.compare(a, b);
      assertEquals(529.0, r.score());
      assertEquals(List.of(new Box(88, 88, 24, 24)), r.regions());
      assertEquals(529.0 / 40000, r.changedFraction(), 1e-15);
      assertTrue(r.duplicate());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void a_change_only_inside_the_masked_border_scores_zero() {
    Mat a = black(200, 200);
    Mat b = black(200, 200);
    try {
      rect(b, 50, 2, 101, 14, 255); // inside the top 10% (20 rows), like a timestamp
      rect(b, 0, 100, 9, 9, 255); // inside the left 5% (10 columns)
      assertEquals(0.0, DEFAULTS.compare(a, b).score());
      // Without the mask the same changes count: 105x18 blob (clipped at the top edge) -> 104*17,
      // and 9x9 at the left edge -> 11x13 blob -> 10*12.
      PixelDiff unmasked = new PixelDiff(PixelDiffParams.defaults().withMask(BorderMask.NONE));
      assertEquals(104 * 17 + 10 * 12, unmasked.compare(a, b).score());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void a_difference_of_exactly_the_threshold_is_ignored_and_one_more_counts() {
    Mat a = new Mat(200, 200, CvType.CV_8UC1, new Scalar(100));
    Mat b = a.clone();
    try {
      rect(b, 90, 90, 20, 20, 145);
      assertEquals(0.0, DEFAULTS.compare(a, b).score());
      rect(b, 90, 90, 20, 20, 146);
      assertEquals(529.0, DEFAULTS.compare(a, b).score());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void regions_below_the_minimum_contour_area_are_not_counted() {
    Mat a = black(200, 200);
    Mat b = black(200, 200);
    try {
      rect(b, 90, 90, 20, 20, 255); // area 529
      rect(b, 40, 150, 4, 4, 255); // 8x8 after dilation -> area 49
      PixelDiff min49 = new PixelDiff(PixelDiffParams.defaults().withMinContourArea(49));
      PixelDiff min50 = new PixelDiff(PixelDiffParams.defaults().withMinContourArea(50));
      assertEquals(529.0 + 49.0, min49.compare(a, b).score());
      assertEquals(2, min49.compare(a, b).regions().size());
      assertEquals(529.0, min50.compare(a, b).score());
      assertEquals(List.of(new Box(88, 88, 24, 24)), min50.compare(a, b).regions());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void a_single_noisy_pixel_counts_by_default_and_is_ignored_with_a_minimum_contour_area_of_25() {
    Mat a = black(200, 200);
    Mat b = black(200, 200);
    try {
      rect(b, 100, 100, 1, 1, 255); // 5x5 after dilation -> area 16 < 25
      assertEquals(16.0, DEFAULTS.compare(a, b).score());
      PixelDiff min25 = new PixelDiff(PixelDiffParams.defaults().withMinContourArea(25));
      assertEquals(0.0, min25.compare(a, b).score());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void a_three_by_three_blur_quarters_a_single_pixel_change_below_the_threshold() {
    Mat a = black(200, 200);
    Mat b = black(200, 200);
    try {
      rect(b, 100, 100, 1, 1, 60); // kernel [1 2 1]/4 squared: centre weight 1/4 -> 15 <= 45
      PixelDiffParams p = PixelDiffParams.defaults().withMinContourArea(0);
      assertEquals(16.0, new PixelDiff(p).compare(a, b).score());
      assertEquals(0.0, new PixelDiff(p.withBlurKernels(List.of(3))).compare(a, b).score());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void a_score_equal_to_the_fraction_of_the_frame_is_still_a_duplicate() {
    // 46x46 = 2116 pixels; 0.25 of it is 529, the score of a 20x20 square.
    Mat a = black(46, 46);
    Mat b = black(46, 46);
    try {
      rect(b, 13, 13, 20, 20, 255);
      DiffResult atLimit =
          new PixelDiff(PixelDiffParams.defaults().withFraction(0.25)).compare(a, b);
      assertEquals(529.0, atLimit.score());
      assertTrue(atLimit.duplicate());
      assertFalse(
          new PixelDiff(PixelDiffParams.defaults().withFraction(0.2499)).compare(a, b).duplicate());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void images_whose_aspect_ratios_differ_are_not_duplicates_and_say_why() {
    Mat a = black(320, 240);
    Mat b = black(320, 200);
    try {
      DiffResult r = DEFAULTS.compare(a, b);
      assertFalse(r.duplicate());
      assertFalse(r.comparable());
      assertTrue(r.note().contains("aspect ratios differ: 320x240 vs 320x200"), r.note());
      assertTrue(Double.isNaN(r.score()));
      assertEquals(List.of(), r.regions());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void a_larger_copy_is_shrunk_to_the_smaller_size_and_compared() {
    Mat small = read(AgreementPairs.pets(100));
    Mat large = new Mat();
    Mat almost = new Mat();
    try {
      Imgproc.resize(small, large, new Size(640, 480), 0, 0, Imgproc.INTER_LINEAR);
      DiffResult r = DEFAULTS.compare(large, small);
      assertEquals(320, r.width());
      assertEquals(240, r.height());
      assertTrue(r.duplicate(), r.toString());
      // 321x240 is within the 2% aspect tolerance (0.3%): compared, not refused.
      Imgproc.resize(small, almost, new Size(321, 240), 0, 0, Imgproc.INTER_LINEAR);
      assertTrue(DEFAULTS.compare(small, almost).comparable());
    } finally {
      small.release();
      large.release();
      almost.release();
    }
  }

  @Test
  void heap_gray_images_score_exactly_like_the_mats_they_came_from() {
    Mat a = read(AgreementPairs.pets(100));
    Mat b = read(AgreementPairs.pets(570));
    Mat ga = new Mat();
    Mat gb = new Mat();
    try {
      Imgproc.cvtColor(a, ga, Imgproc.COLOR_BGR2GRAY);
      Imgproc.cvtColor(b, gb, Imgproc.COLOR_BGR2GRAY);
      assertEquals(DEFAULTS.compare(a, b), DEFAULTS.compare(GrayImage.of(ga), GrayImage.of(gb)));
    } finally {
      a.release();
      b.release();
      ga.release();
      gb.release();
    }
  }

  @Test
  void thumbnails_are_scored_with_the_mask_grown_back_to_the_reference_size() {
    // A 10x10 change on 100x100 thumbnails of 400x400 originals: mask x4 -> 40x40 -> dilated
    // 44x44 -> area 43*43, in a 400x400 frame.
    Mat a = black(100, 100);
    Mat b = black(100, 100);
    try {
      rect(b, 45, 45, 10, 10, 255);
      DiffResult r = DEFAULTS.compareThumbnails(GrayImage.of(a), GrayImage.of(b), 400 * 400);
      assertEquals(43.0 * 43.0, r.score());
      assertEquals(400, r.width());
      assertEquals(List.of(new Box(178, 178, 44, 44)), r.regions());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void min_contour_area_is_scaled_by_scored_over_reference_pixels_when_the_growth_is_capped() {
    // 1000x1000 reference from 100x100 thumbnails: growth capped at 8 -> scored at 800x800, the
    // 10x10 change becomes 80x80 -> 84x84 -> area 83*83 = 6889; the area threshold is multiplied
    // by 800*800 / 1000*1000 = 0.64: 10000 -> 6400 (counted), 11000 -> 7040 (not counted).
    Mat a = black(100, 100);
    Mat b = black(100, 100);
    try {
      rect(b, 45, 45, 10, 10, 255);
      GrayImage ta = GrayImage.of(a);
      GrayImage tb = GrayImage.of(b);
      long ref = 1000L * 1000;
      PixelDiffParams p = PixelDiffParams.defaults();
      DiffResult counted =
          new PixelDiff(p.withMinContourArea(10000)).compareThumbnails(ta, tb, ref);
      assertEquals(800, counted.width());
      assertEquals(6889.0, counted.score());
      assertEquals(
          0.0, new PixelDiff(p.withMinContourArea(11000)).compareThumbnails(ta, tb, ref).score());
    } finally {
      a.release();
      b.release();
    }
  }

  @Test
  void thumbnails_of_a_frame_and_itself_score_zero_and_a_bad_reference_is_refused() {
    Mat f = read(AgreementPairs.vtest(0));
    try {
      GrayImage t = Thumbnails.gray(f);
      DiffResult r = DEFAULTS.compareThumbnails(t, t, 768 * 576);
      assertEquals(0.0, r.score());
      assertEquals(768, r.width());
      assertEquals(576, r.height());
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DEFAULTS.compareThumbnails(t, t, 0));
      assertEquals("referencePixels must be > 0; got 0", e.getMessage());
    } finally {
      f.release();
    }
  }

  @Test
  void an_empty_or_two_channel_image_is_refused_naming_what_was_wrong() {
    Mat empty = new Mat();
    Mat two = new Mat(10, 10, CvType.CV_8UC2, new Scalar(0, 0));
    Mat ok = black(10, 10);
    try {
      assertThrows(IllegalArgumentException.class, () -> DEFAULTS.compare(empty, ok));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> DEFAULTS.compare(ok, two));
      assertTrue(e.getMessage().contains("CV_8UC2"), e.getMessage());
    } finally {
      empty.release();
      two.release();
      ok.release();
    }
  }
}
