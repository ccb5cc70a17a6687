package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentBox;
import dev.neardup.image.ContentHashes;
import dev.neardup.image.GrayHistogram;
import dev.neardup.image.GrayImage;
import dev.neardup.image.PerceptualHash;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.verify.BorderMask;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.Verifiers;
import dev.neardup.verify.VerifyMode;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The kept images' indexes against brute force on seeded values: {@link KeptImages#unpruned} gives
 * exactly the kept images whose pair {@link Verifier#cannotPass} does not prune, {@link
 * KeptImages#proposable} at least those {@link GeometricProposal#proposes} proposes (and exactly
 * them but the images with a content box), and {@link RangeTree} and {@link HashIndex} exactly
 * their scans. The values are clustered (variants of a few base images), so that both sides of
 * every bound are met.
 */
class SearchIndexesTest {

  @Test
  void the_range_tree_finds_exactly_the_points_a_scan_finds() {
    Random rnd = new Random(11);
    for (int round = 0; round < 20; round++) {
      int dims = 1 + rnd.nextInt(16);
      RangeTree tree = new RangeTree(dims);
      List<double[]> points = new ArrayList<>();
      double[][] centres = new double[5][dims];
      for (double[] c : centres) {
        for (int j = 0; j < dims; j++) {
          c[j] = rnd.nextInt(1000);
        }
      }
      int n = 50 + rnd.nextInt(2000);
      for (int i = 0; i < n; i++) {
        double[] c = centres[rnd.nextInt(centres.length)];
        double[] p = new double[dims];
        boolean sorted = round % 4 == 0; // arriving in order: the tree must rebalance
        for (int j = 0; j < dims; j++) {
          p[j] = sorted ? i + j : c[j] + rnd.nextInt(100) * (rnd.nextBoolean() ? 1 : 0);
        }
        points.add(p);
        tree.add(i, p);
      }
      for (int k = 0; k < 30; k++) {
        double[] q = points.get(rnd.nextInt(n)).clone();
        double[] dead = new double[dims];
        for (int j = 0; j < dims; j++) {
          q[j] += rnd.nextInt(60) - 30;
          dead[j] = rnd.nextInt(3) == 0 ? rnd.nextInt(40) : 0;
        }
        double radius = rnd.nextInt(400);
        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < n; i++) {
          if (RangeTree.distance(q, points.get(i), dead) <= radius) {
            expected.add(i);
          }
        }
        TreeSet<Integer> found = new TreeSet<>();
        tree.query(q, dead, radius, (id, d) -> assertTrue(found.add(id), "reported twice"));
        assertEquals(expected, found);
      }
    }
  }

  @Test
  void multi_index_hashing_finds_exactly_the_hashes_within_the_radius() {
    Random rnd = new Random(5);
    for (int round = 0; round < 10; round++) {
      HashIndex index = new HashIndex();
      List<Long> hashes = new ArrayList<>();
      long[] bases = {rnd.nextLong(), rnd.nextLong(), rnd.nextLong()};
      int n = 20 + rnd.nextInt(3000);
      for (int i = 0; i < n; i++) {
        long h = rnd.nextInt(3) == 0 ? rnd.nextLong() : flip(bases[rnd.nextInt(3)], rnd, 20);
        hashes.add(h);
        assertEquals(i, index.add(h));
      }
      for (int k = 0; k < 40; k++) {
        long q = flip(hashes.get(rnd.nextInt(n)), rnd, 12);
        int radius = rnd.nextInt(24);
        TreeSet<Integer> expected = new TreeSet<>();
        for (int i = 0; i < n; i++) {
          if (PerceptualHash.hamming(q, hashes.get(i)) <= radius) {
            expected.add(i);
          }
        }
        TreeSet<Integer> found = new TreeSet<>();
        index.query(q, radius, id -> assertTrue(found.add(id), "reported twice"));
        assertEquals(expected, found, "radius " + radius);
      }
    }
  }

  @Test
  void the_signature_index_gives_exactly_the_pairs_cannot_pass_does_not_prune() {
    Random rnd = new Random(3);
    int[][] grids = {{64, 48}, {48, 64}, {96, 72}, {64, 49}, {12, 40}, {200, 150}};
    for (int round = 0; round < 12; round++) {
      BorderMask mask =
          switch (round % 3) {
            case 0 -> BorderMask.DEFAULT;
            case 1 -> BorderMask.NONE;
            default -> new BorderMask(rnd.nextInt(20), rnd.nextInt(20), rnd.nextInt(20), 3);
          };
      double[] fractions = {0.002, 0.01, 0.05, 0.2};
      int[] thresholds = {10, 45, 120};
      PixelDiffParams params =
          PixelDiffParams.defaults()
              .withMask(mask)
              .withFraction(fractions[rnd.nextInt(fractions.length)]);
      params =
          new PixelDiffParams(
              params.blurKernels(),
              params.mask(),
              thresholds[rnd.nextInt(thresholds.length)],
              params.dilateIterations(),
              params.minContourArea(),
              params.fraction(),
              params.aspectTolerance());
      Verifier verifier =
          Verifiers.create(round % 2 == 0 ? VerifyMode.PIXEL : VerifyMode.ALIGNED, params);
      Values values = new Values();
      List<GrayImage> bases = new ArrayList<>();
      for (int[] g : grids) {
        for (int b = 0; b < 3; b++) {
          bases.add(smooth(g[0], g[1], rnd));
        }
      }
      KeptImages kept = new KeptImages(2000);
      int n = 300 + rnd.nextInt(400);
      for (int doc = 0; doc < n; doc++) {
        GrayImage img = edited(bases.get(rnd.nextInt(bases.size())), rnd);
        values.add(doc, BlockSignature.of(img), null, null, null);
        kept.add(doc, record(doc, img, rnd));
        if (rnd.nextInt(50) == 0) {
          check(kept, values, verifier, img, rnd); // the index takes in images as they arrive
        }
      }
      for (int k = 0; k < 40; k++) {
        GrayImage probe = edited(bases.get(rnd.nextInt(bases.size())), rnd);
        check(kept, values, verifier, probe, rnd);
      }
    }
  }

  @Test
  void the_geometric_index_reaches_every_pair_the_proposal_proposes() {
    Random rnd = new Random(8);
    for (int round = 0; round < 6; round++) {
      int maxHamming = new int[] {0, 3, 10, 17}[round % 4];
      Values values = new Values();
      KeptImages kept = new KeptImages(5000);
      long[][] bases = new long[6][];
      float[][] hists = new float[6][];
      for (int b = 0; b < bases.length; b++) {
        bases[b] = randomVariants(rnd);
        hists[b] = randomHistogram(rnd);
      }
      int n = 400 + rnd.nextInt(600);
      int probes = 60;
      for (int doc = 0; doc < n + probes; doc++) {
        int b = rnd.nextInt(bases.length);
        long[] v = new long[PerceptualHash.VARIANTS];
        for (int i = 0; i < v.length; i++) {
          v[i] = rnd.nextInt(4) == 0 ? rnd.nextLong() : flip(bases[b][i], rnd, 14);
        }
        float[] h = rnd.nextInt(3) == 0 ? randomHistogram(rnd) : jitter(hists[b], rnd);
        ContentHashes c =
            rnd.nextInt(15) == 0
                ? new ContentHashes(new ContentBox(2, 3, 40, 30), randomVariants(rnd), h.clone())
                : ContentHashes.NONE;
        values.add(doc, null, v, h, c);
        if (doc < n) {
          kept.add(doc, record(doc, null, rnd));
        }
      }
      IndexSnapshot snapshot = values.snapshot();
      int missed = 0;
      for (int doc = n; doc < n + probes; doc++) {
        GeometricProposal p = new GeometricProposal(snapshot, maxHamming, doc, null, null);
        TreeSet<Integer> reached = new TreeSet<>();
        kept.proposable(
            snapshot,
            p.variants(),
            p.histogram(),
            p.content(),
            maxHamming,
            e -> reached.add(e.doc));
        TreeSet<Integer> expected = new TreeSet<>();
        TreeSet<Integer> expectedOrBoxed = new TreeSet<>();
        for (KeptImages.Entry e : kept.all()) {
          if (p.proposes(e)) {
            expected.add(e.doc);
          }
          if (p.proposes(e) || e.content(snapshot).trimmed()) {
            expectedOrBoxed.add(e.doc);
          }
        }
        assertTrue(reached.containsAll(expected), "missed " + diff(expected, reached));
        assertEquals(expectedOrBoxed, reached);
        missed += n - reached.size();
      }
      assertTrue(missed > 0, "the index left nothing out: the values are not clustered enough");
    }
  }

  private static void check(
      KeptImages kept, Values values, Verifier verifier, GrayImage probe, Random rnd) {
    BlockSignature mine = BlockSignature.of(probe);
    long pixels = pixelsOf(probe, rnd);
    IndexSnapshot snapshot = values.snapshot();
    // Half the probes bring their pixels: smaller grids are then searched through the probe's
    // approximate sums and resized copies, which the oracle asks of every kept image one by one.
    boolean withPixels = rnd.nextBoolean();
    TreeSet<Integer> found = new TreeSet<>();
    kept.unpruned(
        snapshot,
        verifier,
        mine,
        pixels,
        withPixels ? new ResizedProbe(() -> probe) : ResizedProbe.none(),
        e -> assertTrue(found.add(e.doc)));
    ResizedProbe oracle = withPixels ? new ResizedProbe(() -> probe) : ResizedProbe.none();
    TreeSet<Integer> expected = new TreeSet<>();
    for (KeptImages.Entry e : kept.all()) {
      long reference = Math.min(pixels, e.record.pixels());
      if (!oracle.fails(verifier, e.signature(snapshot), mine, reference)) {
        expected.add(e.doc);
      }
    }
    assertEquals(expected, found, withPixels ? "with the probe's pixels" : "signatures only");
  }

  /** The values of fake documents, served by a fake snapshot. */
  private static final class Values {
    final List<Object[]> byDoc = new ArrayList<>();

    void add(int doc, BlockSignature s, long[] v, float[] h, ContentHashes c) {
      while (byDoc.size() <= doc) {
        byDoc.add(null);
      }
      byDoc.set(doc, new Object[] {s, v, h, c});
    }

    IndexSnapshot snapshot() {
      return (IndexSnapshot)
          Proxy.newProxyInstance(
              IndexSnapshot.class.getClassLoader(),
              new Class<?>[] {IndexSnapshot.class},
              (proxy, method, args) -> {
                Object[] v = byDoc.get((Integer) args[0]);
                return switch (method.getName()) {
                  case "signature" -> v[0];
                  case "phashVariants" -> v[1];
                  case "histogram" -> v[2];
                  case "contentHashes" -> v[3];
                  default -> throw new UnsupportedOperationException(method.getName());
                };
              });
    }
  }

  private static ImageRecord record(int doc, GrayImage img, Random rnd) {
    long pixels = img == null ? 307_200 : pixelsOf(img, rnd);
    int w = (int) Math.sqrt(pixels);
    int h = (int) (pixels / w);
    // width × height is the original size: only its pixel count matters here
    return new ImageRecord(
        "/p/" + doc + ".jpg",
        "sha" + doc,
        1,
        0,
        "jpeg",
        w,
        h,
        null,
        Long.MIN_VALUE,
        null,
        0,
        null,
        null);
  }

  /** A few original sizes per stored size: the reference min(pixels) varies between pairs. */
  private static long pixelsOf(GrayImage img, Random rnd) {
    long stored = (long) img.width() * img.height();
    long[] scale = {1, 1, 4, 9, 16};
    long p = stored * scale[rnd.nextInt(scale.length)];
    return p; // originals of w × h exactly: ImageRecord.pixels() of record() is close to it
  }

  private static GrayImage smooth(int w, int h, Random rnd) {
    byte[] px = new byte[w * h];
    double a = rnd.nextDouble() * 0.2;
    double b = rnd.nextDouble() * 0.2;
    int base = rnd.nextInt(200);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = base + (int) (40 * Math.sin(a * x) + 40 * Math.cos(b * y));
        px[y * w + x] = (byte) Math.max(0, Math.min(255, v));
      }
    }
    return new GrayImage(w, h, px);
  }

  private static GrayImage edited(GrayImage g, Random rnd) {
    byte[] px = g.pixels().clone();
    int kind = rnd.nextInt(4);
    int offset = kind == 0 ? 0 : rnd.nextInt(120) - 60;
    int noise = kind == 3 ? 60 : 8;
    int patchX = rnd.nextInt(g.width());
    int patchY = rnd.nextInt(g.height());
    int patch = kind == 2 ? rnd.nextInt(g.width()) : 0;
    for (int y = 0; y < g.height(); y++) {
      for (int x = 0; x < g.width(); x++) {
        int i = y * g.width() + x;
        int v = (px[i] & 0xff) + offset + rnd.nextInt(2 * noise + 1) - noise;
        if (Math.abs(x - patchX) < patch && Math.abs(y - patchY) < patch) {
          v = 255 - v;
        }
        px[i] = (byte) Math.max(0, Math.min(255, v));
      }
    }
    return new GrayImage(g.width(), g.height(), px);
  }

  private static long[] randomVariants(Random rnd) {
    long[] v = new long[PerceptualHash.VARIANTS];
    for (int i = 0; i < v.length; i++) {
      v[i] = rnd.nextLong();
    }
    return v;
  }

  private static float[] randomHistogram(Random rnd) {
    float[] h = new float[GrayHistogram.BINS];
    double sum = 0;
    double[] raw = new double[h.length];
    for (int i = 0; i < h.length; i++) {
      raw[i] = rnd.nextDouble() * rnd.nextDouble();
      sum += raw[i];
    }
    for (int i = 0; i < h.length; i++) {
      h[i] = (float) (raw[i] / sum);
    }
    return h;
  }

  private static float[] jitter(float[] h, Random rnd) {
    float[] out = new float[h.length];
    for (int i = 0; i < h.length; i++) {
      out[i] = Math.max(0, h[i] + (float) (rnd.nextGaussian() * 0.012));
    }
    return out;
  }

  private static long flip(long h, Random rnd, int most) {
    int bits = rnd.nextInt(most + 1);
    for (int i = 0; i < bits; i++) {
      h ^= 1L << rnd.nextInt(64);
    }
    return h;
  }

  private static TreeSet<Integer> diff(TreeSet<Integer> a, TreeSet<Integer> b) {
    TreeSet<Integer> d = new TreeSet<>(a);
    d.removeAll(b);
    return d;
  }
}
