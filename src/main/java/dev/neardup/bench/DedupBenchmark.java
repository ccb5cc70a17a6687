package dev.neardup.bench;

import dev.neardup.pipeline.DedupRun;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code dedup} end to end on a folder, into a fresh temporary index: scan, decode, embed, index,
 * group with the pixel-diff check. Touches no image.
 */
public final class DedupBenchmark {
  private DedupBenchmark() {}

  /**
   * Figures of one run.
   *
   * @param folder the folder
   * @param model the model id, or the no-model line
   * @param images images grouped
   * @param kept unique images kept
   * @param indexSeconds indexing wall time
   * @param totalSeconds indexing plus grouping wall time
   * @param imagesPerSecond {@code images / totalSeconds}
   */
  public record Row(
      String folder,
      String model,
      int images,
      int kept,
      double indexSeconds,
      double totalSeconds,
      double imagesPerSecond) {}

  /** Runs {@code dedup} on {@code folder} with {@code config}'s model and settings. */
  public static Row run(EngineConfig config, Path folder) throws IOException {
    Path tmp = Files.createTempDirectory("neardup-bench-dedup");
    try (Engine engine = Engine.open(config.withFreshIndex(tmp))) {
      long start = System.nanoTime();
      DedupRun run = engine.deduplicator().dedup(List.of(folder), List.of(tmp), Progress.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      String model = engine.model() == null ? "none (hash only)" : engine.model().id();
      return new Row(
          folder.toAbsolutePath().normalize().toString(),
          model,
          run.grouping().images(),
          run.grouping().kept(),
          run.index().seconds(),
          seconds,
          run.grouping().images() / seconds);
    } finally {
      try (Stream<Path> s = Files.walk(tmp)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
