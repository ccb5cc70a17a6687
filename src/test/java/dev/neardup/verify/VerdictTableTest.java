package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import dev.neardup.image.GrayImage;
import dev.neardup.image.StoredImage;
import dev.neardup.image.Thumbnails;
import dev.neardup.verify.align.FeatureParams;
import dev.neardup.verify.align.Features;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * The verdict table of issue 15, on whole pairs made by {@link VerdictPairs}, through the one chain
 * ({@link Verifiers#create}) in both orders; and the limits that make a pair comparable.
 */
class VerdictTableTest {
  static final PixelDiffParams PP = PixelDiffParams.defaults();

  @BeforeAll
  static void load() {
    OpenCv.load();
  }

  static Verdict verdict(VerifyMode mode, Mat a, Mat b) {
    Verifier v = Verifiers.create(mode, PP);
    return v.verify(v.prepare(VerdictPairs.stored(a)), v.prepare(VerdictPairs.stored(b)), true);
  }

  @Test
  void every_pair_of_the_table_gets_the_right_answer_at_aligned_and_scene_in_both_orders() {
    List<String> wrong = new ArrayList<>();
    for (VerdictPairs.Pair p : VerdictPairs.all()) {
      for (VerifyMode mode : List.of(VerifyMode.ALIGNED, VerifyMode.SCENE)) {
        boolean want = mode == VerifyMode.SCENE ? p.sceneDuplicate() : p.duplicate();
        for (boolean swap : new boolean[] {false, true}) {
          Verdict v = swap ? verdict(mode, p.b(), p.a()) : verdict(mode, p.a(), p.b());
          if (v.duplicate() != want) {
            wrong.add(p.name() + " at " + mode + (swap ? " (B, A)" : "") + ": " + v);
          }
        }
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void a_one_pixel_shift_of_a_textured_photo_is_found_by_aligned_as_a_shift() {
    VerdictPairs.Pair p = find("shifted 1 px");
    assertFalse(verdict(VerifyMode.PIXEL, p.a(), p.b()).duplicate(), "the plain check misses it");
    Verdict v = verdict(VerifyMode.ALIGNED, p.a(), p.b());
    assertEquals(Verdict.Level.ALIGNED, v.level());
    assertTrue(v.duplicate(), v.toString());
    assertEquals("shifted 1.0 px", v.transform().label());
  }

  @Test
  void stretched_and_reshaped_copies_register_with_independent_scales() {
    Verdict v = verdict(VerifyMode.ALIGNED, find("stretched 6 %").a(), find("stretched 6 %").b());
    assertTrue(v.duplicate(), v.toString());
    assertEquals(1.06, v.transform().scaleX(), 0.01);
    assertEquals(1.00, v.transform().scaleY(), 0.01);
    VerdictPairs.Pair q = find("squashed 10 %");
    Verdict w = verdict(VerifyMode.ALIGNED, q.a(), q.b());
    assertTrue(w.duplicate(), w.toString());
    assertEquals(0.90, w.transform().scaleY(), 0.01);
  }

  @Test
  void tiny_and_flat_images_are_not_comparable_at_any_level_with_the_reason() {
    for (String name : List.of("flat gray 1x1", "flat gray 4x4", "black 1x1")) {
      VerdictPairs.Pair p = find(name);
      for (VerifyMode mode : List.of(VerifyMode.PIXEL, VerifyMode.ALIGNED, VerifyMode.SCENE)) {
        Verdict v = verdict(mode, p.a(), p.b());
        assertFalse(v.duplicate(), name + " " + mode);
        assertNotNull(v.note(), name + " " + mode);
        assertTrue(v.note().startsWith("not comparable"), v.note());
      }
    }
  }

  @Test
  void a_flat_image_of_the_photos_aspect_and_mean_colour_is_not_a_duplicate_below_the_limit() {
    // 15x15 against a square photo: same aspect, so only the smallest size keeps it apart.
    Mat photo = VerdictPairs.resized(VerdictPairs.read(VerdictPairs.PHOTO), 480, 480);
    Mat flat = VerdictPairs.flat(15, 15, VerdictPairs.mean(photo));
    Verdict v = verdict(VerifyMode.PIXEL, photo, flat);
    assertFalse(v.duplicate());
    assertTrue(v.note().contains("smallest comparable size of 16 px"), v.note());
  }

  @Test
  void sizes_more_than_the_largest_ratio_apart_are_not_comparable() {
    Mat small = VerdictPairs.flat(32, 24, new Scalar(90, 90, 90));
    StoredImage a = VerdictPairs.stored(small);
    StoredImage far = new StoredImage(a.gray(), 32 * 17, 24 * 17);
    StoredImage near = new StoredImage(a.gray(), 32 * 15, 24 * 15);
    assertTrue(Comparability.whyNot(a, far).contains("largest size ratio of 16"));
    assertNull(Comparability.whyNot(a, near));
    assertEquals(Comparability.whyNot(far, a), Comparability.whyNot(a, far));
  }

  @Test
  void pruning_never_drops_a_comparable_pair_and_always_drops_a_too_small_one() {
    Verifier v = Verifiers.create(VerifyMode.ALIGNED, PP);
    for (VerdictPairs.Pair p : VerdictPairs.all()) {
      Prepared a = v.prepare(VerdictPairs.stored(p.a()));
      Prepared b = v.prepare(VerdictPairs.stored(p.b()));
      long ref = Math.min(a.image().pixels(), b.image().pixels());
      for (boolean mayAlign : new boolean[] {false, true}) {
        if (v.cannotPass(a.signature(), b.signature(), ref, mayAlign)) {
          assertFalse(v.verify(a, b, mayAlign).duplicate(), p.name() + " pruned but accepted");
        }
      }
    }
    Prepared one = v.prepare(VerdictPairs.stored(VerdictPairs.flat(1, 1, new Scalar(0, 0, 0))));
    Prepared two = v.prepare(VerdictPairs.stored(VerdictPairs.flat(1, 1, new Scalar(9, 9, 9))));
    assertTrue(v.cannotPass(one.signature(), two.signature(), 1, true));
  }

  @Test
  void local_features_of_strips_and_dots_are_empty_instead_of_an_opencv_assertion() {
    FeatureParams fp = FeatureParams.defaults();
    for (int[] size : new int[][] {{4000, 20}, {20, 4000}, {1, 1}, {3, 300}, {12000, 300}}) {
      Mat m = VerdictPairs.noise(size[0], size[1], 3);
      GrayImage g = Thumbnails.gray(m, 4000);
      Features f = Features.of(g, fp);
      assertEquals(0, f.count(), size[0] + "x" + size[1]);
      m.release();
    }
  }

  @Test
  void strips_and_dots_get_a_verdict_at_every_level_against_a_photo_and_their_own_copy() {
    Mat photo = VerdictPairs.read(VerdictPairs.PHOTO);
    int checked = 0;
    for (int[] size :
        new int[][] {{4000, 20}, {20, 4000}, {1, 1}, {3, 300}, {16, 16}, {12000, 300}, {17, 900}}) {
      Mat odd = VerdictPairs.noise(size[0], size[1], 5);
      Mat copy = VerdictPairs.shifted(odd, 1, 0);
      for (VerifyMode mode : List.of(VerifyMode.PIXEL, VerifyMode.ALIGNED, VerifyMode.SCENE)) {
        for (Mat other : List.of(photo, odd, copy)) {
          Verdict v = verdict(mode, odd, other);
          assertNotNull(v.level(), size[0] + "x" + size[1] + " " + mode);
          assertEquals(v.duplicate(), verdict(mode, other, odd).duplicate());
          if (other == photo) {
            assertFalse(v.duplicate(), size[0] + "x" + size[1] + " " + mode + ": " + v);
          }
          checked++;
        }
      }
      odd.release();
      copy.release();
    }
    assertEquals(63, checked);
  }

  @Test
  void the_scene_level_refuses_folded_and_near_singular_homographies() {
    SceneParams sp = SceneParams.defaults();
    double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    assertNull(SceneCheck.degenerate(identity, 640, 480, 640, 480, sp));
    double[] collapsed = {1, 0, 0, 0, 0.001, 240, 0, 0, 1};
    assertTrue(SceneCheck.degenerate(collapsed, 640, 480, 640, 480, sp).contains("area"));
    double[] sliver = {1, 0.99, 0, 1, 1, 0, 0, 0, 1};
    assertTrue(SceneCheck.degenerate(sliver, 640, 480, 640, 480, sp).contains("degenerate"));
    double[] horizon = {1, 0, 0, 0, 1, 0, -0.003, 0, 1};
    assertTrue(SceneCheck.degenerate(horizon, 640, 480, 640, 480, sp).contains("horizon"));
    double[] squeezed = {8, 0, 0, 0, 0.125, 0, 0, 0, 1};
    assertTrue(SceneCheck.degenerate(squeezed, 640, 480, 640, 480, sp).contains("condition"));
    double[] mirrored = {-1, 0, 639, 0, 1, 0, 0, 0, 1};
    assertNull(SceneCheck.degenerate(mirrored, 640, 480, 640, 480, sp), "a mirror is a view");
  }

  static VerdictPairs.Pair find(String prefix) {
    for (VerdictPairs.Pair p : VerdictPairs.all()) {
      if (p.name().startsWith(prefix)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no pair " + prefix);
  }
}
