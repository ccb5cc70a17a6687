package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.image.Thumbnails;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code neardup index} process killed with SIGKILL part-way leaves an index that opens; the
 * next run completes it with every image exactly once.
 */
class KilledRunTest {
  @TempDir Path tmp;

  @Test
  void an_index_run_killed_part_way_leaves_an_index_that_opens_and_a_rerun_completes_it()
      throws Exception {
    Path folder = TestData.shared("cctv/pets2001");
    Path index = tmp.resolve("idx");
    Path config = tmp.resolve("c.yaml");
    Files.writeString(config, "model: " + tmp.resolve("absent.pt") + "\n");
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        List.of(
            java,
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "index",
            folder.toString(),
            "--index",
            index.toString(),
            "--config",
            config.toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("log").toFile())
            .start();
    // Kill it mid-run: the run takes several seconds; this bounds the wait, it does not sleep.
    boolean exited = p.waitFor(2500, TimeUnit.MILLISECONDS);
    p.destroyForcibly().waitFor();

    IndexSettings settings =
        new IndexSettings(IndexSettings.NO_MODEL, 0, "none", Thumbnails.DEFAULT_MAX_SIDE);
    int afterKill;
    try (ImageIndex i =
        new IndexLocation.Embedded(index).open(settings, IndexOptions.defaults(), false)) {
      afterKill = i.documentCount();
    }
    assertTrue(afterKill <= 600, "documents after kill: " + afterKill);

    CliRun rerun = CliRun.run(tmp, "index", folder.toString(), "--index", index.toString());
    assertEquals(
        0,
        rerun.exit(),
        rerun.err() + "\nkilled run log:\n" + Files.readString(tmp.resolve("log")));
    assertTrue(
        rerun.out().contains(afterKill + " unchanged"),
        "the rerun skips what the killed run committed ("
            + afterKill
            + ", exited="
            + exited
            + "): "
            + rerun.out());
    try (ImageIndex i =
            new IndexLocation.Embedded(index).open(settings, IndexOptions.defaults(), false);
        IndexSnapshot s = i.snapshot()) {
      List<IndexedImage> images = s.images(path -> true);
      Set<String> paths = new HashSet<>();
      images.forEach(im -> paths.add(im.record().path()));
      assertEquals(600, images.size());
      assertEquals(600, paths.size(), "no image is indexed twice");
    }
  }
}
