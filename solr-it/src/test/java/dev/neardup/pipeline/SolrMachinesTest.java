package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestCluster;
import dev.neardup.TestData;
import dev.neardup.group.Group;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Several neardup "machines" (each its own {@link Engine} and {@link Ingestor}, with its own
 * storage folder and HTTP client) on one collection of a 2-node SolrCloud with 2 shards: what
 * {@code serve} on many machines behind a load balancer does. No model: pHash and pixel checks
 * only.
 */
class SolrMachinesTest {
  private static TestCluster solr;
  private static Path home;

  @BeforeAll
  static void startCluster() throws Exception {
    solr = TestCluster.start("machines", 2048);
    home = solr.home();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  /** A fresh collection (2 shards, {@code replicas} each); its {@code solr://} setting. */
  static Path newCollection(int replicas) throws Exception {
    return solr.setting(solr.newCollection("machines", 2, replicas));
  }

  static EngineConfig config(Path index) {
    return EngineConfig.defaults().toBuilder()
        .index(IndexLocation.parse(index.toString()))
        .noModel() // no model: pHash and pixel checks
        .thumbnailMaxSide(160)
        .build();
  }

  /** Uploads {@code image} to {@code ingestor} as {@code POST /api/v1/images} does. */
  static IngestResult upload(Ingestor ingestor, Path image) throws Exception {
    Path received;
    try (InputStream in = Files.newInputStream(image)) {
      received = ingestor.receive(in, 1L << 30);
    }
    return ingestor.ingestUpload(received);
  }

  @Test
  void two_machines_on_one_collection_accept_exactly_one_of_a_burst_of_identical_uploads()
      throws Exception {
    Path index = newCollection(1);
    Path image = TestData.shared("ukbench/ukbench00000.jpg");
    int perMachine = 4;
    try (Engine a = Engine.open(config(index));
        Engine b = Engine.open(config(index))) {
      List<Ingestor> machines =
          List.of(
              new Ingestor(a, home.resolve("storage-a"), null),
              new Ingestor(b, home.resolve("storage-b"), null));
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2 * perMachine);
      try {
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < 2 * perMachine; i++) {
          Ingestor ingestor = machines.get(i % 2);
          Callable<IngestResult> send =
              () -> {
                go.await();
                return upload(ingestor, image);
              };
          results.add(pool.submit(send));
        }
        go.countDown();
        int unique = 0;
        String kept = null;
        List<String> answeredWith = new ArrayList<>();
        for (Future<IngestResult> f : results) {
          IngestResult r = f.get();
          if (r.status() == IngestResult.Status.UNIQUE) {
            unique++;
            kept = r.image().path();
          } else {
            answeredWith.add(r.duplicateOf().image().path());
          }
        }
        assertEquals(1, unique, "exactly one of the identical uploads is unique");
        for (String p : answeredWith) {
          assertEquals(kept, p, "every other upload is answered with the kept one");
        }
        a.index().commit();
        assertEquals(1, a.index().documentCount(), "one image in the collection");
        // the claim goes with the image: after deleting it the same bytes are unique again
        Ingestor owner =
            kept.startsWith(machines.get(0).storage().toString())
                ? machines.get(0)
                : machines.get(1);
        assertEquals(1, owner.delete(ImageIds.of(kept)).size());
        assertEquals(IngestResult.Status.UNIQUE, upload(machines.get(1), image).status());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void reconcile_removes_a_near_duplicate_two_machines_accepted_at_once_keeping_the_earliest()
      throws Exception {
    Path index = newCollection(1);
    Path png = TestData.shared("cctv/vtest/frame_00000.png");
    Path jpeg = home.resolve("frame_00000-recompressed.jpg"); // other bytes, same picture
    ImageIO.write(ImageIO.read(png.toFile()), "jpg", jpeg.toFile());
    try (Engine a = Engine.open(config(index));
        Engine b = Engine.open(config(index))) {
      Ingestor ia = new Ingestor(a, home.resolve("reconcile-a"), null);
      Ingestor ib = new Ingestor(b, home.resolve("reconcile-b"), null);
      // the race: each machine decides before the other's image is visible
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<IngestResult> ra;
      Future<IngestResult> rb;
      try {
        ra = pool.submit(() -> after(go, () -> upload(ia, png)));
        rb = pool.submit(() -> after(go, () -> upload(ib, jpeg)));
        go.countDown();
        ra.get();
        rb.get();
      } finally {
        pool.shutdownNow();
      }
      if (b.index().documentCount() < 2) {
        // the check saw the other image in time: let machine b accept the copy as a lost race does
        Path stored = ib.storage().resolve("late").resolve("frame.jpg");
        Files.createDirectories(stored.getParent());
        Files.copy(jpeg, stored);
        b.index().put(b.analyzer().analyze(stored));
        b.index().commit();
      }
      assertEquals(2, b.index().documentCount(), "both were accepted");

      Reconciler.Reconciliation dry = new Reconciler(ib).reconcile(true);
      assertEquals(1, dry.grouping().groups().size(), "one group of near-duplicates");
      assertEquals(List.of(), dry.removed());
      assertEquals(2, b.index().documentCount(), "a dry run changes nothing");
      Group g = dry.grouping().groups().get(0);
      ImageRecord later = g.members().get(0).image();
      assertTrue(g.kept().mtimeMillis() <= later.mtimeMillis(), "the earliest is kept");

      Reconciler.Reconciliation done = new Reconciler(ib).reconcile(false);
      assertEquals(List.of(later.path()), done.removed().stream().map(ImageRecord::path).toList());
      assertEquals(1, a.index().documentCount());
      // a stored file of machine a without its document is dropped at a's restart
      new Reconciler(ia).recover();
      assertEquals(List.of(g.kept().path()), storedFiles(ia, ib));
      assertEquals(
          0,
          new Reconciler(ia).reconcile(true).grouping().groups().size(),
          "nothing left to reconcile");
    }
  }

  @Test
  void dedup_on_the_shared_folders_gives_the_same_groups_as_the_embedded_index() throws Exception {
    Path index = newCollection(1);
    try (Engine e = Engine.open(config(index))) {
      assertEquals(
          String.join("\n", SharedFolderGroups.expected()),
          String.join("\n", SharedFolderGroups.dedup(e)),
          "kept images and group members on cctv/vtest and ukbench");
    }
  }

  private static <T> T after(CountDownLatch go, Callable<T> task) throws Exception {
    go.await();
    return task.call();
  }

  private static List<String> storedFiles(Ingestor... machines) throws IOException {
    List<String> out = new ArrayList<>();
    for (Ingestor m : machines) {
      try (Stream<Path> files = Files.walk(m.storage())) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> !p.getParent().getFileName().toString().equals(".incoming"))
            .forEach(p -> out.add(p.toString()));
      }
    }
    return out;
  }
}
