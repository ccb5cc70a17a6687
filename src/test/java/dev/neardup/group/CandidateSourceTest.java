package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The evaluation-only candidate sources on {@link GrouperTest}'s moving-square frames. */
class CandidateSourceTest {
  @TempDir Path dir;

  /** Frames whose vectors are orthogonal (no embedding candidates) and pHashes far apart. */
  static List<ImageRecord> frames(boolean samePhash) {
    List<ImageRecord> out = new ArrayList<>();
    for (int i = 0; i < GrouperTest.FRAMES; i++) {
      float[] v = new float[GrouperTest.FRAMES];
      v[i] = 1;
      ImageRecord r = GrouperTest.record(i, v, "sha" + i, null, Long.MIN_VALUE);
      long phash = samePhash ? 0xABCDL : (i % 2 == 0 ? 0L : -1L); // 0 or 64 bits apart
      out.add(
          new ImageRecord(
              r.path(),
              r.sha256(),
              r.fileSize(),
              r.mtimeMillis(),
              r.format(),
              r.width(),
              r.height(),
              null,
              Long.MIN_VALUE,
              v,
              phash,
              r.thumbnail(),
              r.signatures()));
    }
    return out;
  }

  Grouping group(List<ImageRecord> records, CandidateSource source) throws IOException {
    IndexSettings settings = new IndexSettings("fake", GrouperTest.FRAMES, "none", GrouperTest.W);
    try (ImageIndex index =
        new IndexLocation.Embedded(dir)
            .open(settings, IndexOptions.defaults().withStorePixels(true), true)) {
      for (ImageRecord r : records) {
        index.put(r);
      }
      index.commit();
      try (IndexSnapshot s = index.snapshot()) {
        return Grouper.create(
                GrouperTest.options(VerifyMode.PIXEL), PixelDiffParams.defaults(), source)
            .group(s, s.images(p -> true), null);
      }
    }
  }

  @Test
  void index_candidates_find_nothing_when_every_vector_is_orthogonal() throws IOException {
    Grouping g = group(frames(true), CandidateSource.EMBEDDING);
    assertEquals(0, g.groups().size());
    assertEquals(GrouperTest.FRAMES, g.kept());
  }

  @Test
  void phash_candidates_are_used_even_in_an_index_with_vectors() throws IOException {
    Grouping g = group(frames(true), CandidateSource.PHASH);
    assertEquals(6, g.groups().size());
    assertEquals(24, g.removable());
    assertEquals(Via.PHASH, g.groups().get(0).members().get(0).evidence().via());
  }

  @Test
  void a_scan_lets_the_pixel_check_alone_decide_every_pair() throws IOException {
    Grouping phash = group(frames(false), CandidateSource.PHASH);
    // pHashes 64 bits apart between odd and even frames: only same-parity frames are candidates.
    assertTrue(phash.removable() < 24, "removable " + phash.removable());
    Grouping scan = group(frames(false), CandidateSource.SCAN);
    assertEquals(6, scan.groups().size());
    assertEquals(24, scan.removable());
    for (Group group : scan.groups()) {
      for (Group.Member m : group.members()) {
        assertEquals(Via.SCAN, m.evidence().via());
        assertTrue(m.evidence().duplicate());
      }
    }
  }

  @Test
  void a_scan_without_the_pixel_check_is_refused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Grouper.create(
                    GrouperTest.options(VerifyMode.NONE),
                    PixelDiffParams.defaults(),
                    CandidateSource.SCAN));
    assertTrue(e.getMessage().contains("SCAN"), e.getMessage());
  }
}
