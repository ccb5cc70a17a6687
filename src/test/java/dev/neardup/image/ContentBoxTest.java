package dev.neardup.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The content box of exact synthetic images: known bars in, the exact box out. */
class ContentBoxTest {
  static final int W = 200;
  static final int H = 120;

  /**
   * A textured picture (seeded, every pixel in 40..215) inside bars of {@code bar} gray: {@code
   * top}/{@code bottom} rows and {@code left}/{@code right} columns; bar pixels get noise of up to
   * {@code noise} levels.
   */
  static byte[] boxed(int top, int bottom, int left, int right, int bar, int noise, long seed) {
    Random r = new Random(seed);
    byte[] g = new byte[W * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean inBar = y < top || y >= H - bottom || x < left || x >= W - right;
        int v =
            inBar
                ? Math.max(
                    0, Math.min(255, bar + (noise == 0 ? 0 : r.nextInt(2 * noise + 1) - noise)))
                : 40 + r.nextInt(176);
        g[y * W + x] = (byte) v;
      }
    }
    return g;
  }

  @Test
  void black_bars_left_and_right_give_the_picture_between_them() {
    assertEquals(
        new ContentBox(25, 0, 150, H), ContentBox.find(boxed(0, 0, 25, 25, 0, 0, 1), W, H));
  }

  @Test
  void white_bars_top_and_bottom_with_jpeg_like_noise_give_the_exact_box() {
    assertEquals(
        new ContentBox(0, 15, W, 80), ContentBox.find(boxed(15, 25, 0, 0, 252, 3, 2), W, H));
  }

  @Test
  void bars_on_all_four_sides_are_trimmed_each_on_its_own() {
    assertEquals(
        new ContentBox(7, 11, 180, 96), ContentBox.find(boxed(11, 13, 7, 13, 0, 2, 3), W, H));
  }

  @Test
  void a_picture_without_bars_is_its_own_box() {
    ContentBox b = ContentBox.find(boxed(0, 0, 0, 0, 0, 0, 4), W, H);
    assertEquals(new ContentBox(0, 0, W, H), b);
    assertTrue(b.isWhole(W, H));
    assertFalse(b.trims(W, H, ContentHashes.MIN_TRIM));
  }

  @Test
  void a_flat_image_and_two_flat_bands_have_no_content_box() {
    assertNull(ContentBox.find(new byte[W * H], W, H));
    byte[] bands = new byte[W * H];
    for (int i = W * H / 2; i < bands.length; i++) {
      bands[i] = (byte) 255;
    }
    assertNull(ContentBox.find(bands, W, H));
  }

  @Test
  void a_one_pixel_rim_is_found_but_does_not_count_as_a_letter_box() {
    ContentBox b = ContentBox.find(boxed(1, 1, 1, 1, 0, 0, 5), W, H);
    assertEquals(new ContentBox(1, 1, W - 2, H - 2), b);
    assertFalse(b.trims(W, H, ContentHashes.MIN_TRIM));
  }

  @Test
  void pixels_that_do_not_match_the_size_are_refused_with_both_numbers() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ContentBox.find(new byte[10], 4, 4));
    assertTrue(e.getMessage().contains("4x4") && e.getMessage().contains("10"), e.getMessage());
  }
}
