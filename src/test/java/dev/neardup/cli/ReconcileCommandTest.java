package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code neardup reconcile} on an embedded index holding a frame and its recompressed copy (indexed
 * by {@code index}, which keeps both): a dry run reports the group and changes nothing; the real
 * run drops the later one's document and leaves files outside the storage folder alone.
 */
class ReconcileCommandTest {
  @TempDir Path tmp;

  @Test
  void reconcile_reports_then_drops_the_later_near_duplicate() throws Exception {
    Path photos = Files.createDirectories(tmp.resolve("photos"));
    Path png = TestData.copy(photos, "cctv/vtest/frame_00000.png").get(0);
    Path jpeg = photos.resolve("later.jpg");
    ImageIO.write(ImageIO.read(png.toFile()), "jpg", jpeg.toFile());
    Files.setLastModifiedTime(
        jpeg,
        java.nio.file.attribute.FileTime.fromMillis(
            Files.getLastModifiedTime(png).toMillis() + 60_000));
    String index = tmp.resolve("index").toString();
    assertEquals(0, CliRun.run(tmp, "index", photos.toString(), "--index", index).exit());

    CliRun dry = CliRun.run(tmp, "reconcile", "--dry-run", "--index", index);
    assertEquals(0, dry.exit(), dry.err());
    assertTrue(dry.out().contains("kept    " + png.toAbsolutePath()), dry.out());
    assertTrue(dry.out().contains("would remove " + jpeg.toAbsolutePath()), dry.out());
    assertTrue(dry.out().contains("1 groups of near-duplicates, 1 would be removed"), dry.out());

    CliRun done = CliRun.run(tmp, "reconcile", "--index", index);
    assertEquals(0, done.exit(), done.err());
    assertTrue(done.out().contains("1 removed"), done.out());
    assertTrue(Files.exists(jpeg), "a file outside the storage folder is left where it is");
    CliRun again = CliRun.run(tmp, "reconcile", "--dry-run", "--index", index);
    assertTrue(again.out().contains("0 groups of near-duplicates"), again.out());
  }
}
