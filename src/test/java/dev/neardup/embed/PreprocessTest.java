package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;

class PreprocessTest {
  private static final int PLANE = Preprocess.CROP * Preprocess.CROP;
  private static final double TOLERANCE = 1e-5;

  @BeforeAll
  static void loadOpenCv() {
    OpenCv.load();
  }

  /** Normalised value of an 8-bit {@code value} in RGB channel {@code rgb}. */
  private static double normalised(int value, int rgb) {
    double[] mean = {0.485, 0.456, 0.406};
    double[] std = {0.229, 0.224, 0.225};
    return (value / 255.0 - mean[rgb]) / std[rgb];
  }

  private static float at(float[] chw, int rgb, int row, int col) {
    return chw[rgb * PLANE + row * Preprocess.CROP + col];
  }

  @Test
  void pure_red_becomes_the_imagenet_normalised_red_in_every_pixel_of_each_channel() {
    Mat red = new Mat(200, 300, CvType.CV_8UC3, new Scalar(0, 0, 255)); // BGR

    float[] chw = Preprocess.toChw(red);

    assertEquals(3 * 224 * 224, chw.length);
    double r = (1 - 0.485) / 0.229;
    double g = (0 - 0.456) / 0.224;
    double b = (0 - 0.406) / 0.225;
    for (int i = 0; i < PLANE; i++) {
      assertEquals(r, chw[i], TOLERANCE, "R at " + i);
      assertEquals(g, chw[PLANE + i], TOLERANCE, "G at " + i);
      assertEquals(b, chw[2 * PLANE + i], TOLERANCE, "B at " + i);
    }
  }

  @Test
  void resize_makes_the_shorter_side_256_and_truncates_the_longer_like_torchvision() {
    assertEquals(new Size(341, 256), Preprocess.resizedSize(640, 480));
    assertEquals(new Size(256, 341), Preprocess.resizedSize(480, 640));
    assertEquals(new Size(382, 256), Preprocess.resizedSize(100, 67)); // 382.09 -> 382
    assertEquals(new Size(256, 256), Preprocess.resizedSize(5000, 5000));
  }

  @Test
  void centre_crop_offset_rounds_half_to_even_like_python() {
    assertEquals(new Rect(58, 16, 224, 224), Preprocess.centreCrop(341, 256)); // 58.5 -> 58
    assertEquals(new Rect(60, 16, 224, 224), Preprocess.centreCrop(343, 256)); // 59.5 -> 60
    assertEquals(new Rect(16, 16, 224, 224), Preprocess.centreCrop(256, 256));
  }

  @Test
  void a_640x480_image_loses_its_left_and_right_80_px_columns_to_the_centre_crop() {
    Mat image = new Mat(480, 640, CvType.CV_8UC3, new Scalar(0, 200, 0)); // green
    image.submat(new Rect(0, 0, 80, 480)).setTo(new Scalar(0, 0, 255)); // red sides
    image.submat(new Rect(560, 0, 80, 480)).setTo(new Scalar(0, 0, 255));

    float[] chw = Preprocess.toChw(image);

    for (int i = 0; i < PLANE; i++) {
      assertEquals(normalised(0, 0), chw[i], TOLERANCE, "R at " + i);
      assertEquals(normalised(200, 1), chw[PLANE + i], TOLERANCE, "G at " + i);
      assertEquals(normalised(0, 2), chw[2 * PLANE + i], TOLERANCE, "B at " + i);
    }
  }

  @Test
  void a_640x480_image_is_cropped_from_column_58_of_its_341_px_resize() {
    // Left 160 px blue: after the resize to 341 px its edge falls at 160 * 341 / 640 = 85.25,
    // so crop columns 0..26 (resized 58..84) are all blue and 28.. all black.
    Mat image = new Mat(480, 640, CvType.CV_8UC3, new Scalar(0, 0, 0));
    image.submat(new Rect(0, 0, 160, 480)).setTo(new Scalar(255, 0, 0));

    float[] chw = Preprocess.toChw(image);

    for (int row : new int[] {0, 111, 223}) {
      for (int col = 0; col <= 26; col++) {
        assertEquals(normalised(255, 2), at(chw, 2, row, col), TOLERANCE, "B col " + col);
      }
      float edge = at(chw, 2, row, 27);
      assertTrue(edge > normalised(0, 2) && edge < normalised(255, 2), "col 27 blends: " + edge);
      for (int col = 28; col < 224; col++) {
        assertEquals(normalised(0, 2), at(chw, 2, row, col), TOLERANCE, "B col " + col);
      }
    }
  }

  @Test
  void an_image_smaller_than_the_crop_is_enlarged_and_keeps_its_colour() {
    Mat tiny = new Mat(7, 10, CvType.CV_8UC3, new Scalar(10, 20, 30));

    float[] chw = Preprocess.toChw(tiny);

    assertEquals(normalised(30, 0), at(chw, 0, 0, 0), TOLERANCE);
    assertEquals(normalised(20, 1), at(chw, 1, 223, 223), TOLERANCE);
    assertEquals(normalised(10, 2), at(chw, 2, 100, 5), TOLERANCE);
  }

  @Test
  void a_grayscale_image_is_refused_naming_its_type() {
    Mat gray = new Mat(10, 10, CvType.CV_8UC1, new Scalar(0));

    var e = assertThrows(IllegalArgumentException.class, () -> Preprocess.toChw(gray));

    assertTrue(e.getMessage().contains("CV_8UC1"), e.getMessage());
  }

  @Test
  void an_empty_image_is_refused() {
    var e = assertThrows(IllegalArgumentException.class, () -> Preprocess.toChw(new Mat()));

    assertTrue(e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void a_destination_of_the_wrong_length_is_refused_naming_its_length() {
    Mat image = new Mat(10, 10, CvType.CV_8UC3, new Scalar(0, 0, 0));

    var e =
        assertThrows(IllegalArgumentException.class, () -> Preprocess.toChw(image, new float[5]));

    assertTrue(e.getMessage().contains("got 5"), e.getMessage());
  }
}
