package dev.neardup.verify.align;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void the_shipped_vocabulary_is_an_akaze_tree_of_4096_words() {
    Vocabulary v = Vocabulary.akaze();
    assertEquals(FeatureParams.Detector.AKAZE, v.detector());
    assertEquals(4096, v.size());
    assertArrayEquals(v.encode(), Vocabulary.decode(v.encode()).encode());
  }

  @Test
  void a_word_is_the_nearest_child_at_every_level_as_a_plain_descent_finds_it() {
    Random random = new Random(3);
    long[] train = seeded(random, 3000);
    Vocabulary v = Vocabulary.train(FeatureParams.Detector.AKAZE, train, 8, 3, 6, 11);
    byte[] bytes = v.encode();
    long[] probes = seeded(random, 500);
    for (int i = 0; i < 500; i++) {
      assertEquals(plainDescent(bytes, probes, i * Vocabulary.LONGS), v.word(probes, i * 8));
    }
  }

  @Test
  void training_is_deterministic_and_the_encoding_round_trips() {
    long[] train = seeded(new Random(5), 2000);
    byte[] a = Vocabulary.train(FeatureParams.Detector.AKAZE, train, 6, 2, 5, 1).encode();
    byte[] b = Vocabulary.train(FeatureParams.Detector.AKAZE, train, 6, 2, 5, 1).encode();
    assertArrayEquals(a, b);
    assertArrayEquals(a, Vocabulary.decode(a).encode());
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.decode(Arrays.copyOf(a, 40)));
    byte[] other = a.clone();
    other[4] = 7;
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.decode(other))
            .getMessage()
            .contains("version 7"));
  }

  @Test
  void a_bag_counts_every_keypoint_and_refuses_other_descriptors() {
    Vocabulary v = Vocabulary.akaze();
    Features f = Features.of(FeaturesTest.fruits(), FeatureParams.defaults());
    WordBag bag = v.bag(f);
    int sum = 0;
    for (int i = 0; i < bag.size(); i++) {
      sum += bag.count(i);
      assertTrue(i == 0 || bag.word(i) > bag.word(i - 1));
    }
    assertEquals(f.count(), bag.keypoints());
    assertEquals(f.count(), sum); // no word holds 255 keypoints here
    Features orb =
        Features.of(
            FeaturesTest.fruits(),
            FeatureParams.defaults().withDetector(FeatureParams.Detector.ORB));
    assertThrows(IllegalArgumentException.class, () -> v.bag(orb));
  }

  /** Descends the tree read back from its encoding, comparing descriptors bit by bit. */
  private static int plainDescent(byte[] encoded, long[] desc, int off) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(encoded);
    b.position(4 + 1 + 1);
    int branching = b.getInt();
    int depth = b.getInt();
    int header = b.position();
    int node = 0;
    int levelStart = 0;
    int nodes = 1;
    for (int l = 0; l < depth; l++) {
      nodes *= branching;
      int best = -1;
      int bestD = Integer.MAX_VALUE;
      for (int k = node * branching; k < node * branching + branching; k++) {
        int d = 0;
        for (int bit = 0; bit < 512; bit++) {
          long c = b.getLong(header + 8 * (levelStart + k * 8 + bit / 64));
          long x = desc[off + bit / 64];
          d += ((c >>> (bit % 64)) & 1) != ((x >>> (bit % 64)) & 1) ? 1 : 0;
        }
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      node = best;
      levelStart += nodes * 8;
    }
    return node;
  }

  private static long[] seeded(Random random, int n) {
    byte[] d = new byte[n * 61];
    random.nextBytes(d);
    return Vocabulary.pack(d, 61);
  }
}
