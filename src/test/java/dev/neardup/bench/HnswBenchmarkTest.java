package dev.neardup.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.Test;

/** The benchmark's data and its exact-scan scoring; no timing is asserted. */
class HnswBenchmarkTest {
  @Test
  void structured_vectors_are_unit_length_and_the_same_for_a_seed() {
    StructuredVectors a = new StructuredVectors(64, 10, 0.6, 7);
    StructuredVectors b = new StructuredVectors(64, 10, 0.6, 7);
    assertArrayEquals(a.vector(123), b.vector(123));
    assertArrayEquals(a.query(3), b.query(3));
    assertFalse(
        java.util.Arrays.equals(a.vector(123), new StructuredVectors(64, 10, 0.6, 8).vector(123)));
    assertEquals(1.0, VectorUtil.dotProduct(a.vector(5), a.vector(5)), 1e-5);
    // Same cluster (i mod 10) is much closer than another cluster: the data has structure.
    double same = VectorUtil.dotProduct(a.vector(1), a.vector(11));
    double other = VectorUtil.dotProduct(a.vector(1), a.vector(2));
    assertTrue(same > other + 0.3, "same " + same + ", other " + other);
  }

  @Test
  void hnsw_recall_against_the_exact_scan_is_high_on_a_small_seeded_set() throws Exception {
    HnswBenchmark.Result r =
        HnswBenchmark.run(new HnswBenchmark.Spec(2000, 64, false, 16, 100, 20, List.of(10, 50), 1));
    assertEquals(1, r.segments());
    assertEquals(2, r.searches().size());
    HnswBenchmark.Search wide = r.searches().get(1);
    assertEquals(50, wide.width());
    assertTrue(wide.recallAt10() >= 0.9, "recall@10 " + wide.recallAt10());
    assertTrue(wide.recallAt10() >= r.searches().get(0).recallAt10());
    assertTrue(r.diskBytes() > 2000L * 64 * 4, "the raw vectors alone take 512 kB");
  }

  @Test
  void a_quantized_graph_is_also_searched_with_full_precision_rescoring() throws Exception {
    HnswBenchmark.Result r =
        HnswBenchmark.run(new HnswBenchmark.Spec(500, 64, true, 16, 100, 5, List.of(20), 1));
    assertEquals(2, r.searches().size());
    assertFalse(r.searches().get(0).rescored());
    assertTrue(r.searches().get(1).rescored());
  }
}
