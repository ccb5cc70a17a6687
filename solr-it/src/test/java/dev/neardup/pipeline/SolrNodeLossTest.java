package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestCluster;
import dev.neardup.TestData;
import dev.neardup.index.FileState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node of a 2-node SolrCloud stops in the middle of an upload burst, on a collection with 2
 * shards of 2 replicas (one of each shard on each node): every upload that was acknowledged as
 * unique is still in the collection afterwards, read through the surviving node. (Its own cluster:
 * it stops a node.)
 */
class SolrNodeLossTest {
  private static TestCluster solr;
  private static Path home;

  @BeforeAll
  static void startCluster() throws Exception {
    solr = TestCluster.start("nodeloss", 2048);
    home = solr.home();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  @Test
  void a_node_stopped_mid_ingest_loses_no_acknowledged_upload() throws Exception {
    Path index = solr.setting(solr.newCollection("nodeloss", 2, 2));
    List<Path> images = new ArrayList<>();
    for (int i = 100; i < 130; i++) {
      images.add(TestData.shared(String.format("ukbench/ukbench%05d.jpg", i)));
    }
    List<String> acknowledged = new ArrayList<>();
    int failed = 0;
    CountDownLatch someDone = new CountDownLatch(8);
    AtomicInteger acks = new AtomicInteger();
    AtomicInteger acksWhenStopped = new AtomicInteger(-1);
    try (Engine e = Engine.open(SolrMachinesTest.config(index))) {
      Ingestor ingestor = new Ingestor(e, home.resolve("storage"), null);
      CompletableFuture<Void> stop =
          CompletableFuture.runAsync(
              () -> {
                try {
                  someDone.await();
                  solr.cluster().stopJettySolrRunner(1);
                  acksWhenStopped.set(acks.get());
                } catch (Exception x) {
                  throw new RuntimeException(x);
                }
              });
      for (Path image : images) {
        try {
          IngestResult r = SolrMachinesTest.upload(ingestor, image);
          if (r.status() == IngestResult.Status.UNIQUE) {
            acknowledged.add(r.image().path());
            acks.incrementAndGet();
          }
        } catch (java.io.IOException x) {
          failed++; // not acknowledged: the client would retry
        }
        someDone.countDown();
      }
      stop.get(60, TimeUnit.SECONDS);
    }
    int before = acksWhenStopped.get();
    assertTrue(
        before >= 0 && before < acknowledged.size(),
        "uploads were acknowledged after the node had stopped too: "
            + before
            + " before, "
            + acknowledged.size()
            + " in all");
    try (Engine after = Engine.open(SolrMachinesTest.config(index))) {
      Map<String, FileState> present = after.index().fileStates(p -> true);
      for (String p : acknowledged) {
        assertTrue(present.containsKey(p), "acknowledged " + p + " is in the collection");
      }
      System.out.printf(
          "node loss: %d acknowledged (%d before the node had stopped), %d failed, %d in the"
              + " collection%n",
          acknowledged.size(), before, failed, present.size());
    }
  }
}
