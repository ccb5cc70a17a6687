package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.act.ActionResult;
import dev.neardup.act.Quarantine;
import dev.neardup.act.Undo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neardup watch}'s library: files are read only once they stopped changing, unique ones are
 * indexed in place, duplicates quarantined with a manifest that {@code undo} reverses. Time is a
 * test clock, so nothing sleeps.
 */
class FolderWatcherTest {
  static final Duration SETTLE = Duration.ofSeconds(2);

  @TempDir Path tmp;
  Path watched;
  Engine engine;
  Quarantine quarantine;
  TestClock clock = new TestClock();
  FolderWatcher watcher;

  @BeforeEach
  void open() throws IOException {
    watched = Files.createDirectories(tmp.resolve("drop"));
    engine =
        Engine.open(
            EngineConfig.defaults().toBuilder()
                .indexDir(tmp.resolve("idx"))
                .noModel()
                .thumbnailMaxSide(160)
                .build());
    quarantine = new Quarantine(tmp.resolve("quarantine"), clock);
    Ingestor ingestor = new Ingestor(engine, null, quarantine);
    watcher = new FolderWatcher(ingestor, watched, ingestor.indexedUnder(watched), SETTLE, clock);
  }

  @AfterEach
  void close() throws IOException {
    quarantine.close();
    engine.close();
  }

  @Test
  void a_file_still_being_written_is_read_only_once_it_stopped_changing() throws IOException {
    byte[] jpeg = Files.readAllBytes(TestData.shared("stills/fruits.jpg"));
    Path f = watched.resolve("fruits.jpg");
    Files.write(f, Arrays.copyOf(jpeg, jpeg.length / 2));
    assertEquals(List.of(), watcher.poll(), "first sight: not settled");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(), watcher.poll(), "unchanged for 1 s of 2");
    Files.write(
        f, Arrays.copyOfRange(jpeg, jpeg.length / 2, jpeg.length), StandardOpenOption.APPEND);
    clock.advance(Duration.ofSeconds(1));
    assertEquals(List.of(), watcher.poll(), "it grew: the clock starts again");
    clock.advance(SETTLE);
    List<FolderWatcher.Outcome> done = watcher.poll();
    assertEquals(1, done.size());
    assertNull(done.get(0).error());
    assertEquals(IngestResult.Status.UNIQUE, done.get(0).result().status());
    assertEquals(f.toString(), done.get(0).result().image().path());
    assertEquals(1, engine.index().documentCount());
    clock.advance(SETTLE);
    assertEquals(List.of(), watcher.poll(), "an indexed file is not read again");
  }

  @Test
  void a_duplicate_dropped_into_the_folder_is_quarantined_and_undo_puts_it_back()
      throws IOException {
    TestData.copy(watched, "stills/baboon.jpg");
    watcher.poll();
    clock.advance(SETTLE);
    assertEquals(IngestResult.Status.UNIQUE, watcher.poll().get(0).result().status());

    Path sub = Files.createDirectories(watched.resolve("later"));
    Path copy = Files.copy(watched.resolve("baboon.jpg"), sub.resolve("baboon-copy.jpg"));
    byte[] bytes = Files.readAllBytes(copy);
    watcher.poll();
    clock.advance(SETTLE);
    List<FolderWatcher.Outcome> done = watcher.poll();
    assertEquals(1, done.size());
    IngestResult r = done.get(0).result();
    assertEquals(IngestResult.Status.DUPLICATE, r.status());
    assertEquals(watched.resolve("baboon.jpg").toString(), r.duplicateOf().image().path());
    Path moved =
        tmp.resolve("quarantine").resolve("drop").resolve("later").resolve("baboon-copy.jpg");
    assertEquals(moved.toString(), r.quarantinedAt());
    assertFalse(Files.exists(copy));
    assertEquals(1, engine.index().documentCount(), "the duplicate is not indexed");

    Path manifest = quarantine.manifestFile();
    assertTrue(Files.isRegularFile(manifest));
    ActionResult undone = Undo.run(manifest);
    assertEquals(List.of(copy), undone.done());
    assertArrayEquals(bytes, Files.readAllBytes(copy));
    assertFalse(Files.exists(moved));
  }

  @Test
  void an_unreadable_file_is_reported_with_its_reason_and_not_retried_until_it_changes()
      throws IOException {
    Path bad = watched.resolve("notes.jpg");
    Files.writeString(bad, "not a picture");
    watcher.poll();
    clock.advance(SETTLE);
    List<FolderWatcher.Outcome> done = watcher.poll();
    assertEquals(1, done.size());
    assertTrue(done.get(0).error().startsWith("not an image"), done.get(0).error());
    clock.advance(SETTLE);
    assertEquals(List.of(), watcher.poll());
  }

  @Test
  void a_file_touched_after_it_was_indexed_is_indexed_again_not_held_by_its_own_claim()
      throws IOException {
    Path f = TestData.copy(watched, "stills/baboon.jpg").get(0);
    watcher.poll();
    clock.advance(SETTLE);
    assertEquals(IngestResult.Status.UNIQUE, watcher.poll().get(0).result().status());
    Files.setLastModifiedTime(
        f,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(f).toMillis() + 60_000));
    watcher.poll();
    clock.advance(SETTLE);
    List<FolderWatcher.Outcome> done = watcher.poll();
    assertEquals(1, done.size(), "the changed file is read again");
    assertEquals(IngestResult.Status.UNIQUE, done.get(0).result().status());
    assertEquals(f.toString(), done.get(0).result().image().path());
    assertEquals(1, engine.index().documentCount());
  }

  /** A clock that moves only when told. */
  static final class TestClock extends Clock {
    private Instant now = Instant.parse("2026-01-02T03:04:05Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
