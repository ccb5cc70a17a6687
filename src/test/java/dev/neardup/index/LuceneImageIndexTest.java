package dev.neardup.index;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ImageIndexContract} against the embedded Lucene index in a temporary folder. */
class LuceneImageIndexTest extends ImageIndexContract {
  @TempDir Path dir;

  @Override
  protected ImageIndex open(IndexSettings settings, boolean rebuild, boolean storePixels)
      throws IOException {
    return new IndexLocation.Embedded(dir.resolve("index"))
        .open(settings, IndexOptions.defaults().withStorePixels(storePixels), rebuild);
  }
}
