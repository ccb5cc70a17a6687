package dev.neardup.bench;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.embed.EmbedderOptions;
import dev.neardup.embed.RawForward;
import dev.neardup.embed.TorchScriptEmbedder;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.StageProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.opencv.core.Mat;

/**
 * Embedding speed at several batch sizes, each next to the bare libtorch forward pass of the same
 * TorchScript model in the same run:
 *
 * <ul>
 *   <li><b>raw</b>: {@link dev.neardup.embed.RawForward}, one pre-made input tensor, before and
 *       after the others (averaged, to dampen drift from other load);
 *   <li><b>from decoded images</b>: {@link TorchScriptEmbedder#embed} on images already decoded
 *       (preprocessing, Java-to-native copies, forward, normalisation);
 *   <li><b>end to end</b>: {@link IndexBenchmark} on the same images as files on disk (decode,
 *       thumbnail, pHash, preprocessing, forward, Lucene documents and HNSW graph, commit).
 * </ul>
 *
 * The ratio end to end / raw is the figure that says how much of the model's speed neardup keeps;
 * the end-to-end run's {@linkplain StageProfile stage profile} says which stage holds it back.
 */
public final class EmbedBenchmark {
  private EmbedBenchmark() {}

  /**
   * Figures of one batch size.
   *
   * @param inputSize side of the square model input
   * @param batchSize images per forward pass
   * @param images images embedded / indexed
   * @param rawImagesPerSecond bare forward (mean of before and after)
   * @param rawBefore bare forward before the others
   * @param rawAfter bare forward after the others
   * @param decodedImagesPerSecond embedder on decoded images
   * @param endToEndImagesPerSecond indexing files from disk
   * @param endToEndRatio end to end / raw
   * @param decodedRatio from decoded images / raw
   * @param stages busy fraction of each indexing stage in the end-to-end run
   */
  public record Row(
      int inputSize,
      int batchSize,
      int images,
      double rawImagesPerSecond,
      double rawBefore,
      double rawAfter,
      double decodedImagesPerSecond,
      double endToEndImagesPerSecond,
      double endToEndRatio,
      double decodedRatio,
      List<StageProfile> stages) {}

  /**
   * Runs every batch size on the first {@code count} images of {@code folder} (copied to a
   * temporary folder so that nothing else is indexed).
   *
   * @param config model, random-weights permission, decode threads; batch size and index are
   *     replaced
   */
  public static List<Row> run(EngineConfig config, List<Path> images, List<Integer> batchSizes)
      throws IOException {
    if (images.isEmpty() || batchSizes.isEmpty()) {
      throw new IllegalArgumentException("need images and batch sizes");
    }
    Path dir = Files.createTempDirectory("neardup-bench-embed");
    List<Mat> decoded = new ArrayList<>();
    try {
      Path files = Files.createDirectories(dir.resolve("images"));
      ImageDecoder decoder = new ImageDecoder(config.maxPixels());
      for (Path p : images) {
        Files.copy(p, files.resolve(p.getFileName().toString()));
        try (DecodedImage d = decoder.decode(p)) {
          decoded.add(d.bgr().clone());
        } catch (DecodeException e) {
          throw new IOException("cannot decode " + p + ": " + e.reason(), e);
        }
      }
      // The first passes of a process are slow (measured: the first ~15 at batch 8 ran at a fifth
      // of the later speed): an untimed run keeps them out of the first batch size's figures.
      RawForward.imagesPerSecond(
          model(config),
          batchSizes.get(0),
          Math.max(16, 64 / batchSizes.get(0)),
          EmbedderOptions.DEFAULT_INTRA_OP_THREADS,
          config.inputSize());
      List<Row> rows = new ArrayList<>();
      for (int b : batchSizes) {
        int iterations = IndexBenchmark.rawBatches(images.size(), b);
        double decodedRate = embedDecoded(config, decoded, b);
        IndexBenchmark.Result r =
            IndexBenchmark.run(
                config.withFreshIndex(dir.resolve("index")).toBuilder().batchSize(b).build(),
                files,
                iterations);
        rows.add(
            new Row(
                config.inputSize(),
                b,
                images.size(),
                r.rawImagesPerSecond(),
                r.rawBefore(),
                r.rawAfter(),
                decodedRate,
                r.indexImagesPerSecond(),
                r.ratio(),
                decodedRate / r.rawImagesPerSecond(),
                r.stages()));
      }
      return rows;
    } finally {
      decoded.forEach(Mat::release);
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The model file to time; the embedding benchmark has nothing to time without one. */
  private static Path model(EngineConfig config) {
    return config.model().orElseThrow(() -> new IllegalArgumentException("no model to time"));
  }

  private static double embedDecoded(EngineConfig config, List<Mat> images, int batchSize) {
    try (TorchScriptEmbedder embedder =
        TorchScriptEmbedder.open(
            model(config),
            EmbedderOptions.defaults()
                .withBatchSize(batchSize)
                .withAllowRandomWeights(config.allowRandomWeights())
                .withInputSize(config.inputSize()))) {
      embedder.embed(images.subList(0, Math.min(images.size(), batchSize))); // warm-up
      long start = System.nanoTime();
      embedder.embed(images);
      return images.size() / ((System.nanoTime() - start) / 1e9);
    }
  }
}
