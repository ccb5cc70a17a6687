package dev.neardup.bench;

import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.DocFilter;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Origin;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * k-NN latency of a SolrCloud collection at scale, with {@link StructuredVectors} (2048-d): fills
 * the collection up to {@code N} synthetic image documents (resuming from what it holds), then
 * times single k-NN queries one at a time, unfiltered and among kept images (all of them, and every
 * other one: past 20,000 ids the Solr snapshot filters with the kept flag), printing p50/p99 and
 * how long flagging the kept images took.
 *
 * <p>Usage: {@code java -cp 'target/neardup.jar:target/lib/*' dev.neardup.bench.SolrQueryBenchmark
 * solr://host:port/solr/COLLECTION N QUERIES THREADS}. The collection must have been made by {@code
 * neardup solr init} (2048-d).
 */
public final class SolrQueryBenchmark {
  private static final int DIM = 2048;
  private static final int K = 50;

  private SolrQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: SolrQueryBenchmark solr://HOST:PORT/solr/NAME N QUERIES THREADS");
      System.exit(2);
    }
    IndexLocation at = IndexLocation.parse(args[0]);
    int n = Integer.parseInt(args[1]);
    int queries = Integer.parseInt(args[2]);
    int threads = Integer.parseInt(args[3]);
    IndexSettings settings = new IndexSettings("bench-structured-2048", DIM, "none", 160);
    IndexOptions options = IndexOptions.defaults();
    StructuredVectors data = new StructuredVectors(DIM, 1000, 0.6, 42);

    int had;
    try (ImageIndex index = at.open(settings, options, false)) {
      had = index.documentCount();
    }
    if (had < n) {
      long t0 = System.nanoTime();
      AtomicLong next = new AtomicLong(had);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  try (ImageIndex index = at.open(settings, options, false)) {
                    for (long i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                      index.put(record(i, data.vector(i)), Origin.UNKNOWN);
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
      pool.shutdown();
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "loaded %d documents (%d to %d) in %.1f s with %d threads: %.0f docs/s%n",
          n - had,
          had,
          n,
          s,
          threads,
          (n - had) / s);
    }
    long listed = System.nanoTime();
    try (ImageIndex index = at.open(settings, options, false);
        IndexSnapshot snap = index.snapshot()) {
      List<IndexedImage> images = snap.images(p -> true);
      double s = (System.nanoTime() - listed) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%d images in the snapshot, listed in %.1f s (%.0f per second)%n",
          images.size(),
          s,
          images.size() / s);
      float[][] q = new float[queries][];
      for (int i = 0; i < queries; i++) {
        q[i] = data.query(i);
      }
      time("unfiltered k-NN", q, v -> snap.nearest(v, K));
      DocFilter all = new DocFilter(snap.maxDoc());
      DocFilter half = new DocFilter(snap.maxDoc());
      for (int i = 0; i < images.size(); i++) {
        all.add(images.get(i).docId());
        if (i % 2 == 0) {
          half.add(images.get(i).docId());
        }
      }
      for (DocFilter kept : List.of(all, half)) {
        long t0 = System.nanoTime();
        snap.nearestAmong(q[0], K, kept); // flags the kept images (past 20,000)
        System.out.printf(
            Locale.ROOT,
            "first k-NN among %d kept (past 20,000 ids: flags them first): %.1f s%n",
            kept.cardinality(),
            (System.nanoTime() - t0) / 1e9);
        time("k-NN among " + kept.cardinality() + " kept", q, v -> snap.nearestAmong(v, K, kept));
      }
    }
  }

  private interface Search {
    List<?> run(float[] query) throws Exception;
  }

  private static void time(String what, float[][] queries, Search s) throws Exception {
    for (int i = 0; i < Math.min(20, queries.length); i++) {
      s.run(queries[i]); // warm-up
    }
    double[] ms = new double[queries.length];
    long hits = 0;
    for (int i = 0; i < queries.length; i++) {
      long t = System.nanoTime();
      hits += s.run(queries[i]).size();
      ms[i] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "%s, k=%d, %d queries one at a time: p50 %.1f ms, p99 %.1f ms, max %.1f ms (%.1f hits"
            + " each)%n",
        what,
        K,
        queries.length,
        ms[ms.length / 2],
        ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.99) - 1)],
        ms[ms.length - 1],
        hits / (double) queries.length);
  }

  /**
   * Image {@code i} of a benchmark collection: vector {@code v}, a 16×16 thumbnail with one bright
   * pixel, and a path whose digits are {@code i}.
   */
  public static ImageRecord record(long i, float[] v) {
    byte[] px = new byte[16 * 16];
    px[(int) (i % px.length)] = (byte) 200;
    GrayImage thumb = new GrayImage(16, 16, px);
    return new ImageRecord(
        String.format(Locale.ROOT, "/bench/v%08d.png", i),
        String.format(Locale.ROOT, "%064x", i),
        1000 + i,
        5000 + i,
        "PNG",
        64,
        64,
        null,
        Long.MIN_VALUE,
        v,
        0xABCDL + i,
        thumb,
        Signatures.of(thumb));
  }
}
