package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestCluster;
import dev.neardup.TestData;
import dev.neardup.act.Quarantine;
import dev.neardup.index.ContentClaim;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.solr.SolrImageIndex;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claims that expire, on a 2-node SolrCloud with 2 shards: a claim left by a machine that crashed
 * between claiming and indexing is taken over once it outlived the claim lease, by exactly one of
 * the machines racing for it, and its bytes are accepted at once; a claim younger than the lease is
 * still respected. Time is the ingestors' {@link FolderWatcherTest.TestClock}, moved past the lease
 * rather than waited for: an upload that waited on the claim would fail after 30 s instead of being
 * accepted. No model: pHash and pixel checks only.
 */
class SolrClaimsTest {
  private static final Duration LEASE = Duration.ofSeconds(60);
  private static final Path IMAGE = TestData.shared("ukbench/ukbench00004.jpg");

  private static TestCluster solr;
  private static Path home;

  @BeforeAll
  static void startCluster() throws Exception {
    solr = TestCluster.start("claims", 2048);
    home = solr.home();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  /** A fresh collection of 2 shards; its {@code solr://} setting. */
  private static Path newCollection() throws Exception {
    return solr.setting(solr.newCollection("claims", 2, 1));
  }

  private static Engine machine(Path index) throws Exception {
    return Engine.open(
        EngineConfig.defaults().toBuilder()
            .index(IndexLocation.parse(index.toString()))
            .noModel()
            .thumbnailMaxSide(160)
            .claimLease(LEASE)
            .build());
  }

  private static IngestResult upload(Ingestor ingestor, Path image) throws Exception {
    Path received;
    try (InputStream in = Files.newInputStream(image)) {
      received = ingestor.receive(in, 1L << 30);
    }
    return ingestor.ingestUpload(received);
  }

  /** The content hash ingest claims {@code image} by. */
  private static String sha256(Engine e, Path image) throws Exception {
    return e.analyzer().analyze(image).sha256();
  }

  /**
   * Leaves a claim on {@code image}'s bytes as a machine that crashed right after claiming does:
   * claimed at {@code atMillis}, durably, and never indexed; the machine is gone.
   */
  private static void crashAfterClaiming(Path index, Path image, long atMillis) throws Exception {
    try (Engine crashed = machine(index)) {
      String sha = sha256(crashed, image);
      assertTrue(
          crashed
              .index()
              .claimContent(new ContentClaim(sha, "/crashed/uploads/x.jpg", atMillis, LEASE)));
    }
  }

  @Test
  void
      a_claim_left_by_a_crashed_machine_is_taken_over_once_it_outlived_the_lease_and_the_upload_is_accepted()
          throws Exception {
    Path index = newCollection();
    FolderWatcherTest.TestClock clock = new FolderWatcherTest.TestClock();
    crashAfterClaiming(index, IMAGE, clock.millis());
    clock.advance(LEASE.plusSeconds(1));
    try (Engine b = machine(index)) {
      Ingestor ingestor = new Ingestor(b, home.resolve("stale-b"), null, clock);
      IngestResult r = upload(ingestor, IMAGE);
      assertEquals(IngestResult.Status.UNIQUE, r.status(), "the stale claim was taken over");
      assertTrue(r.image().path().startsWith(ingestor.storage().toString()), r.image().path());
      assertEquals(1, b.index().documentCount());
      // the claim is machine b's now, with b's time: the same bytes are a duplicate of b's image
      IngestResult again = upload(ingestor, IMAGE);
      assertEquals(IngestResult.Status.DUPLICATE, again.status());
      assertEquals(r.image().path(), again.duplicateOf().image().path());
    }
  }

  @Test
  void of_several_machines_taking_over_one_stale_claim_exactly_one_wins() throws Exception {
    Path index = newCollection();
    long claimedAt = 1_000_000_000L;
    crashAfterClaiming(index, IMAGE, claimedAt);
    int machines = 6;
    List<Engine> engines = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(machines);
    try {
      for (int i = 0; i < machines; i++) {
        engines.add(machine(index));
      }
      String sha = sha256(engines.get(0), IMAGE);
      long later = claimedAt + LEASE.toMillis() + 1_000;
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> wins = new ArrayList<>();
      for (int i = 0; i < machines; i++) {
        ImageIndex ix = engines.get(i).index();
        ContentClaim c = new ContentClaim(sha, "/machine-" + i + "/x.jpg", later, LEASE);
        Callable<Boolean> takeOver =
            () -> {
              go.await();
              return ix.claimContent(c);
            };
        wins.add(pool.submit(takeOver));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> f : wins) {
        won += f.get() ? 1 : 0;
      }
      assertEquals(1, won, "exactly one machine took the stale claim over");
      // the winner's claim is fresh: nobody takes it over within the lease
      ContentClaim soon = new ContentClaim(sha, "/late/x.jpg", later + 1_000, LEASE);
      assertFalse(engines.get(0).index().claimContent(soon));
    } finally {
      pool.shutdownNow();
      for (Engine e : engines) {
        e.close();
      }
    }
  }

  @Test
  void racing_uploads_after_a_crash_accept_exactly_one_and_answer_the_others_with_it()
      throws Exception {
    Path index = newCollection();
    FolderWatcherTest.TestClock clock = new FolderWatcherTest.TestClock();
    crashAfterClaiming(index, IMAGE, clock.millis());
    clock.advance(LEASE.multipliedBy(2));
    try (Engine a = machine(index);
        Engine b = machine(index)) {
      List<Ingestor> machines =
          List.of(
              new Ingestor(a, home.resolve("race-a"), null, clock),
              new Ingestor(b, home.resolve("race-b"), null, clock));
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<IngestResult>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          Ingestor m = machines.get(i % 2);
          Callable<IngestResult> send =
              () -> {
                go.await();
                return upload(m, IMAGE);
              };
          results.add(pool.submit(send));
        }
        go.countDown();
        List<String> unique = new ArrayList<>();
        List<String> answeredWith = new ArrayList<>();
        for (Future<IngestResult> f : results) {
          IngestResult r = f.get();
          if (r.status() == IngestResult.Status.UNIQUE) {
            unique.add(r.image().path());
          } else {
            answeredWith.add(r.duplicateOf().image().path());
          }
        }
        assertEquals(1, unique.size(), "exactly one upload is unique: " + unique);
        assertEquals(List.of(unique.get(0), unique.get(0), unique.get(0)), answeredWith);
        a.index().commit();
        assertEquals(1, a.index().documentCount());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void a_claim_younger_than_the_lease_is_respected_and_the_upload_answered_with_its_owners_image()
      throws Exception {
    Path index = newCollection();
    FolderWatcherTest.TestClock clock = new FolderWatcherTest.TestClock();
    try (Engine owner = machine(index);
        Engine b = machine(index)) {
      String sha = sha256(owner, IMAGE);
      Path ownerCopy = Files.createDirectories(home.resolve("owner")).resolve("kept.jpg");
      Files.copy(IMAGE, ownerCopy);
      assertTrue(
          owner
              .index()
              .claimContent(new ContentClaim(sha, ownerCopy.toString(), clock.millis(), LEASE)));
      clock.advance(LEASE.minusSeconds(1)); // one second short of the lease: the owner is live
      ContentClaim takeOver = new ContentClaim(sha, "/b/x.jpg", clock.millis(), LEASE);
      assertFalse(b.index().claimContent(takeOver), "a fresh claim is not taken over");

      Ingestor ingestor = new Ingestor(b, home.resolve("fresh-b"), null, clock);
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<IngestResult> waiting = pool.submit(() -> upload(ingestor, IMAGE));
        Thread.sleep(300); // b is waiting on the claim now
        assertFalse(waiting.isDone(), "the upload waits for the claim's owner");
        owner.index().put(owner.analyzer().analyze(ownerCopy)); // the live owner finishes
        owner.index().refresh();
        owner.index().commit();
        IngestResult r = waiting.get();
        assertEquals(IngestResult.Status.DUPLICATE, r.status());
        assertEquals(ownerCopy.toString(), r.duplicateOf().image().path());
        assertEquals(1, b.index().documentCount());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void watch_claims_what_it_ingests() throws Exception {
    Path index = newCollection();
    FolderWatcherTest.TestClock clock = new FolderWatcherTest.TestClock();
    try (Engine uploads = machine(index);
        Engine watching = machine(index);
        Quarantine q = new Quarantine(home.resolve("watch-quarantine"), clock)) {
      Path folder = Files.createDirectories(home.resolve("watched"));
      Ingestor watcher = new Ingestor(watching, null, q, clock);
      FolderWatcher w = new FolderWatcher(watcher, folder, Map.of(), Duration.ZERO, clock);

      // a watched file's bytes are claimed: an upload of them at another machine is a duplicate
      Path dropped = Files.copy(IMAGE, folder.resolve("dropped.jpg"));
      List<FolderWatcher.Outcome> seen = w.poll();
      assertEquals(1, seen.size());
      assertNull(seen.get(0).error());
      assertEquals(IngestResult.Status.UNIQUE, seen.get(0).result().status());
      String sha = sha256(watching, IMAGE);
      ContentClaim other = new ContentClaim(sha, "/elsewhere/x.jpg", clock.millis(), LEASE);
      assertFalse(uploads.index().claimContent(other), "watch holds the claim on its bytes");
      IngestResult up = upload(new Ingestor(uploads, home.resolve("watch-up"), null, clock), IMAGE);
      assertEquals(IngestResult.Status.DUPLICATE, up.status());
      assertEquals(dropped.toString(), up.duplicateOf().image().path());

      // and a watched copy of bytes another machine claimed is answered with that machine's image
      Path second = TestData.shared("ukbench/ukbench00008.jpg");
      String sha2 = sha256(uploads, second);
      Path held = Files.createDirectories(home.resolve("held")).resolve("first.jpg");
      Files.copy(second, held);
      assertTrue(
          uploads
              .index()
              .claimContent(new ContentClaim(sha2, held.toString(), clock.millis(), LEASE)));
      Path copy = Files.copy(second, folder.resolve("copy.jpg"));
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<List<FolderWatcher.Outcome>> polled = pool.submit(w::poll);
        Thread.sleep(300);
        assertFalse(polled.isDone(), "watch waits for the claim's owner");
        uploads.index().put(uploads.analyzer().analyze(held));
        uploads.index().refresh();
        uploads.index().commit();
        List<FolderWatcher.Outcome> done = polled.get();
        assertEquals(1, done.size());
        assertEquals(IngestResult.Status.DUPLICATE, done.get(0).result().status());
        assertEquals(held.toString(), done.get(0).result().duplicateOf().image().path());
        assertNotEquals(null, done.get(0).result().quarantinedAt(), "moved to the quarantine");
        assertFalse(Files.exists(copy));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void each_opened_collection_names_its_own_owner() throws Exception {
    Path index = newCollection();
    try (Engine a = machine(index);
        Engine b = machine(index)) {
      String ownerA = ((SolrImageIndex) a.index()).owner();
      assertNotEquals(ownerA, ((SolrImageIndex) b.index()).owner());
      assertTrue(ownerA.contains("/" + ProcessHandle.current().pid() + "/"), ownerA);
    }
  }
}
