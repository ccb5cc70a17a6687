package dev.neardup.http;

import dev.neardup.TestData;
import dev.neardup.decode.ImageDecoder;
import dev.neardup.group.GroupingOptions;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.verify.PixelDiffParams;
import java.nio.file.Path;

/** Engine settings the service tests share. */
final class ServiceTestBase {
  private ServiceTestBase() {}

  /** The random-weight test model (named, so a missing file fails), or pHash mode. */
  static EngineConfig engine(Path indexDir, boolean withModel, long maxPixels) {
    return new EngineConfig(
        new IndexLocation.Embedded(indexDir),
        withModel ? TestData.testModel() : indexDir.resolveSibling("no-model.pt"),
        withModel,
        withModel,
        false,
        IndexOptions.defaults(),
        GroupingOptions.defaults(),
        PixelDiffParams.defaults(),
        maxPixels == 0 ? ImageDecoder.DEFAULT_MAX_PIXELS : maxPixels,
        160,
        8,
        2);
  }
}
