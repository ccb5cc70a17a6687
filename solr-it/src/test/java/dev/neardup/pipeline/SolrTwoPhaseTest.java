package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestCluster;
import dev.neardup.TestData;
import dev.neardup.group.Group;
import dev.neardup.group.Partition;
import dev.neardup.group.Scope;
import dev.neardup.index.IndexLocation;
import dev.neardup.neighbours.NeighbourStore;
import dev.neardup.report.Reports;
import dev.neardup.verify.VerifyMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two-phase dedup on a 2-node SolrCloud, as workers on different machines run it: two
 * "machines" index {@code cctv/vtest} (100 frames of one camera: one big cluster, the costly case
 * of phase 1) into one collection ({@code index --partition K/2}), then phase 1 runs on 1, 2 and 3
 * workers at once, each its own engine writing its share into the collection ({@code --neighbours
 * NAME}, no shared folder), and phase 2 on yet another engine gives exactly the sequential {@code
 * dedup}'s groups on the same collection (which {@code SolrMachinesTest} checks against the
 * embedded index's), kept images, members and evidence. No model: pHash candidates and the pixel
 * level of the check (phase 1 checks ~4,950 pairs of the cluster each time, three times here: at
 * the aligned level that is minutes; {@code TwoPhaseDedupTest} covers the levels and the other
 * shared folders on the embedded index).
 */
class SolrTwoPhaseTest {
  private static TestCluster solr;
  private static Path index;
  private static final List<Path> ROOTS = List.of(TestData.shared("cctv/vtest"));

  static EngineConfig config() {
    EngineConfig c = SolrMachinesTest.config(index);
    return c.toBuilder()
        .grouping(c.grouping().toBuilder().verify(VerifyMode.PIXEL).build())
        .build();
  }

  @BeforeAll
  static void indexOnTwoMachines() throws Exception {
    solr = TestCluster.start("twophase", 2048);
    index = solr.setting(solr.newCollection("twophase", 2, 1));
    List<Future<?>> done = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int k = 1; k <= 2; k++) {
        Partition part = new Partition(k, 2);
        done.add(
            pool.submit(
                () -> {
                  try (Engine e = Engine.open(config())) {
                    e.deduplicator().index(ROOTS, List.of(), Progress.NONE, part);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  @Test
  void phase_one_on_one_two_and_three_workers_then_phase_two_gives_the_sequential_groups()
      throws Exception {
    String expected;
    try (Engine e = Engine.open(config())) {
      DedupRun sequential = e.deduplicator().dedup(ROOTS, List.of(), Progress.NONE);
      assertTrue(sequential.grouping().images() == 100, "cctv/vtest indexed");
      assertTrue(!sequential.grouping().groups().isEmpty(), "cctv/vtest has groups");
      expected = describe(sequential);
    }
    for (int n = 1; n <= 3; n++) {
      String name = "run-of-" + n;
      int workers = n;
      ExecutorService pool = Executors.newFixedThreadPool(workers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int k = 1; k <= workers; k++) {
          Partition part = new Partition(k, workers);
          done.add(
              pool.submit(
                  () -> {
                    EngineConfig c = config();
                    try (Engine e = Engine.open(c)) {
                      e.deduplicator()
                          .findNeighbours(
                              ROOTS, Scope.ALL, part, c.index().neighbours(name), Progress.NONE);
                    }
                    return null;
                  }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      EngineConfig c = config();
      NeighbourStore store = c.index().neighbours(name);
      try (Engine e = Engine.open(c)) {
        DedupRun run = e.deduplicator().dedupFromNeighbours(ROOTS, Scope.ALL, store, Progress.NONE);
        assertEquals(
            expected,
            describe(run),
            "phase 2 over " + workers + " partitions in " + store.describe());
      }
    }
    assertEquals(
        IndexLocation.Solr.class, IndexLocation.parse(index.toString()).getClass(), "a collection");
  }

  /** The groups with each pair's evidence, as the JSON report writes them. */
  private static String describe(DedupRun run) throws Exception {
    StringBuilder b = new StringBuilder(String.join("\n", SharedFolderGroups.describe(run)));
    for (Group g : run.grouping().groups()) {
      for (Group.Member m : g.members()) {
        b.append('\n')
            .append(m.image().path())
            .append(' ')
            .append(Reports.JSON.writeValueAsString(m.evidence()));
      }
    }
    return b.toString();
  }
}
