package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.neardup.index.ImageRecord;
import dev.neardup.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Phase 2's rule ({@link NeighbourGrouping#place}) on hand-made neighbour lists: which images are
 * kept and whom each other one joins, by the sequential search's order (exact copies, then the
 * identity pass, then the geometric one; within a pass the nearest kept frame of the camera, then
 * the closest, then the earliest).
 */
class TwoPhaseChoiceTest {
  private static final Verdict IDENTITY =
      new Verdict(true, Verdict.Level.IDENTITY, null, null, null, 0);
  private static final Verdict ALIGNED =
      new Verdict(true, Verdict.Level.ALIGNED, null, null, null, 0);

  static ImageRecord frame(int i, long time) {
    return new ImageRecord(
        "/f/c1-" + i + ".png", "sha" + i, 1, 1, "PNG", 64, 48, "1", time, null, 0, null, null);
  }

  static ImageRecord photo(int i) {
    return new ImageRecord(
        "/p/" + i + ".jpg",
        "sha" + i,
        1,
        1,
        "JPEG",
        64,
        48,
        null,
        Long.MIN_VALUE,
        null,
        0,
        null,
        null);
  }

  static EarlierNeighbour id(int position, int hamming) {
    return new EarlierNeighbour(
        position, EarlierNeighbour.Tier.IDENTITY, new Evidence(Via.SCAN, null, hamming, IDENTITY));
  }

  static EarlierNeighbour idCos(int position, float cosine) {
    return new EarlierNeighbour(
        position, EarlierNeighbour.Tier.IDENTITY, new Evidence(Via.EMBEDDING, cosine, 3, IDENTITY));
  }

  static EarlierNeighbour geo(int position, int hamming) {
    return new EarlierNeighbour(
        position, EarlierNeighbour.Tier.GEOMETRIC, new Evidence(Via.SCAN, null, hamming, ALIGNED));
  }

  static EarlierNeighbour same(int position) {
    return new EarlierNeighbour(position, EarlierNeighbour.Tier.SAME_BYTES, Evidence.sameBytes());
  }

  @Test
  void each_image_joins_the_kept_neighbour_the_sequential_search_finds_first() {
    List<ImageRecord> r = new ArrayList<>();
    List<List<EarlierNeighbour>> n = new ArrayList<>();
    // 0: the first frame: kept.
    r.add(frame(0, 0));
    n.add(List.of());
    // 1: a duplicate of 0 only: joins it.
    r.add(frame(1, 10));
    n.add(List.of(id(0, 5)));
    // 2: a duplicate of 1 only, which is not kept: kept (no chains).
    r.add(frame(2, 20));
    n.add(List.of(id(1, 1)));
    // 3: duplicate of 0 (closer) and 2; 2 is the kept frame of its camera nearest in time: 2.
    r.add(frame(3, 21));
    n.add(List.of(id(0, 2), id(2, 9)));
    // 4: a photo, aligned with 0 at distance 0, identical to 2 at distance 30: the identity pass
    // comes first: 2.
    r.add(photo(4));
    n.add(List.of(geo(0, 0), id(2, 30)));
    // 5: equally close to 0 and 2: the earliest kept, 0.
    r.add(photo(5));
    n.add(List.of(id(2, 4), id(0, 4)));
    // 6: the same bytes as 5 (not kept) and 2, identical to 0 at distance 0: exact copies come
    // first, of the kept ones: 2.
    r.add(photo(6));
    n.add(List.of(same(5), same(2), id(0, 0)));
    // 7: pinned (always kept), whatever its neighbours.
    r.add(photo(7));
    n.add(List.of(id(0, 0)));
    // 8: with cosines: the highest first, 2 (0.999) before 0 (0.995); 7 only aligned.
    r.add(photo(8));
    n.add(List.of(idCos(0, 0.995f), idCos(2, 0.999f), geo(7, 0)));
    // 9: duplicates of 1 and 3 only, neither kept: kept.
    r.add(photo(9));
    n.add(List.of(id(1, 0), id(3, 0)));
    // 10: aligned only: 9 and 7 equally close: the earliest kept, 7.
    r.add(photo(10));
    n.add(List.of(geo(9, 2), geo(7, 2), geo(1, 0)));
    boolean[] alwaysKept = new boolean[r.size()];
    alwaysKept[7] = true;

    int[] joins = NeighbourGrouping.place(r, alwaysKept, n);

    assertArrayEquals(new int[] {-1, 0, -1, 2, 2, 0, 2, -1, 2, -1, 7}, joins);
  }

  @Test
  void a_camera_grouped_on_its_own_gives_its_answer_as_the_one_neighbour() {
    List<ImageRecord> r = List.of(frame(0, 0), frame(1, 1), frame(2, 2), frame(3, 3));
    EarlierNeighbour chosen0 =
        new EarlierNeighbour(
            0, EarlierNeighbour.Tier.CHOSEN, new Evidence(Via.SCAN, null, 0, IDENTITY));
    List<List<EarlierNeighbour>> n =
        List.of(List.of(), List.of(chosen0), List.of(), List.of(chosen0));
    assertArrayEquals(new int[] {-1, 0, -1, 0}, NeighbourGrouping.place(r, new boolean[4], n));
  }
}
