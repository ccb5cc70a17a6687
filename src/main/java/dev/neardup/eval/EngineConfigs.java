package dev.neardup.eval;

import dev.neardup.pipeline.EngineConfig;
import java.nio.file.Path;

/** Copies of an {@link EngineConfig} that point at a scratch index. */
final class EngineConfigs {
  private EngineConfigs() {}

  /** {@code c} with its index in {@code dir}, rebuilt from scratch. */
  static EngineConfig withFreshIndex(EngineConfig c, Path dir) {
    return with(c, dir, c.batchSize());
  }

  /** {@code c} with its index in {@code dir}, rebuilt from scratch, and another batch size. */
  static EngineConfig with(EngineConfig c, Path dir, int batchSize) {
    return new EngineConfig(
        dir,
        c.model(),
        c.modelRequired(),
        c.allowRandomWeights(),
        true,
        c.indexOptions(),
        c.grouping(),
        c.pixelDiff(),
        c.maxPixels(),
        c.thumbnailMaxSide(),
        batchSize,
        c.decodeThreads(),
        c.inputSize());
  }
}
