package dev.neardup.bench;

import dev.neardup.embed.EmbedderOptions;
import dev.neardup.embed.RawForward;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.IndexStats;
import dev.neardup.pipeline.Progress;
import dev.neardup.pipeline.StageProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * End-to-end indexing speed next to the bare libtorch forward pass of the same model, measured in
 * the same process so that the ratio — not the absolute figure, which depends on the machine and
 * its neighbours — is the result.
 *
 * <p>The raw forward runs on a pre-made input tensor (no decoding, no preprocessing, no copies);
 * indexing reads files from disk, decodes, preprocesses, embeds, and writes Lucene documents with
 * their HNSW graph, then commits. Raw is measured before and after indexing and averaged, to dampen
 * drift from other load on the machine.
 */
public final class IndexBenchmark {
  /**
   * Most batches timed for the raw forward on each side of indexing: 32 batches (256 images at
   * batch 8) give a steady rate, and on 1,000 images a pass per image each side would double the
   * run for no better figure.
   */
  static final int MAX_RAW_BATCHES = 32;

  private IndexBenchmark() {}

  /** Raw-forward batches for each side of indexing {@code images}: one pass, 2 to 32 batches. */
  static int rawBatches(int images, int batchSize) {
    return Math.clamp(images / batchSize, 2, MAX_RAW_BATCHES);
  }

  /**
   * Result of one run.
   *
   * @param images files indexed
   * @param batchSize images per model call, for both measurements
   * @param rawImagesPerSecond bare TorchScript forward (mean of before and after)
   * @param rawBefore bare forward before indexing
   * @param rawAfter bare forward after indexing
   * @param indexImagesPerSecond files indexed per second, end to end
   * @param indexSeconds wall time of indexing
   * @param model the model id
   * @param stages each indexing stage's busy fraction ({@link IndexStats#stages()})
   */
  public record Result(
      int images,
      int batchSize,
      double rawImagesPerSecond,
      double rawBefore,
      double rawAfter,
      double indexImagesPerSecond,
      double indexSeconds,
      String model,
      List<StageProfile> stages) {

    /** End-to-end rate as a fraction of the bare forward rate. */
    public double ratio() {
      return indexImagesPerSecond / rawImagesPerSecond;
    }
  }

  /**
   * Indexes {@code folder} into a fresh temporary index with {@code config}'s model and settings.
   *
   * @param rawIterations batches timed for the raw forward (each side)
   */
  public static Result run(EngineConfig config, Path folder, int rawIterations) throws IOException {
    Path tmp = Files.createTempDirectory("neardup-bench-index");
    try {
      double before = raw(config, rawIterations);
      EngineConfig fresh = config.withFreshIndex(tmp);
      IndexStats stats;
      String model;
      try (Engine engine = Engine.open(fresh)) {
        model = engine.model().id();
        stats = engine.deduplicator().index(List.of(folder), List.of(tmp), Progress.NONE);
      }
      double after = raw(config, rawIterations);
      return new Result(
          stats.indexed(),
          config.batchSize(),
          (before + after) / 2,
          before,
          after,
          stats.imagesPerSecond(),
          stats.seconds(),
          model,
          stats.stages());
    } finally {
      deleteTree(tmp);
    }
  }

  private static double raw(EngineConfig config, int iterations) {
    return RawForward.imagesPerSecond(
        config.model().orElseThrow(() -> new IllegalArgumentException("no model to time")),
        config.batchSize(),
        iterations,
        EmbedderOptions.DEFAULT_INTRA_OP_THREADS,
        config.inputSize());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
