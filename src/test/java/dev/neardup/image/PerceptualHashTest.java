package dev.neardup.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class PerceptualHashTest {
  /** imagededup's test suite pins this pHash for {@code mixed_images/ukbench00120.jpg}. */
  private static final long KNOWN_120 = Long.parseUnsignedLong("9fee256239984d71", 16);

  private static final long KNOWN_09268 = Long.parseUnsignedLong("c73c36c2da2f29c9", 16);

  @BeforeAll
  static void loadOpenCv() {
    OpenCv.load();
  }

  private static long hashOf(String name) {
    Path dir = TestData.shared("peers/imagededup/mixed_images");
    // PIL, which made the pinned hashes, ignores EXIF orientation; OpenCV applies it unless told
    // not to (ukbench09268.jpg is tagged and would otherwise be decoded turned, 31 bits away).
    Mat m =
        Imgcodecs.imread(
            dir.resolve(name).toString(),
            Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
    try {
      assertFalse(m.empty(), "could not read " + dir.resolve(name));
      return PerceptualHash.of(m);
    } finally {
      m.release();
    }
  }

  @Test
  void hash_of_ukbench00120_is_within_two_bits_of_the_hash_pinned_by_imagededup() {
    // Measured: 1 bit (9fee256239980d71); PIL's Lanczos resize is not OpenCV's INTER_AREA.
    long h = hashOf("ukbench00120.jpg");
    int d = PerceptualHash.hamming(h, KNOWN_120);
    assertTrue(
        d <= 2, "distance to 9fee256239984d71 was " + d + " (" + PerceptualHash.toHex(h) + ")");
  }

  @Test
  void hash_of_ukbench09268_is_within_two_bits_of_the_hash_pinned_by_imagededup() {
    // Measured: 1 bit (c73436c2da2f29c9).
    long h = hashOf("ukbench09268.jpg");
    int d = PerceptualHash.hamming(h, KNOWN_09268);
    assertTrue(
        d <= 2, "distance to c73c36c2da2f29c9 was " + d + " (" + PerceptualHash.toHex(h) + ")");
  }

  @Test
  void a_resized_copy_hashes_within_two_bits_and_an_unrelated_photo_more_than_twenty() {
    long original = hashOf("ukbench00120.jpg");
    long resized = hashOf("ukbench00120_resize.jpg");
    long other = hashOf("ukbench09268.jpg");
    assertTrue(PerceptualHash.hamming(original, resized) <= 2);
    assertTrue(PerceptualHash.hamming(original, other) > 20);
  }

  @Test
  void hamming_counts_differing_bits_over_all_64() {
    assertEquals(0, PerceptualHash.hamming(KNOWN_120, KNOWN_120));
    assertEquals(64, PerceptualHash.hamming(0L, -1L));
    assertEquals(1, PerceptualHash.hamming(Long.MIN_VALUE, 0L));
  }

  @Test
  void to_hex_prints_sixteen_zero_padded_lower_case_digits_most_significant_first() {
    assertEquals("9fee256239984d71", PerceptualHash.toHex(KNOWN_120));
    assertEquals("0000000000000001", PerceptualHash.toHex(1L));
  }

  @Test
  void gray_and_bgr_versions_of_the_same_picture_hash_alike() {
    Path p = TestData.shared("peers/imagededup/mixed_images/ukbench00120.jpg");
    Mat gray =
        Imgcodecs.imread(
            p.toString(), Imgcodecs.IMREAD_GRAYSCALE | Imgcodecs.IMREAD_IGNORE_ORIENTATION);
    try {
      assertTrue(PerceptualHash.hamming(PerceptualHash.of(gray), hashOf("ukbench00120.jpg")) <= 2);
    } finally {
      gray.release();
    }
  }

  @Test
  void an_empty_or_sixteen_bit_image_is_refused() {
    Mat empty = new Mat();
    Mat deep = new Mat(40, 40, CvType.CV_16UC1, new Scalar(0));
    try {
      assertThrows(IllegalArgumentException.class, () -> PerceptualHash.of(empty));
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> PerceptualHash.of(deep));
      assertTrue(e.getMessage().contains("CV_16U"), e.getMessage());
    } finally {
      empty.release();
      deep.release();
    }
  }
}
