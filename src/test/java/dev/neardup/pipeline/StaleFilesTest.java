package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.group.FailedCheck;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.review.ReviewFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The index keeps signatures, not pixels, so the pixel check reads the indexed files: one that
 * changed or went away since it was indexed is reported as not verifiable, never checked from the
 * bytes it had; indexing again re-reads it.
 */
class StaleFilesTest {
  @TempDir Path tmp;

  @Test
  void a_changed_or_removed_file_is_not_verifiable_until_it_is_indexed_again() throws Exception {
    Path frames = tmp.resolve("frames");
    Path kept = TestData.copy(frames, "cctv/pets2001/in000100.jpg").get(0);
    // The next frame of the camera, outside the indexed folder: a duplicate of the kept one.
    Path probe = TestData.copy(tmp.resolve("probe"), "cctv/pets2001/in000101.jpg").get(0);
    String path = kept.toAbsolutePath().normalize().toString();
    try (Engine engine =
        Engine.open(ReviewFixture.config(tmp.resolve("idx"), tmp.resolve("absent.pt")))) {
      Deduplicator d = engine.deduplicator();
      d.index(List.of(frames), List.of(), Progress.NONE);
      QueryResult fresh = d.query(List.of(probe)).get(0);
      assertTrue(fresh.isDuplicate(), "consecutive frames: " + fresh);
      assertEquals(List.of(), fresh.failures());

      // Another frame's bytes under the indexed name, not indexed again.
      Files.copy(
          TestData.shared().resolve("cctv/pets2001/in000101.jpg"),
          kept,
          StandardCopyOption.REPLACE_EXISTING);
      QueryResult changed = d.query(List.of(probe)).get(0);
      assertEquals(List.of(), changed.matches(), "never judged from the indexed bytes");
      FailedCheck f = changed.failures().get(0);
      assertTrue(f.reason().contains("not verifiable"), f.reason());
      assertTrue(f.reason().contains("changed since it was indexed"), f.reason());
      assertTrue(f.reason().contains(path), f.reason());

      // Indexing again re-reads it: now it is the probe's own bytes, an exact copy.
      d.index(List.of(frames), List.of(), Progress.NONE);
      QueryResult reindexed = d.query(List.of(probe)).get(0);
      assertEquals(List.of(), reindexed.failures());
      assertTrue(reindexed.isDuplicate(), reindexed.toString());

      Files.copy(
          TestData.shared().resolve("cctv/pets2001/in000100.jpg"),
          kept,
          StandardCopyOption.REPLACE_EXISTING);
      d.index(List.of(frames), List.of(), Progress.NONE);
      Files.delete(kept);
      QueryResult gone = d.query(List.of(probe)).get(0);
      assertEquals(List.of(), gone.matches());
      String reason = gone.failures().get(0).reason();
      assertTrue(reason.contains("not verifiable") && reason.contains("gone"), reason);
      try (IndexSnapshot s = engine.index().snapshot()) {
        assertEquals(1, s.images(path::equals).size(), "still indexed until the next run");
      }
    }
  }
}
