package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded index's groups on {@code cctv/vtest} and {@code ukbench} are the checked-in ones
 * that the SolrCloud module compares a collection against ({@link SharedFolderGroups}). Rewrite
 * them with {@code -Dneardup.writeSharedFolderGroups=FILE} when grouping changes on purpose.
 */
class SharedFolderGroupsTest {
  @TempDir Path tmp;

  @Test
  void the_embedded_index_gives_the_checked_in_groups() throws Exception {
    try (Engine engine = Engine.open(config(tmp.resolve("index")))) {
      List<String> groups = SharedFolderGroups.dedup(engine);
      String write = System.getProperty(SharedFolderGroups.WRITE_PROPERTY);
      if (write != null) {
        SharedFolderGroups.write(Path.of(write), groups);
      }
      assertEquals(String.join("\n", SharedFolderGroups.expected()), String.join("\n", groups));
    }
  }

  /** No model (pHash and pixel checks), as the SolrCloud module runs it. */
  public static EngineConfig config(Path index) {
    return EngineConfig.defaults().toBuilder()
        .indexDir(index)
        .noModel()
        .thumbnailMaxSide(160)
        .build();
  }
}
