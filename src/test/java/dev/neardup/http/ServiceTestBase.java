package dev.neardup.http;

import dev.neardup.TestData;
import dev.neardup.pipeline.EngineConfig;
import java.nio.file.Path;

/** Engine settings the service tests share. */
final class ServiceTestBase {
  private ServiceTestBase() {}

  /** The random-weight test model (named, so a missing file fails), or pHash mode. */
  static EngineConfig engine(Path indexDir, boolean withModel, long maxPixels) {
    return (withModel
            ? EngineConfig.defaults().toBuilder()
                .model(TestData.testModel())
                .modelRequired(true)
                .allowRandomWeights(true)
            : EngineConfig.defaults().toBuilder().noModel())
        .indexDir(indexDir)
        .maxPixels(maxPixels == 0 ? EngineConfig.defaults().maxPixels() : maxPixels)
        .thumbnailMaxSide(160)
        .build();
  }
}
