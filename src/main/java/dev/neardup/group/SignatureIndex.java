package dev.neardup.group;

import dev.neardup.image.AreaSums;
import dev.neardup.image.BlockSignature;
import dev.neardup.verify.BorderMask;
import dev.neardup.verify.SignatureBound;
import dev.neardup.verify.Verifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The kept images' block signatures, indexed so that a probe finds every kept image that {@link
 * Verifier#cannotPass} does not prune without asking for each: a superset of them, which {@link
 * #query} then narrows with {@code cannotPass} itself, so its answer is exactly the kept images the
 * bound does not prune.
 *
 * <p><b>Why nothing that can pass is missed.</b> The verifier's {@link SignatureBound} says that a
 * same-grid pair provably fails when {@code ceil(excess / (255 − t)) > limit}, with {@code excess =
 * Σ_i max(0, |Δs_i| − t·n_i)} over the tiles {@code i} inside the unmasked area ({@code Δs_i} the
 * difference of the two tile sums, {@code n_i} the tile's pixels, {@code t} the threshold) and
 * {@code limit = changedLimit(w, h, reference)}; so a pair that may pass has {@code excess ≤ E :=
 * limit·(255 − t)}. Group those tiles into at most 4 × 4 rectangles {@code G}, with sums {@code
 * S_G} and pixels {@code N_G}. By the triangle inequality {@code |ΔS_G| ≤ Σ_{i∈G} |Δs_i| ≤ Σ_{i∈G}
 * (max(0, |Δs_i| − t·n_i) + t·n_i)}, hence {@code max(0, |ΔS_G| − t·N_G) ≤ Σ_{i∈G} max(0, |Δs_i| −
 * t·n_i)}, and summed over the groups (which share no tile) {@code Σ_G max(0, |ΔS_G| − t·N_G) ≤
 * excess}. So every pair that may pass lies within {@code E} of the probe in the dead-zone L1
 * distance of {@link RangeTree} over the group sums, with dead zones {@code t·N_G}; the tree
 * returns all of them. All values are integers below 2<sup>53</sup>: the doubles are exact.
 *
 * <p>The reference is the smaller original's pixel count, {@code min(probe, kept)}, so {@code E}
 * differs per kept image: each grid's tree is searched with the largest {@code E} of the original
 * sizes it holds (usually one), and its leaves then test each image with its own.
 *
 * <p>Signatures are bucketed by grid (width, height, block). A grid with fewer pixels than the
 * probe's is searched with the probe's signature at that size ({@link ResizedProbe}: the check
 * compares the probe resized to it, so the same bound holds). Where the grid is no wider and no
 * taller than the probe, the search first uses the probe's approximate sums there ({@link
 * ResizedProbe#approximateSums}, no resize), with each group's dead zone widened by its slack
 * {@code σ_G}: a resized group sum {@code S_G} and its approximation {@code S'_G} differ by at most
 * {@code σ_G}, so {@code max(0, |S'_G − K_G| − t·N_G − σ_G) ≤ max(0, |S_G − K_G| − t·N_G)} for any
 * kept sums {@code K_G}, and the widened search returns a superset of the exact one. Only the kept
 * images it returns are then tested on the resized probe itself. For any other grid the bound says
 * the answer depends on the grids alone, so one kept image of the bucket is asked for all. Without
 * a bound (a blur, a minimum contour area, {@code --verify none}) a same-grid bucket is passed
 * whole. The structure depends on the border mask only (which tiles are used); the threshold and
 * the limit come with each query, so one index serves every fraction. Not thread-safe ({@link
 * KeptImages} guards it).
 */
final class SignatureIndex {
  private static final int GROUPS = 4;

  private final BorderMask mask;
  private final Map<Grid, Bucket> buckets = new LinkedHashMap<>();

  /** Kept images whose signature could not be read: never pruned here. */
  private final List<KeptImages.Entry> unread = new ArrayList<>();

  SignatureIndex(BorderMask mask) {
    this.mask = mask;
  }

  BorderMask mask() {
    return mask;
  }

  /** Adds a kept image with its signature, or with null when that could not be read. */
  void add(KeptImages.Entry e, BlockSignature s) {
    if (s == null) {
      unread.add(e);
      return;
    }
    Grid g = new Grid(s.width(), s.height(), s.block());
    buckets.computeIfAbsent(g, k -> new Bucket(k, mask)).add(e, s);
  }

  /**
   * Passes to {@code out} every kept image whose pair with the probe {@code verifier} does not
   * prove failing ({@code cannotPass(kept, probe, min(pixels), false)} false or throwing), once
   * each, in no particular order.
   *
   * @param probe the probe's signature
   * @param probePixels the probe's original pixel count
   * @param signatureOf the kept image's signature (already read: cached by the entry)
   */
  void query(
      BlockSignature probe,
      long probePixels,
      Verifier verifier,
      ResizedProbe resized,
      Function<KeptImages.Entry, BlockSignature> signatureOf,
      Consumer<KeptImages.Entry> out) {
    unread.forEach(out);
    SignatureBound bound = verifier.signatureBound();
    Grid mine = new Grid(probe.width(), probe.height(), probe.block());
    for (Bucket b : buckets.values()) {
      Consumer<KeptImages.Entry> exact =
          e -> {
            if (!resized.fails(verifier, signatureOf.apply(e), probe, reference(probePixels, e))) {
              out.accept(e);
            }
          };
      // The probe in this bucket's grid: itself, or resized down to a smaller grid (ResizedProbe).
      boolean tree = bound != null && b.tree != null && bound.mask().equals(mask);
      if (tree && !b.grid.equals(mine)) {
        // A smaller grid: search with the probe's approximate sums there, widened by their slack,
        // and resize the probe only for the kept images that this does not rule out.
        double[] approximate = resized.approximateSums(signatureOf.apply(b.entries.get(0)), probe);
        if (approximate != null) {
          b.query(b.point(approximate), b.slack, probePixels, bound, exact);
          continue;
        }
      }
      BlockSignature at =
          b.grid.equals(mine) ? probe : resized.at(signatureOf.apply(b.entries.get(0)), probe);
      if (at == null) {
        KeptImages.Entry rep = b.entries.get(0);
        if (!fails(verifier, signatureOf.apply(rep), probe, reference(probePixels, rep))) {
          b.entries.forEach(out);
        }
        continue;
      }
      if (!tree) {
        b.entries.forEach(exact);
      } else {
        b.query(b.point(at.sums()), null, probePixels, bound, exact);
      }
    }
  }

  private static long reference(long probePixels, KeptImages.Entry e) {
    return Math.min(probePixels, e.record.pixels());
  }

  /** {@code cannotPass} as the candidate finder asks it; false (no proof) when it throws. */
  static boolean fails(Verifier v, BlockSignature kept, BlockSignature probe, long reference) {
    try {
      return v.cannotPass(kept, probe, reference, false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private record Grid(int width, int height, int block) {}

  /** The kept images of one grid. */
  private static final class Bucket {
    final Grid grid;
    final List<KeptImages.Entry> entries = new ArrayList<>();
    final TreeSet<Long> originals = new TreeSet<>();

    /** Tile index → group, or -1 for a tile outside the unmasked area. */
    final int[] groupOf;

    /** Pixels of each group. */
    final double[] groupPixels;

    /**
     * How far each group's sum of a probe's {@linkplain ResizedProbe#approximateSums approximate}
     * tile sums may lie from the resized probe's: the sum of its tiles' slacks.
     */
    final double[] slack;

    final RangeTree tree;

    Bucket(Grid g, BorderMask mask) {
      this.grid = g;
      int w = g.width;
      int h = g.height;
      int block = g.block;
      int tx = Math.ceilDiv(w, block);
      int ty = Math.ceilDiv(h, block);
      // The tiles BlockSignature.changedAtLeast uses: from ceil(x0 / block) on, while the tile
      // ends inside x1 (and the same for rows).
      int x0 = mask.leftPixels(w);
      int y0 = mask.topPixels(h);
      int x1 = w - mask.rightPixels(w);
      int y1 = h - mask.bottomPixels(h);
      int bx0 = Math.ceilDiv(x0, block);
      int by0 = Math.ceilDiv(y0, block);
      int bx1 = bx0;
      while (bx1 < tx && Math.min(w, (bx1 + 1) * block) <= x1) {
        bx1++;
      }
      int by1 = by0;
      while (by1 < ty && Math.min(h, (by1 + 1) * block) <= y1) {
        by1++;
      }
      int cols = bx1 - bx0;
      int rows = by1 - by0;
      groupOf = new int[tx * ty];
      java.util.Arrays.fill(groupOf, -1);
      if (cols <= 0 || rows <= 0) {
        groupPixels = new double[0];
        slack = new double[0];
        tree = null; // no tile is used: the bound is 0, nothing is pruned by sums
        return;
      }
      int gx = Math.min(GROUPS, cols);
      int gy = Math.min(GROUPS, rows);
      groupPixels = new double[gx * gy];
      slack = new double[gx * gy];
      for (int by = by0; by < by1; by++) {
        for (int bx = bx0; bx < bx1; bx++) {
          int group = ((by - by0) * gy / rows) * gx + (bx - bx0) * gx / cols;
          groupOf[by * tx + bx] = group;
          long n =
              (long) (Math.min(h, (by + 1) * block) - by * block)
                  * (Math.min(w, (bx + 1) * block) - bx * block);
          groupPixels[group] += n;
          slack[group] += AreaSums.slack(n);
        }
      }
      tree = new RangeTree(groupPixels.length);
    }

    void add(KeptImages.Entry e, BlockSignature s) {
      int id = entries.size();
      entries.add(e);
      originals.add(e.record.pixels());
      if (tree != null) {
        tree.add(id, point(s.sums()));
      }
    }

    /** The group sums of a grid's tile sums. */
    double[] point(int[] sums) {
      return point(java.util.Arrays.stream(sums).asDoubleStream().toArray());
    }

    /** The group sums of tile sums, exact or approximate. */
    double[] point(double[] sums) {
      double[] p = new double[groupPixels.length];
      for (int i = 0; i < sums.length; i++) {
        int g = groupOf[i];
        if (g >= 0) {
          p[g] += sums[i];
        }
      }
      return p;
    }

    /**
     * Passes to {@code out} every kept image within its allowed excess of {@code point}, a probe's
     * group sums; with {@code slack}, the dead zones widen by it (the point is approximate).
     */
    void query(
        double[] point,
        double[] slack,
        long probePixels,
        SignatureBound b,
        Consumer<KeptImages.Entry> out) {
      int t = b.threshold();
      double[] dead = new double[groupPixels.length];
      for (int j = 0; j < dead.length; j++) {
        dead[j] = t * groupPixels[j] + (slack == null ? 0 : slack[j]);
      }
      // The references min(probe, kept) this bucket's kept images give: their own pixel counts
      // below the probe's, and the probe's for every larger one.
      Map<Long, Double> radius = new java.util.HashMap<>();
      double widest = 0;
      for (long kp : originals.headSet(probePixels, false)) {
        widest = Math.max(widest, radius.computeIfAbsent(kp, r -> allowed(b, t, r)));
      }
      if (originals.ceiling(probePixels) != null) {
        widest = Math.max(widest, radius.computeIfAbsent(probePixels, r -> allowed(b, t, r)));
      }
      tree.query(
          point,
          dead,
          widest,
          (id, distance) -> {
            KeptImages.Entry e = entries.get(id);
            if (distance <= radius.get(Math.min(probePixels, e.record.pixels()))) {
              out.accept(e);
            }
          });
    }

    /** {@code E = limit·(255 − t)}: the most excess a pair at {@code reference} may have. */
    private double allowed(SignatureBound b, int t, long reference) {
      return (double) b.changedLimit(grid.width, grid.height, reference) * (255 - t);
    }
  }
}
