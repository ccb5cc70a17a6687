package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.index.ImageRecord;
import dev.neardup.verify.align.Features;
import dev.neardup.verify.align.Vocabulary;
import dev.neardup.verify.align.WordBag;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link WordIndex#top} against {@link WordIndex#scan} (every kept image scored in turn) on seeded
 * values: the same ranked proposals with the same scores, queried after every addition, so the
 * document frequencies change between queries as they do while grouping.
 */
class WordIndexTest {
  @Test
  void the_inverted_index_proposes_what_scoring_every_kept_image_proposes() {
    Random random = new Random(42);
    Vocabulary v = Vocabulary.akaze();
    // Seeded descriptors: a few "scenes", each a set of base descriptors; an image of a scene
    // takes some of them with a few bits flipped, plus noise descriptors of its own.
    int scenes = 12;
    List<byte[][]> bases = new ArrayList<>();
    for (int s = 0; s < scenes; s++) {
      byte[][] b = new byte[150][61];
      for (byte[] d : b) {
        random.nextBytes(d);
      }
      bases.add(b);
    }
    List<KeptImages.Entry> kept = new ArrayList<>();
    List<WordBag> bags = new ArrayList<>();
    WordIndex index = new WordIndex(v.size());
    int compared = 0;
    int nonEmpty = 0;
    for (int i = 0; i < 120; i++) {
      WordBag bag = v.bag(keypoints(random, bases.get(random.nextInt(scenes))), 61);
      if (i % 17 == 5) {
        bag = WordBag.EMPTY; // an image without features
      }
      for (int[] limits : new int[][] {{5, 12}, {1, 1}, {10, 0}, {200, 30}, {0, 1}}) {
        List<WordIndex.Scored> fast = index.top(bag, limits[0], limits[1]);
        List<WordIndex.Scored> slow = WordIndex.scan(bag, kept, bags, limits[0], limits[1]);
        assertEquals(slow, fast, "image " + i + " max " + limits[0] + " min " + limits[1]);
        assertTrue(fast.size() <= Math.max(0, limits[0]));
        compared++;
        nonEmpty += fast.isEmpty() ? 0 : 1;
      }
      KeptImages.Entry e = new KeptImages.Entry(i, record(i), i);
      kept.add(e);
      bags.add(bag);
      index.add(e, bag);
    }
    assertEquals(index.size(), kept.size());
    assertTrue(nonEmpty > compared / 2, nonEmpty + " of " + compared + " queries proposed any");
  }

  @Test
  void views_of_one_scene_rank_above_other_scenes() {
    Random random = new Random(7);
    Vocabulary v = Vocabulary.akaze();
    byte[][] a = new byte[200][61];
    byte[][] b = new byte[200][61];
    for (int i = 0; i < a.length; i++) {
      random.nextBytes(a[i]);
      random.nextBytes(b[i]);
    }
    WordIndex index = new WordIndex(v.size());
    index.add(new KeptImages.Entry(0, record(0), 0), v.bag(keypoints(random, b), 61));
    index.add(new KeptImages.Entry(1, record(1), 1), v.bag(keypoints(random, a), 61));
    List<WordIndex.Scored> top = index.top(v.bag(keypoints(random, a), 61), 2, 1);
    assertEquals(1, top.get(0).id(), top.toString());
  }

  @Test
  void an_empty_bag_proposes_nothing_and_is_never_proposed() {
    Vocabulary v = Vocabulary.akaze();
    WordIndex index = new WordIndex(v.size());
    index.add(new KeptImages.Entry(0, record(0), 0), WordBag.EMPTY);
    assertEquals(List.of(), index.top(WordBag.EMPTY, 5, 1));
    WordBag some = WordBag.of(new int[] {1, 2, 3, 3});
    assertEquals(List.of(), index.top(some, 5, 1));
  }

  /** About 120 of the scene's descriptors, each with up to 24 bits flipped, and 60 of noise. */
  static Features.Keypoints keypoints(Random random, byte[][] scene) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] base : scene) {
      if (random.nextInt(5) < 4) {
        byte[] d = base.clone();
        for (int f = random.nextInt(25); f > 0; f--) {
          int bit = random.nextInt(61 * 8);
          d[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        out.add(d);
      }
    }
    for (int i = 0; i < 60; i++) {
      byte[] d = new byte[61];
      random.nextBytes(d);
      out.add(d);
    }
    byte[] all = new byte[out.size() * 61];
    for (int i = 0; i < out.size(); i++) {
      System.arraycopy(out.get(i), 0, all, i * 61, 61);
    }
    return new Features.Keypoints(new float[out.size()], new float[out.size()], all);
  }

  static ImageRecord record(int i) {
    return new ImageRecord(
        "/img/" + i + ".jpg", "sha" + i, 0, 0, "JPEG", 640, 480, null, 0, null, 0, null, null);
  }
}
