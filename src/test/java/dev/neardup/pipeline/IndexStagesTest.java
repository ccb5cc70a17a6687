package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.review.ReviewFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An index update reports every pipeline stage in order, and the fractions are shares of the run's
 * time: no stage is busier than its threads can be, and the model thread's stages together take at
 * most the whole run (they are one thread, one after another).
 */
class IndexStagesTest {
  @TempDir Path tmp;

  @Test
  void an_update_reports_each_stage_once_in_pipeline_order_within_its_threads_time()
      throws Exception {
    Path folder = tmp.resolve("frames");
    TestData.copy(
        folder,
        "cctv/pets2001/in000100.jpg",
        "cctv/pets2001/in000101.jpg",
        "cctv/pets2001/in000102.jpg");
    try (Engine engine =
        Engine.open(ReviewFixture.config(tmp.resolve("idx"), tmp.resolve("absent.pt")))) {
      IndexStats stats = engine.deduplicator().index(List.of(folder), List.of(), Progress.NONE);
      assertEquals(3, stats.indexed());
      assertEquals(Indexer.STAGES, stats.stages().stream().map(StageProfile::stage).toList());
      double modelThread = 0;
      for (StageProfile s : stats.stages()) {
        assertTrue(s.busyFraction() >= 0 && s.busyFraction() <= 1, s.toString());
        assertTrue(s.busySeconds() <= stats.seconds() * s.threads(), s.toString());
        if (List.of(Indexer.WAIT_DECODE, Indexer.FORWARD, Indexer.WAIT_WRITER, Indexer.COMMIT)
            .contains(s.stage())) {
          modelThread += s.busyFraction();
        }
      }
      assertTrue(modelThread <= 1, "model thread busy " + modelThread + ": " + stats.stages());
      for (String worked : List.of(Analyzer.DECODE, Indexer.WRITE, Indexer.COMMIT)) {
        StageProfile s =
            stats.stages().stream().filter(p -> p.stage().equals(worked)).findFirst().get();
        assertTrue(s.busySeconds() > 0, worked + " never timed: " + stats.stages());
      }
    }
  }
}
