package dev.neardup.index.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestCluster;
import dev.neardup.bench.SolrQueryBenchmark;
import dev.neardup.config.CacheBudget;
import dev.neardup.index.DocFilter;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Neighbor;
import dev.neardup.index.Origin;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kept flag ({@link SolrKeptFlag}): a k-NN among more kept images than the id-list limit
 * (lowered here from 20,000 to 50) is pre-filtered with {@code kept:TOKEN} and returns exactly the
 * nearest kept images; images kept since the last flush are found by id; in-place updates leave the
 * vectors searchable; and when another kept set overwrites the flags, the search notices and still
 * answers exactly, without the flag.
 */
class SolrKeptFlagTest {
  private static final int DIM = 16;
  private static final int IMAGES = 400;
  private static TestCluster solr;
  private static SolrImageIndex index;
  private static final List<float[]> VECTORS = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    solr = TestCluster.start("kept", DIM);
    String collection = solr.newCollection("kept", 2, 1);
    index =
        SolrImageIndex.open(
            solr.base(),
            collection,
            solr.home().resolve("local"),
            new IndexSettings("tiny", DIM, "none", 160),
            CacheBudget.defaults(),
            false,
            false);
    Random r = new Random(7);
    for (int i = 0; i < IMAGES; i++) {
      float[] v = new float[DIM];
      double n = 0;
      for (int j = 0; j < DIM; j++) {
        v[j] = (float) r.nextGaussian();
        n += v[j] * v[j];
      }
      for (int j = 0; j < DIM; j++) {
        v[j] /= (float) Math.sqrt(n);
      }
      VECTORS.add(v);
      index.put(SolrQueryBenchmark.record(i, v), Origin.UNKNOWN);
    }
    index.commit();
  }

  @AfterAll
  static void stop() throws Exception {
    if (index != null) {
      index.close();
    }
    if (solr != null) {
      solr.close();
    }
  }

  /** The k nearest doc ids among {@code allowed} by exact cosine, as the index orders them. */
  private static List<Integer> exact(SolrSnapshot s, float[] q, int k, DocFilter allowed) {
    List<Neighbor> all = new ArrayList<>();
    for (IndexedImage img : s.images(p -> true)) {
      if (allowed.contains(img.docId())) {
        float[] v = VECTORS.get(pathIndex(img));
        double dot = 0;
        for (int j = 0; j < DIM; j++) {
          dot += q[j] * v[j];
        }
        all.add(new Neighbor(img.docId(), (float) dot));
      }
    }
    all.sort(
        Comparator.comparingDouble((Neighbor n) -> -n.cosine()).thenComparingInt(Neighbor::docId));
    return all.subList(0, Math.min(k, all.size())).stream().map(Neighbor::docId).toList();
  }

  private static List<Integer> ids(List<Neighbor> hits) {
    return hits.stream().map(Neighbor::docId).toList();
  }

  private static void assertExact(SolrSnapshot s, DocFilter kept, String when) {
    Random r = new Random(11);
    for (int t = 0; t < 15; t++) {
      float[] q = VECTORS.get(r.nextInt(IMAGES));
      List<Neighbor> hits = s.nearestAmong(q, 10, kept);
      for (Neighbor n : hits) {
        assertTrue(kept.contains(n.docId()), when + ": doc " + n.docId() + " is not kept");
      }
      assertEquals(exact(s, q, 10, kept), ids(hits), when + ": query " + t);
    }
  }

  @Test
  void a_knn_among_more_kept_images_than_the_id_limit_returns_exactly_the_nearest_kept_ones()
      throws Exception {
    try (SolrSnapshot s = (SolrSnapshot) index.snapshot()) {
      s.termsLimit(50);
      List<IndexedImage> images = s.images(p -> true);
      assertEquals(IMAGES, images.size());
      DocFilter kept = new DocFilter(s.maxDoc());
      for (int i = 0; i < images.size(); i += 3) {
        kept.add(images.get(i).docId());
      }
      assertExact(s, kept, "134 kept, flagged");
      SolrKeptFlag flag = s.flag(kept);
      assertNotNull(flag, "past the id limit the flag is used");
      assertTrue(flag.usable());
      assertEquals(kept.cardinality(), flag.flagged());
      assertEquals(1, flag.flushes());

      // In-place updates left every vector in the graph: each flagged image is its own nearest.
      for (int i = 0; i < images.size(); i += 30) {
        int doc = images.get(i).docId();
        assertEquals(doc, s.nearest(VECTORS.get(pathIndex(images.get(i))), 1).get(0).docId());
      }

      // Kept since the flush: found by id, not flagged yet.
      for (int i = 1; i < 40; i += 3) {
        kept.add(images.get(i).docId());
      }
      assertExact(s, kept, "147 kept, 13 by id");
      for (int i = 1; i < 40; i += 3) {
        int doc = images.get(i).docId();
        assertEquals(
            doc,
            s.nearestAmong(VECTORS.get(pathIndex(images.get(i))), 1, kept).get(0).docId(),
            "a just-kept image is found");
      }
      assertEquals(1, flag.flushes(), "13 new ones stay an id list");
      assertTrue(flag.usable());

      // Another kept set flags the same images with its own token: this one notices at its next
      // search and answers without the flag, still exactly.
      try (SolrSnapshot other = (SolrSnapshot) index.snapshot()) {
        other.termsLimit(50);
        DocFilter theirs = new DocFilter(other.maxDoc());
        for (int i = 0; i < images.size(); i += 2) {
          theirs.add(images.get(i).docId());
        }
        assertExact(other, theirs, "another set of 200");
        assertTrue(other.flag(theirs).usable());
      }
      assertExact(s, kept, "after the flags were overwritten");
      assertFalse(flag.usable(), "the overwritten flag is given up");
    }
  }

  @Test
  void with_every_image_kept_nothing_is_flagged_and_the_search_is_the_unfiltered_one()
      throws Exception {
    try (SolrSnapshot s = (SolrSnapshot) index.snapshot()) {
      s.termsLimit(50);
      DocFilter every = new DocFilter(s.maxDoc());
      for (IndexedImage img : s.images(p -> true)) {
        every.add(img.docId());
      }
      float[] q = VECTORS.get(5);
      assertEquals(ids(s.nearest(q, 10)), ids(s.nearestAmong(q, 10, every)));
      assertEquals(null, s.flag(every), "serve's kept set (every image) is never flagged");
    }
  }

  private static int pathIndex(IndexedImage img) {
    return Integer.parseInt(img.record().path().replaceAll("\\D", ""));
  }
}
