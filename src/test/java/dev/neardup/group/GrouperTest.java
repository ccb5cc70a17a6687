package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grouping on a real index with synthetic frames: a white 20x20 square moving 4 px per frame over a
 * black 160x120 thumbnail. Neighbouring frames differ by little, frames five apart by more than the
 * default 5% — the slowly changing camera sequence that connected components would chain into one
 * group. The frames exist only in the index, so it stores their pixels ({@code store-pixels}).
 */
class GrouperTest {
  static final int W = 160;
  static final int H = 120;
  static final int FRAMES = 30;

  @TempDir Path dir;

  static GrayImage frame(int i) {
    byte[] px = new byte[W * H];
    int x0 = 10 + 4 * i;
    for (int y = 50; y < 70; y++) {
      for (int x = x0; x < x0 + 20; x++) {
        px[y * W + x] = (byte) 255;
      }
    }
    return new GrayImage(W, H, px);
  }

  static ImageRecord record(int i, float[] vector, String sha, String camera, long time) {
    return new ImageRecord(
        String.format("/frames/f%02d.png", i),
        sha,
        1000,
        1000,
        "PNG",
        W,
        H,
        camera,
        time,
        vector,
        0xABCDL,
        frame(i),
        Signatures.of(frame(i)));
  }

  static float[] unit(int dim) {
    float[] v = new float[dim];
    v[0] = 1;
    return v;
  }

  Grouping group(List<ImageRecord> records, GroupingOptions options, boolean vectors)
      throws IOException {
    IndexSettings settings =
        vectors
            ? new IndexSettings("fake", 8, "none", W)
            : new IndexSettings(IndexSettings.NO_MODEL, 0, "none", W);
    try (ImageIndex index =
        new IndexLocation.Embedded(dir)
            .open(settings, IndexOptions.defaults().withStorePixels(true), true)) {
      for (ImageRecord r : records) {
        index.put(r);
      }
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        return Grouper.create(options, PixelDiffParams.defaults())
            .group(s, s.images(p -> true), null);
      }
    }
  }

  static List<ImageRecord> movingSquare(boolean vectors) {
    List<ImageRecord> out = new ArrayList<>();
    for (int i = 0; i < FRAMES; i++) {
      out.add(record(i, vectors ? unit(8) : null, "sha" + i, null, Long.MIN_VALUE));
    }
    return out;
  }

  static GroupingOptions options(VerifyMode verify) {
    return GroupingOptions.defaults().toBuilder().verify(verify).keeper(KeeperPolicy.PATH).build();
  }

  @Test
  void slowly_changing_frames_are_not_chained_into_one_group() throws IOException {
    Grouping g = group(movingSquare(true), options(VerifyMode.PIXEL), true);
    assertEquals(FRAMES, g.images());
    assertEquals(6, g.groups().size());
    for (int k = 0; k < 6; k++) {
      Group group = g.groups().get(k);
      assertEquals(String.format("/frames/f%02d.png", 5 * k), group.kept().path());
      List<String> members = group.members().stream().map(m -> m.image().path()).toList();
      List<String> expected = new ArrayList<>();
      for (int i = 5 * k + 1; i < 5 * k + 5; i++) {
        expected.add(String.format("/frames/f%02d.png", i));
      }
      assertEquals(expected, members);
    }
    assertEquals(24, g.removable());
  }

  @Test
  void every_removed_image_is_a_verified_duplicate_of_its_kept_image() throws IOException {
    Grouping g = group(movingSquare(true), options(VerifyMode.PIXEL), true);
    double limit = 0.05 * W * H;
    for (Group group : g.groups()) {
      for (Group.Member m : group.members()) {
        assertTrue(m.evidence().duplicate());
        assertEquals(Via.EMBEDDING, m.evidence().via());
        assertTrue(m.evidence().diff().score() <= limit, "score " + m.evidence().diff().score());
      }
    }
    // Rejected pairs are reported too: frame 5 was checked against frame 0 and refused, or
    // skipped because its block signature proves the check fails (counted, not listed).
    boolean listed =
        g.pairs().stream()
            .anyMatch(
                p ->
                    p.image().endsWith("f05.png")
                        && p.against().endsWith("f00.png")
                        && !p.evidence().duplicate());
    assertTrue(listed || g.stats().pruned() > 0, "f05 vs f00 neither listed nor pruned");
  }

  @Test
  void without_embeddings_every_kept_image_is_a_candidate_and_the_groups_are_the_same()
      throws IOException {
    Grouping g = group(movingSquare(false), options(VerifyMode.PIXEL), false);
    assertEquals(6, g.groups().size());
    assertEquals(Via.SCAN, g.groups().get(0).members().get(0).evidence().via());
    assertNull(g.groups().get(0).members().get(0).evidence().cosine());
  }

  @Test
  void verify_none_trusts_the_candidates() throws IOException {
    Grouping g = group(movingSquare(true), options(VerifyMode.NONE), true);
    assertEquals(1, g.groups().size());
    assertEquals(FRAMES - 1, g.groups().get(0).members().size());
  }

  @Test
  void byte_identical_files_are_grouped_as_exact_without_a_check() throws IOException {
    List<ImageRecord> records = new ArrayList<>();
    records.add(record(0, unit(8), "same", null, Long.MIN_VALUE));
    records.add(record(20, unit(8), "same", null, Long.MIN_VALUE)); // pixels differ, bytes "same"
    Grouping g = group(records, options(VerifyMode.PIXEL), true);
    assertEquals(1, g.groups().size());
    Group.Member m = g.groups().get(0).members().get(0);
    assertEquals(Via.EXACT, m.evidence().via());
    assertNull(m.evidence().diff());
  }

  @Test
  void camera_frames_keep_the_earliest_frame_whatever_the_file_names() throws IOException {
    List<ImageRecord> records = new ArrayList<>();
    // File order is the reverse of time order: time decides.
    for (int i = 0; i < 3; i++) {
      records.add(record(i, unit(8), "s" + i, "7", 1_000_000L - i * 1000));
    }
    Grouping g = group(records, options(VerifyMode.PIXEL), true);
    assertEquals(1, g.groups().size());
    assertEquals("/frames/f02.png", g.groups().get(0).kept().path());
    assertTrue(g.groups().get(0).keptBecause().contains("camera 7"));
  }

  @Test
  void the_keeper_policy_keeps_the_image_with_most_pixels() throws IOException {
    List<ImageRecord> records = new ArrayList<>();
    ImageRecord small = record(0, unit(8), "a", null, Long.MIN_VALUE);
    ImageRecord big =
        new ImageRecord(
            "/frames/zz-big.png",
            "b",
            5000,
            1000,
            "PNG",
            2 * W,
            2 * H,
            null,
            Long.MIN_VALUE,
            unit(8),
            0xABCDL,
            frame(1),
            Signatures.of(frame(1)));
    records.add(small);
    records.add(big);
    GroupingOptions pixels =
        GroupingOptions.defaults().toBuilder()
            .verify(VerifyMode.PIXEL)
            .keeper(KeeperPolicy.PIXELS)
            .build();
    Grouping g = group(records, pixels, true);
    assertEquals("/frames/zz-big.png", g.groups().get(0).kept().path());
  }
}
