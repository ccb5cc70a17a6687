package dev.neardup.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockSignatureTest {
  private static GrayImage image(int w, int h, long seed, int fill) {
    byte[] px = new byte[w * h];
    if (fill >= 0) {
      Arrays.fill(px, (byte) fill);
    } else {
      new Random(seed).nextBytes(px);
    }
    return new GrayImage(w, h, px);
  }

  /** The definition: each tile's sum taken pixel by pixel. */
  private static int[] tileSums(GrayImage image, int block) {
    int tx = (image.width() + block - 1) / block;
    int ty = (image.height() + block - 1) / block;
    int[] sums = new int[tx * ty];
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        sums[(y / block) * tx + x / block] += image.pixels()[y * image.width() + x] & 0xff;
      }
    }
    return sums;
  }

  @Test
  void the_sums_are_each_tiles_pixel_sum_at_every_size_and_grid() {
    // Sizes with partial edge tiles, single rows and columns, and grids of 16, 32 and 64 px tiles.
    int[][] sizes = {
      {1, 1},
      {15, 1},
      {1, 17},
      {16, 16},
      {17, 33},
      {320, 240},
      {641, 479},
      {1000, 3},
      {3, 1000},
      {1023, 767},
      {2500, 1900}
    };
    for (int[] size : sizes) {
      GrayImage image = image(size[0], size[1], size[0] * 31L + size[1], -1);
      BlockSignature signature = BlockSignature.of(image);
      String label = size[0] + "x" + size[1];
      assertArrayEquals(tileSums(image, signature.block()), signature.sums(), label);
      assertEquals(size[0], signature.width(), label);
      assertEquals(size[1], signature.height(), label);
    }
    assertEquals(16, BlockSignature.of(image(320, 240, 1, -1)).block());
    assertEquals(64, BlockSignature.of(image(2500, 1900, 1, -1)).block());
  }

  @Test
  void a_white_frame_round_trips_through_sixteen_bit_sums_at_the_largest_tile_sum() {
    BlockSignature s = BlockSignature.of(image(320, 240, 0, 255));
    assertEquals(16, s.block());
    assertEquals(20 * 15, s.sums().length);
    assertEquals(16 * 16 * 255, s.sums()[0]);
    byte[] bytes = s.encode();
    assertEquals(13 + 2 * 300, bytes.length);
    BlockSignature back = BlockSignature.decode(bytes);
    assertEquals(s.width(), back.width());
    assertEquals(s.block(), back.block());
    assertArrayEquals(s.sums(), back.sums());
  }

  @Test
  void a_grid_of_larger_tiles_keeps_thirty_two_bit_sums() {
    BlockSignature s = BlockSignature.of(image(1600, 1200, 3, -1));
    assertEquals(32, s.block());
    BlockSignature back = BlockSignature.decode(s.encode());
    assertArrayEquals(s.sums(), back.sums());
    assertEquals(13 + 4 * s.sums().length, s.encode().length);
  }

  @Test
  void signatures_written_by_version_one_are_still_read() {
    int[] sums = {1, 70_000, 16_320, 5};
    ByteBuffer b = ByteBuffer.allocate(13 + 16);
    b.put((byte) 1).putInt(16).putInt(16).putInt(8);
    for (int v : sums) {
      b.putInt(v);
    }
    BlockSignature old = BlockSignature.decode(b.array());
    assertEquals(8, old.block());
    assertArrayEquals(sums, old.sums());
    assertThrows(IllegalArgumentException.class, () -> BlockSignature.decode(new byte[] {9}));
  }
}
