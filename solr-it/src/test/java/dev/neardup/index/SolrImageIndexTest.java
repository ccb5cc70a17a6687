package dev.neardup.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.neardup.TestCluster;
import dev.neardup.config.CacheBudget;
import dev.neardup.index.solr.SolrAdmin;
import dev.neardup.index.solr.SolrImageIndex;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link ImageIndexContract} against {@link SolrImageIndex} on a real 2-node SolrCloud
 * (embedded ZooKeeper), with a collection of 2 shards made from the shipped configset by {@link
 * SolrAdmin} (what {@code neardup solr init} runs). Every test gets a fresh collection.
 */
class SolrImageIndexTest extends ImageIndexContract {
  private static TestCluster solr;
  private static Path home;
  private static URI base;
  private String collection;

  @BeforeAll
  static void startCluster() throws Exception {
    solr = TestCluster.start("index", DIM);
    home = solr.home();
    base = solr.base();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  @Override
  protected ImageIndex open(IndexSettings settings, boolean rebuild, boolean storePixels)
      throws IOException {
    if (collection == null) {
      collection = solr.newCollection("images", 2, 1);
    }
    return SolrImageIndex.open(
        base,
        collection,
        home.resolve("local"),
        settings,
        CacheBudget.defaults(),
        storePixels,
        rebuild);
  }

  @Test
  void of_a_burst_of_identical_uploads_at_many_processes_exactly_one_claims_the_content()
      throws Exception {
    int writers = 8;
    List<SolrImageIndex> indexes = new ArrayList<>();
    for (int i = 0; i < writers; i++) {
      indexes.add((SolrImageIndex) open(NO_MODEL, false)); // one client per "machine"
    }
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> wins = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        SolrImageIndex index = indexes.get(i);
        String path = "/upload/" + i + ".jpg";
        Callable<Boolean> claim =
            () -> {
              go.await();
              return index.claimContent(claim("deadbeef", path));
            };
        wins.add(pool.submit(claim));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : wins) {
        won += f.get() ? 1 : 0;
      }
      assertEquals(1, won, "exactly one of the identical uploads is unique");
      indexes.get(0).releaseContent("deadbeef");
      assertEquals(true, indexes.get(1).claimContent(claim("deadbeef", "/upload/again.jpg")));
    } finally {
      pool.shutdownNow();
      for (SolrImageIndex i : indexes) {
        i.close();
      }
    }
  }

  @Test
  void a_collection_whose_vector_field_has_another_dimension_refuses_the_model()
      throws IOException {
    IndexSettings small = new IndexSettings("tiny", 8, "none", 160);
    org.junit.jupiter.api.Assertions.assertThrows(
        IndexMismatchException.class, () -> open(small, true).close());
  }
}
