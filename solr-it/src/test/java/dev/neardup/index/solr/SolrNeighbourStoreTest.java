package dev.neardup.index.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neardup.TestCluster;
import dev.neardup.group.Partition;
import dev.neardup.group.PartitionResult;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.neighbours.MissingPartitionsException;
import dev.neardup.neighbours.TwoPhaseStoreTest;
import dev.neardup.report.Reports;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link SolrNeighbourStore}: phase 1 results kept in the collection read back whole, in chunks;
 * writing a partition again replaces it and leaves none of the earlier chunks; missing partitions
 * are named; two names on one collection are two sets of results.
 */
class SolrNeighbourStoreTest {
  private static TestCluster solr;
  private static String collection;

  @BeforeAll
  static void start() throws Exception {
    solr = TestCluster.start("neighbours", 2048);
    collection = solr.newCollection("neighbours", 2, 1);
    // Opening the collection once adds the fields a store writes (as phase 1's engine does).
    IndexLocation.parse(solr.setting(collection).toString())
        .open(
            new IndexSettings(IndexSettings.NO_MODEL, 0, "none", 160),
            IndexOptions.defaults(),
            false)
        .close();
  }

  @AfterAll
  static void stop() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  private static SolrNeighbourStore store(String name, int chunkBytes) {
    return new SolrNeighbourStore(solr.base(), collection, name, chunkBytes);
  }

  private static String json(PartitionResult r) throws Exception {
    return Reports.JSON.writeValueAsString(r);
  }

  private static long chunks(String name) throws Exception {
    ObjectNode body = SolrHttp.JSON.createObjectNode();
    body.put(
        "query",
        "+kind:"
            + SolrNeighbourStore.KIND_CHUNK
            + " +"
            + SolrNeighbourStore.SET
            + ":"
            + SolrNeighbourStore.escape(name));
    body.put("limit", 0);
    return new SolrHttp(solr.base(), Duration.ofSeconds(30))
        .post(collection + "/select?wt=json", body)
        .path("response")
        .path("numFound")
        .asLong();
  }

  @Test
  void results_in_many_small_chunks_read_back_as_written() throws Exception {
    SolrNeighbourStore store = store("chunked/run-1", 64);
    PartitionResult one = TwoPhaseStoreTest.result(new Partition(1, 2));
    PartitionResult two = TwoPhaseStoreTest.result(new Partition(2, 2));
    store.write(two);
    store.write(one);
    List<PartitionResult> read = store.readAll();
    assertEquals(2, read.size());
    assertEquals(json(one), json(read.get(0)));
    assertEquals(json(two), json(read.get(1)));
    long written = chunks("chunked/run-1");
    assertTrue(written > 4, "64-byte chunks: " + written);

    // Again: the same result, and exactly as many chunks (the earlier write's are deleted).
    store.write(one);
    assertEquals(json(one), json(store.readAll().get(0)));
    assertEquals(written, chunks("chunked/run-1"));
  }

  @Test
  void phase_two_names_the_missing_partitions_and_names_are_separate_sets() throws Exception {
    store("missing", SolrNeighbourStore.CHUNK_BYTES)
        .write(TwoPhaseStoreTest.result(new Partition(2, 3)));
    MissingPartitionsException e =
        assertThrows(
            MissingPartitionsException.class,
            () -> store("missing", SolrNeighbourStore.CHUNK_BYTES).readAll());
    assertEquals(List.of("part-1-of-3", "part-3-of-3"), e.missing());
    assertTrue(e.getMessage().contains("--neighbours missing"), e.getMessage());

    MissingPartitionsException none =
        assertThrows(
            MissingPartitionsException.class,
            () -> store("never-written", SolrNeighbourStore.CHUNK_BYTES).readAll());
    assertTrue(none.getMessage().contains("no phase 1 results named"), none.getMessage());
  }

  @Test
  void the_index_location_chooses_the_collection_for_a_collection() {
    assertTrue(
        IndexLocation.parse(solr.setting(collection).toString()).neighbours("run")
            instanceof SolrNeighbourStore);
    assertThrows(
        IllegalArgumentException.class,
        () -> IndexLocation.parse(solr.setting(collection).toString()).neighbours("a,b"));
  }
}
