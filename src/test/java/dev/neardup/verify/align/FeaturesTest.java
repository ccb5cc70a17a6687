package dev.neardup.verify.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.verify.AlignmentBench;
import dev.neardup.verify.SceneParams;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeaturesTest {
  static GrayImage fruits() {
    OpenCv.load();
    return AlignmentBench.read(TestData.shared("stills/fruits.jpg"));
  }

  @Test
  void encode_then_decode_gives_the_same_keypoints_and_descriptors() {
    for (FeatureParams.Detector d : FeatureParams.Detector.values()) {
      Features f = Features.of(fruits(), FeatureParams.defaults().withDetector(d));
      Features back = Features.decode(f.encode());
      assertEquals(f.detector(), back.detector());
      assertEquals(f.width(), back.width());
      assertEquals(f.featureSide(), back.featureSide());
      assertEquals(f.count(), back.count());
      assertEquals(f.mirroredCount(), back.mirroredCount());
      assertArrayEquals(f.plain().x(), back.plain().x());
      assertArrayEquals(f.plain().y(), back.plain().y());
      assertArrayEquals(f.plain().descriptors(), back.plain().descriptors());
      assertArrayEquals(f.mirrored().descriptors(), back.mirrored().descriptors());
      assertArrayEquals(f.encode(), back.encode());
    }
  }

  @Test
  void decoding_refuses_other_versions_and_truncated_bytes() {
    byte[] bytes = Features.of(fruits(), FeatureParams.defaults()).encode();
    byte[] other = bytes.clone();
    other[4] = 9;
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Features.decode(other))
            .getMessage()
            .contains("version 9"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Features.decode(Arrays.copyOf(bytes, bytes.length - 10)));
    assertThrows(IllegalArgumentException.class, () -> Features.decode(new byte[] {1, 2, 3}));
  }

  @Test
  void keypoints_are_in_the_source_images_coordinates_and_the_image_is_never_upscaled() {
    GrayImage img = fruits();
    Features f = Features.of(img, FeatureParams.defaults());
    assertEquals(256, f.featureSide());
    assertTrue(f.count() >= Features.FEW_KEYPOINTS, f.toString());
    float maxX = 0;
    for (float x : f.plain().x()) {
      maxX = Math.max(maxX, x);
    }
    assertTrue(maxX > 256 && maxX < img.width(), "max x " + maxX);
    Features big = Features.of(img, FeatureParams.defaults().withLongSide(4096));
    assertEquals(Math.max(img.width(), img.height()), big.featureSide());
  }

  @Test
  void a_flat_image_has_no_features_and_aligns_with_nothing() {
    GrayImage flat = new GrayImage(64, 48, new byte[64 * 48]);
    Features f = Features.of(flat, FeatureParams.defaults());
    assertEquals(0, f.count());
    assertTrue(Aligner.align(f, f, AlignParams.defaults()).isEmpty());
    assertEquals(0, Features.decode(f.encode()).count());
  }

  @Test
  void bad_settings_are_refused_with_their_names() {
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> new FeatureParams(FeatureParams.Detector.AKAZE, 8))
            .getMessage()
            .contains("long_side"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> AlignParams.defaults().toBuilder().minInliers(2).build())
            .getMessage()
            .contains("min_inliers must be >= 3; got 2"));
    assertThrows(IllegalArgumentException.class, () -> new SceneParams(0.8, 3, 3));
  }
}
