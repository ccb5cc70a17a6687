package dev.neardup.pipeline;

import dev.neardup.embed.Preprocess;
import dev.neardup.group.GroupingOptions;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.verify.PixelDiffParams;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything needed to assemble an {@link Engine}: where things are and every tunable setting.
 *
 * @param index where the index is (a folder or a Solr collection)
 * @param model TorchScript model file; when absent and not {@code modelRequired}, the embedding
 *     stage is off
 * @param modelRequired the user named the model: a missing file is an error, not a fallback
 * @param allowRandomWeights the user asked for random weights by name
 * @param rebuild drop the index's documents first
 * @param indexOptions HNSW settings
 * @param grouping candidate and grouping settings
 * @param pixelDiff the pixel-diff check's settings
 * @param maxPixels decompression-bomb limit
 * @param thumbnailMaxSide longer side of stored verification thumbnails
 * @param batchSize images per model call
 * @param decodeThreads threads decoding ahead of the model
 * @param inputSize side of the square model input (224 as trained; smaller is faster, see {@link
 *     dev.neardup.embed.EmbedderOptions#inputSize()})
 */
public record EngineConfig(
    IndexLocation index,
    Path model,
    boolean modelRequired,
    boolean allowRandomWeights,
    boolean rebuild,
    IndexOptions indexOptions,
    GroupingOptions grouping,
    PixelDiffParams pixelDiff,
    long maxPixels,
    int thumbnailMaxSide,
    int batchSize,
    int decodeThreads,
    int inputSize) {

  /** A configuration with the standard 224×224 model input. */
  public EngineConfig(
      IndexLocation index,
      Path model,
      boolean modelRequired,
      boolean allowRandomWeights,
      boolean rebuild,
      IndexOptions indexOptions,
      GroupingOptions grouping,
      PixelDiffParams pixelDiff,
      long maxPixels,
      int thumbnailMaxSide,
      int batchSize,
      int decodeThreads) {
    this(
        index,
        model,
        modelRequired,
        allowRandomWeights,
        rebuild,
        indexOptions,
        grouping,
        pixelDiff,
        maxPixels,
        thumbnailMaxSide,
        batchSize,
        decodeThreads,
        Preprocess.CROP);
  }

  public EngineConfig {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(indexOptions, "indexOptions");
    Objects.requireNonNull(grouping, "grouping");
    Objects.requireNonNull(pixelDiff, "pixelDiff");
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("max_pixels must be > 0; got " + maxPixels);
    }
    if (thumbnailMaxSide < 16 || thumbnailMaxSide > 4096) {
      throw new IllegalArgumentException(
          "thumbnail_size must be in [16, 4096]; got " + thumbnailMaxSide);
    }
    if (batchSize < 1 || batchSize > 256) {
      throw new IllegalArgumentException("batch_size must be in [1, 256]; got " + batchSize);
    }
    if (inputSize < Preprocess.MIN_SIZE || inputSize > Preprocess.MAX_SIZE) {
      throw new IllegalArgumentException(
          "input_size must be in ["
              + Preprocess.MIN_SIZE
              + ", "
              + Preprocess.MAX_SIZE
              + "]; got "
              + inputSize);
    }
    if (decodeThreads < 1 || decodeThreads > 64) {
      throw new IllegalArgumentException("decode_threads must be in [1, 64]; got " + decodeThreads);
    }
  }

  /** This configuration with its index in {@code dir}, rebuilt from scratch (benchmarks, eval). */
  public EngineConfig withFreshIndex(Path dir) {
    return copy(
        new IndexLocation.Embedded(dir),
        model,
        modelRequired,
        allowRandomWeights,
        true,
        batchSize,
        inputSize);
  }

  /** This configuration with another number of images per model call. */
  public EngineConfig withBatchSize(int size) {
    return copy(index, model, modelRequired, allowRandomWeights, rebuild, size, inputSize);
  }

  /** This configuration with another model input side. */
  public EngineConfig withInputSize(int side) {
    return copy(index, model, modelRequired, allowRandomWeights, rebuild, batchSize, side);
  }

  /** This configuration with other grouping settings. */
  public EngineConfig withGrouping(GroupingOptions g) {
    return new EngineConfig(
        index,
        model,
        modelRequired,
        allowRandomWeights,
        rebuild,
        indexOptions,
        g,
        pixelDiff,
        maxPixels,
        thumbnailMaxSide,
        batchSize,
        decodeThreads,
        inputSize);
  }

  /** This configuration with other pixel-diff settings. */
  public EngineConfig withPixelDiff(PixelDiffParams p) {
    return new EngineConfig(
        index,
        model,
        modelRequired,
        allowRandomWeights,
        rebuild,
        indexOptions,
        grouping,
        p,
        maxPixels,
        thumbnailMaxSide,
        batchSize,
        decodeThreads,
        inputSize);
  }

  /** This configuration with the embedding stage off (no model file, none required). */
  public EngineConfig withoutModel() {
    return copy(
        index,
        Path.of("/nonexistent/neardup-no-model.pt"),
        false,
        false,
        rebuild,
        batchSize,
        inputSize);
  }

  private EngineConfig copy(
      IndexLocation index,
      Path model,
      boolean modelRequired,
      boolean allowRandomWeights,
      boolean rebuild,
      int batchSize,
      int inputSize) {
    return new EngineConfig(
        index,
        model,
        modelRequired,
        allowRandomWeights,
        rebuild,
        indexOptions,
        grouping,
        pixelDiff,
        maxPixels,
        thumbnailMaxSide,
        batchSize,
        decodeThreads,
        inputSize);
  }
}
