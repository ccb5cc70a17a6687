package dev.neardup.verify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import dev.neardup.verify.align.FeatureParams;
import dev.neardup.verify.align.Features;
import org.junit.jupiter.api.Test;

/**
 * A few fixed UKBench pairs at the default threshold (chosen on all 19,900 pairs by {@link
 * SceneBench}).
 */
class SceneCheckTest {
  static Features photo(int i) {
    OpenCv.load();
    return Features.of(AlignmentBench.read(AgreementPairs.ukbench(i)), FeatureParams.defaults());
  }

  @Test
  void two_views_of_one_object_are_the_same_scene() {
    SceneResult r = SceneCheck.check(photo(0), photo(1), SceneParams.defaults());
    assertTrue(r.sameScene(), r.toString());
    assertTrue(r.homography() != null && r.homography().length == 9);
  }

  @Test
  void photos_of_different_objects_are_not_the_same_scene() {
    Features a = photo(0);
    for (int other : new int[] {4, 41, 99, 150, 199}) {
      SceneResult r = SceneCheck.check(a, photo(other), SceneParams.defaults());
      assertFalse(r.sameScene(), other + ": " + r);
    }
  }
}
