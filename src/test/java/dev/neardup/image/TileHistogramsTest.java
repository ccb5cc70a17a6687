package dev.neardup.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TileHistogramsTest {
  private static final int[] THRESHOLDS = {0, 1, 20, 31, 32, 45, 64, 100, 200, 254};

  /** Noise, flat, gradients and a stripe pattern, with a few local copies of one another. */
  private static GrayImage image(int w, int h, int kind, Random random) {
    byte[] px = new byte[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v =
            switch (kind) {
              case 0 -> random.nextInt(256);
              case 1 -> 200;
              case 2 -> (x * 255) / Math.max(1, w - 1);
              case 3 -> ((x / 3 + y / 5) % 2) * 255;
              default -> (x * 7 + y * 13) % 256;
            };
        px[y * w + x] = (byte) v;
      }
    }
    return new GrayImage(w, h, px);
  }

  /** {@code b} with some pixels moved by random amounts: from near copies to unrelated images. */
  private static GrayImage perturbed(GrayImage a, double share, int amount, Random random) {
    byte[] px = a.pixels().clone();
    for (int i = 0; i < px.length; i++) {
      if (random.nextDouble() < share) {
        int v = (px[i] & 0xff) + random.nextInt(2 * amount + 1) - amount;
        px[i] = (byte) Math.max(0, Math.min(255, v));
      }
    }
    return new GrayImage(a.width(), a.height(), px);
  }

  /** The definition: pixels in whole tiles inside the area whose values differ by more than t. */
  private static long changed(
      GrayImage a, GrayImage b, int t, int x0, int y0, int x1, int y1, int block) {
    long c = 0;
    int bx0 = Math.ceilDiv(x0, block);
    int by0 = Math.ceilDiv(y0, block);
    for (int by = by0; by * block < a.height(); by++) {
      int ye = Math.min(a.height(), by * block + block);
      if (ye > y1) {
        break;
      }
      for (int bx = bx0; bx * block < a.width(); bx++) {
        int xe = Math.min(a.width(), bx * block + block);
        if (xe > x1) {
          break;
        }
        for (int y = by * block; y < ye; y++) {
          for (int x = bx * block; x < xe; x++) {
            int i = y * a.width() + x;
            if (Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff)) > t) {
              c++;
            }
          }
        }
      }
    }
    return c;
  }

  @Test
  void the_bound_never_exceeds_the_changed_pixels_and_is_at_least_the_sums_bound() {
    Random random = new Random(7);
    int[][] sizes = {{16, 16}, {17, 33}, {320, 240}, {100, 3}, {1, 1}, {641, 479}};
    int tighter = 0;
    for (int[] size : sizes) {
      int w = size[0];
      int h = size[1];
      for (int kind = 0; kind < 5; kind++) {
        GrayImage a = image(w, h, kind, random);
        for (int variant = 0; variant < 6; variant++) {
          GrayImage b =
              switch (variant) {
                case 0 -> a;
                case 1 -> perturbed(a, 0.1, 60, random);
                case 2 -> perturbed(a, 1.0, 40, random);
                case 3 -> perturbed(a, 0.5, 255, random);
                case 4 -> image(w, h, (kind + 1) % 5, random);
                default -> image(w, h, 0, random);
              };
          BlockSignature sa = BlockSignature.of(a);
          BlockSignature sb = BlockSignature.of(b);
          TileHistograms ha = TileHistograms.of(a);
          TileHistograms hb = TileHistograms.of(b);
          for (int t : THRESHOLDS) {
            int[][] areas = {{0, 0, w, h}, {w / 20, h / 10, w - w / 20, h}, {5, 7, w - 3, h - 2}};
            for (int[] r : areas) {
              long truth = changed(a, b, t, r[0], r[1], r[2], r[3], 16);
              long sums = sa.changedAtLeast(sb, t, r[0], r[1], r[2], r[3]);
              long both = sa.changedAtLeast(sb, ha, hb, t, r[0], r[1], r[2], r[3], Long.MAX_VALUE);
              String label = w + "x" + h + " kind " + kind + " variant " + variant + " t " + t;
              assertTrue(both <= truth, label + ": bound " + both + " > changed " + truth);
              assertTrue(both >= sums, label + ": " + both + " below the sums' " + sums);
              tighter += both > sums ? 1 : 0;
              // Stopping early still says "more than the limit" exactly when the whole bound does.
              long limit = truth / 2;
              long stopped = sa.changedAtLeast(sb, ha, hb, t, r[0], r[1], r[2], r[3], limit);
              assertEquals(both > limit, stopped > limit, label + " stopping above " + limit);
            }
          }
        }
      }
    }
    assertTrue(tighter > 100, "the histograms proved more than the sums in " + tighter + " cases");
  }

  @Test
  void a_flat_tile_against_a_two_level_one_of_the_same_mean_is_all_changed() {
    // Sums equal (mean 128 both), so the sums prove nothing; every pixel differs by 100 > 45.
    byte[] flat = new byte[256];
    Arrays.fill(flat, (byte) 128);
    byte[] stripes = new byte[256];
    for (int i = 0; i < 256; i++) {
      stripes[i] = (byte) (i % 2 == 0 ? 28 : 228);
    }
    GrayImage a = new GrayImage(16, 16, flat);
    GrayImage b = new GrayImage(16, 16, stripes);
    BlockSignature sa = BlockSignature.of(a);
    BlockSignature sb = BlockSignature.of(b);
    assertEquals(0, sa.changedAtLeast(sb, 45, 0, 0, 16, 16));
    // Bins: 128 is bin 4, 28 bin 0, 228 bin 7; at t = 45 bins reach 2 apart: nothing matches.
    assertEquals(
        256,
        sa.changedAtLeast(
            sb, TileHistograms.of(a), TileHistograms.of(b), 45, 0, 0, 16, 16, Long.MAX_VALUE));
    assertEquals(256, changed(a, b, 45, 0, 0, 16, 16, 16));
  }

  @Test
  void the_greedy_matching_is_a_largest_one() {
    Random random = new Random(11);
    for (int round = 0; round < 3000; round++) {
      int bins = 1 + random.nextInt(8);
      int reach = random.nextInt(bins);
      int[] a = new int[bins];
      int[] b = new int[bins];
      for (int i = 0; i < bins; i++) {
        a[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(5);
        b[i] = random.nextInt(4) == 0 ? 0 : random.nextInt(5);
      }
      int expected = augmenting(a, b, reach);
      assertEquals(
          expected,
          TileHistograms.largestMatching(a.clone(), b.clone(), reach),
          Arrays.toString(a) + " " + Arrays.toString(b) + " reach " + reach);
    }
  }

  /** Largest matching by augmenting paths over the units themselves (Kuhn's algorithm). */
  private static int augmenting(int[] a, int[] b, int reach) {
    int[] binOfA = units(a);
    int[] binOfB = units(b);
    int[] matchOfB = new int[binOfB.length];
    Arrays.fill(matchOfB, -1);
    int size = 0;
    for (int u = 0; u < binOfA.length; u++) {
      if (augment(u, binOfA, binOfB, matchOfB, new boolean[binOfB.length], reach)) {
        size++;
      }
    }
    return size;
  }

  private static boolean augment(
      int u, int[] binOfA, int[] binOfB, int[] matchOfB, boolean[] seen, int reach) {
    for (int v = 0; v < binOfB.length; v++) {
      if (!seen[v] && Math.abs(binOfA[u] - binOfB[v]) <= reach) {
        seen[v] = true;
        if (matchOfB[v] < 0 || augment(matchOfB[v], binOfA, binOfB, matchOfB, seen, reach)) {
          matchOfB[v] = u;
          return true;
        }
      }
    }
    return false;
  }

  private static int[] units(int[] counts) {
    int[] out = new int[Arrays.stream(counts).sum()];
    int k = 0;
    for (int bin = 0; bin < counts.length; bin++) {
      for (int c = 0; c < counts[bin]; c++) {
        out[k++] = bin;
      }
    }
    return out;
  }

  @Test
  void a_tile_of_256_pixels_in_one_bin_is_read_back_whole() {
    byte[] px = new byte[16 * 16];
    Arrays.fill(px, (byte) 10);
    GrayImage a = new GrayImage(16, 16, px);
    byte[] other = px.clone();
    Arrays.fill(other, 0, 100, (byte) 250);
    GrayImage b = new GrayImage(16, 16, other);
    // 156 pixels of b stay in a's bin; the 100 at 250 differ by 240.
    assertEquals(
        100,
        BlockSignature.of(a)
            .changedAtLeast(
                BlockSignature.of(b),
                TileHistograms.of(a),
                TileHistograms.of(b),
                45,
                0,
                0,
                16,
                16,
                Long.MAX_VALUE));
  }

  @Test
  void grids_of_larger_tiles_have_no_histograms_and_other_grids_are_refused() {
    assertNull(TileHistograms.of(new GrayImage(1100, 1100, new byte[1100 * 1100])));
    GrayImage a = new GrayImage(32, 32, new byte[32 * 32]);
    GrayImage b = new GrayImage(32, 16, new byte[32 * 16]);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            BlockSignature.of(a)
                .changedAtLeast(
                    BlockSignature.of(a),
                    TileHistograms.of(a),
                    TileHistograms.of(b),
                    45,
                    0,
                    0,
                    32,
                    32,
                    Long.MAX_VALUE));
  }
}
