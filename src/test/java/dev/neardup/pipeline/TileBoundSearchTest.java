package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neardup.group.Group;
import dev.neardup.group.Grouping;
import dev.neardup.verify.VerifyMode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntBinaryOperator;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The search uses the kept images' tile histograms ({@code image/TileHistograms}) once it has read
 * their pixels: a kept image whose tile sums equal the probe's, but whose values are all far from
 * it, is pruned without being checked again.
 *
 * <p>Three 160×120 camera frames, in this (time) order: stripes of 28 and 228 (mean 128), flat 128,
 * flat 150. Every tile sum of the stripes equals the flat 128's, so the sums prove nothing for that
 * pair and it is checked (not a duplicate: every pixel differs by 100). That check reads the
 * stripes' pixels. Flat 150 is within the threshold of flat 128 (a duplicate), and its sums are
 * within the threshold of the stripes' too, but no pixel of it is within 45 of 28 or 228: the
 * histograms prove that pair fails, and it is counted as pruned instead of checked.
 */
class TileBoundSearchTest {
  @TempDir Path tmp;

  @Test
  void a_kept_image_whose_pixels_were_read_is_pruned_by_its_tile_histograms() throws IOException {
    Path folder = Files.createDirectories(tmp.resolve("images"));
    // Camera frames, so that they are visited in this (time) order.
    Path stripes = write(folder.resolve("c1-1700000001000.png"), (x, y) -> x % 2 == 0 ? 28 : 228);
    Path flat128 = write(folder.resolve("c1-1700000002000.png"), (x, y) -> 128);
    Path flat150 = write(folder.resolve("c1-1700000003000.png"), (x, y) -> 150);
    EngineConfig config =
        EngineConfig.defaults().toBuilder()
            .indexDir(tmp.resolve("index"))
            .noModel()
            .grouping(
                EngineConfig.defaults().grouping().toBuilder().verify(VerifyMode.PIXEL).build())
            .build();
    try (Engine engine = Engine.open(config)) {
      Grouping g =
          engine.deduplicator().dedup(List.of(folder), List.of(), Progress.NONE).grouping();
      assertEquals(1, g.groups().size(), g.groups().toString());
      Group group = g.groups().get(0);
      assertEquals(flat128.toString(), group.kept().path());
      assertEquals(1, group.members().size());
      assertEquals(flat150.toString(), group.members().get(0).image().path());
      assertEquals(2, g.kept(), "kept: the stripes (" + stripes + ") and flat 128");
      // Flat 128 against the stripes (checked), flat 150 against flat 128 (checked, a duplicate);
      // flat 150 against the stripes is pruned by the histograms, which the sums could not do.
      assertEquals(2, g.stats().checked(), g.stats().toString());
      assertEquals(1, g.stats().pruned(), g.stats().toString());
    }
  }

  private static Path write(Path file, IntBinaryOperator gray) throws IOException {
    BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 120; y++) {
      for (int x = 0; x < 160; x++) {
        int v = gray.applyAsInt(x, y);
        image.getRaster().setSample(x, y, 0, v);
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
