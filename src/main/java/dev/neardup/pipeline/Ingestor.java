package dev.neardup.pipeline;

import dev.neardup.act.Quarantine;
import dev.neardup.decode.DecodeException;
import dev.neardup.group.Group;
import dev.neardup.group.Grouper;
import dev.neardup.group.Grouping;
import dev.neardup.group.KeeperPolicy;
import dev.neardup.index.FileState;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Stream;

/**
 * Incremental dedup: each arriving image is kept only if it adds information. The library behind
 * {@code POST /api/v1/images} and {@code neardup watch}.
 *
 * <p><b>Atomic check-and-insert.</b> Decoding and embedding run on the caller's thread, in parallel
 * with other callers. The decision — search the index, verify candidates, and if none is a
 * duplicate store the file, put its document and refresh the near-real-time reader — runs under one
 * lock, so the next decision always sees the previous insert: of several near-identical images
 * arriving together exactly one is unique. Between ingestors sharing one index (several {@code
 * serve} processes on one SolrCloud collection), an upload's bytes are also claimed with {@link
 * ImageIndex#claimContent} before they are stored: of identical uploads at several machines exactly
 * one is unique, and the others are answered as its duplicates once its image is visible.
 * Near-duplicates that two machines accept at the same moment are not settled here; {@code neardup
 * reconcile} removes them afterwards.
 *
 * <p><b>Durability.</b> A unique image is reported only after its document is in a Lucene commit
 * ({@link ImageIndex#commitThrough}: concurrent callers share one fsync). An uploaded file is
 * written and forced to disk under {@code storage/.incoming/}, then renamed into its
 * content-addressed place {@code storage/<sha[0..2]>/<sha256>.<format>} before its document is put.
 * A process killed in between leaves a stored file without a document; {@link #recover} (run at
 * start) re-ingests such files and drops documents whose stored file is gone, so a restart holds
 * every acknowledged image, and none twice (a second copy of the same bytes is an exact duplicate).
 *
 * <p><b>Who sent it.</b> Each submission may name its {@link Origin} (source and tags); a unique
 * image is indexed with it and its arrival time, and a duplicate is answered with the origin of the
 * image it matched ({@link Submitted}). Rejected duplicates are not indexed, so {@link
 * #sourceStats} counts them in memory, per source, from this ingestor's start.
 */
public final class Ingestor {
  private static final String INCOMING = ".incoming";
  private static final long CLAIM_WAIT_MILLIS = 30_000;

  private final ImageIndex index;
  private final EngineConfig config;
  private final Analyzer analyzer;
  private final Deduplicator deduplicator;
  private final Path storage;
  private final Quarantine quarantine;
  private final Object decision = new Object();
  private final Clock clock;
  private final Instant countingSince;
  // Per source: {duplicates of own, duplicates of others', duplicated by others}.
  private final Map<String, AtomicLongArray> rejected = new ConcurrentHashMap<>();

  /**
   * @param storage folder for uploaded unique images (created if missing), or null when nothing is
   *     uploaded (a folder watcher only)
   * @param quarantine where duplicates go, or null to drop duplicate uploads and leave duplicate
   *     files where they are
   */
  public Ingestor(Engine engine, Path storage, Quarantine quarantine) throws IOException {
    this(engine, storage, quarantine, Clock.systemUTC());
  }

  /**
   * @param clock stamps each submission's arrival
   * @see #Ingestor(Engine, Path, Quarantine)
   */
  public Ingestor(Engine engine, Path storage, Quarantine quarantine, Clock clock)
      throws IOException {
    this.clock = clock;
    this.countingSince = clock.instant();
    this.index = engine.index();
    this.config = engine.config();
    this.analyzer = engine.analyzer();
    this.deduplicator = engine.deduplicator();
    this.storage = storage == null ? null : storage.toAbsolutePath().normalize();
    this.quarantine = quarantine;
    if (this.storage != null) {
      Files.createDirectories(this.storage.resolve(INCOMING));
    }
  }

  /** Where uploaded unique images are stored, or null. */
  public Path storage() {
    return storage;
  }

  /** Size and mtime of every indexed file under {@code folder} (images and unreadable files). */
  public Map<String, FileState> indexedUnder(Path folder) throws IOException {
    return index.fileStates(Indexer.under(List.of(folder)));
  }

  /** Where duplicates go, or null. */
  public Quarantine quarantine() {
    return quarantine;
  }

  /**
   * Writes {@code content} to a new temporary file beside the storage (same file system, so the
   * final rename is atomic), forced to disk. The caller deletes it unless it is ingested.
   *
   * @param maxBytes the most bytes accepted
   * @throws TooLargeException when the content is longer than {@code maxBytes}
   */
  public Path receive(InputStream content, long maxBytes) throws IOException {
    if (storage == null) {
      throw new IllegalStateException("this ingestor has no storage folder for uploads");
    }
    Path tmp = storage.resolve(INCOMING).resolve(UUID.randomUUID() + ".part");
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = content.read(buf)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException("upload is larger than the limit of " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    return tmp;
  }

  /**
   * Ingests an uploaded file written by {@link #receive}: a unique image is moved into the storage
   * and indexed; a duplicate is moved into the quarantine's {@code uploads/} folder when there is
   * one, else deleted. The temporary file is gone afterwards in every case.
   *
   * @throws DecodeException when the upload is not a readable image (it is deleted)
   */
  public IngestResult ingestUpload(Path received) throws IOException, DecodeException {
    return ingestUpload(received, null, List.of()).result();
  }

  /**
   * {@link #ingestUpload(Path)} for a submission from {@code source} with {@code tags}: a unique
   * image is indexed with them and its arrival time; a duplicate is counted against the source.
   *
   * @param source the submitter id, or null for none
   * @throws IllegalArgumentException when the source or a tag is malformed (see {@link Origin})
   */
  public Submitted ingestUpload(Path received, String source, List<String> tags)
      throws IOException, DecodeException {
    try {
      Origin origin = new Origin(source, tags, clock.millis());
      ImageRecord probe = analyzer.analyze(received);
      long seqNo;
      IngestResult result;
      synchronized (decision) {
        Match dup = firstDuplicate(probe, null);
        if (dup != null) {
          return rejected(duplicateUpload(probe, dup), origin);
        }
        Path target = storedName(probe);
        if (!index.claimContent(probe.sha256(), target.toString())) {
          // another ingestor sharing the index holds these bytes: wait for its image, unlocked
          seqNo = -1;
          result = null;
        } else {
          Files.createDirectories(target.getParent());
          Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
          fsyncDirectory(target.getParent());
          ImageRecord stored = withPath(probe, target);
          seqNo = index.put(stored, origin);
          index.refresh();
          result = new IngestResult(IngestResult.Status.UNIQUE, stored, null, List.of(), null);
        }
      }
      if (result == null) {
        return rejected(duplicateUpload(probe, awaitClaimed(probe)), origin);
      }
      index.commitThrough(seqNo);
      return new Submitted(result, origin, null);
    } finally {
      Files.deleteIfExists(received);
    }
  }

  /**
   * Ingests an image file in place (a path under a root, or a file dropped into a watched folder):
   * a unique one is indexed where it is; a duplicate is moved into the quarantine (with a manifest
   * entry, so {@code neardup undo} restores it) when there is one, else left alone and not indexed.
   *
   * @param root the folder it was found under (its path below it is kept in the quarantine)
   * @throws DecodeException when the file is not a readable image; it is recorded as unreadable
   */
  public IngestResult ingestFile(Path file, Path root) throws IOException, DecodeException {
    return ingestFile(file, root, null, List.of()).result();
  }

  /**
   * {@link #ingestFile(Path, Path)} for a submission from {@code source} with {@code tags} (see
   * {@link #ingestUpload(Path, String, List)}).
   */
  public Submitted ingestFile(Path file, Path root, String source, List<String> tags)
      throws IOException, DecodeException {
    Origin origin = new Origin(source, tags, clock.millis());
    Path abs = file.toAbsolutePath().normalize();
    ImageRecord probe;
    try {
      probe = analyzer.analyze(abs);
    } catch (DecodeException e) {
      long seq = index.putFailure(abs.toString(), sizeOr(abs), mtimeOr(abs), e.reason());
      index.commitThrough(seq);
      throw e;
    }
    long seqNo;
    IngestResult result;
    synchronized (decision) {
      Match dup = firstDuplicate(probe, abs.toString());
      if (dup != null) {
        String moved = null;
        if (quarantine != null) {
          moved =
              quarantine.move(abs, root, probe.sha256(), Path.of(dup.image().path())).toString();
        }
        seqNo = index.delete(abs.toString()); // an earlier version of it may have been indexed
        index.refresh();
        result = new IngestResult(IngestResult.Status.DUPLICATE, probe, dup, List.of(dup), moved);
      } else {
        seqNo = index.put(probe, origin);
        index.refresh();
        result = new IngestResult(IngestResult.Status.UNIQUE, probe, null, List.of(), null);
      }
    }
    index.commitThrough(seqNo);
    return result.status() == IngestResult.Status.DUPLICATE
        ? rejected(result, origin)
        : new Submitted(result, origin, null);
  }

  /**
   * The submissions of {@code source}: its images in the index, and its (and others') rejected
   * duplicates since this ingestor started.
   *
   * @throws IllegalArgumentException when {@code source} is not a well-formed source id
   */
  public SourceStats sourceStats(String source) throws IOException {
    if (!Origin.isWellFormedSource(source)) {
      throw new IllegalArgumentException(
          "source must be 1-"
              + Origin.MAX_LENGTH
              + " characters of letters, digits and . _ @ : -; got \""
              + source
              + "\"");
    }
    int uniques;
    try (IndexSnapshot s = index.snapshot()) {
      uniques = s.countFromSource(source);
    }
    AtomicLongArray c = rejected.getOrDefault(source, new AtomicLongArray(3));
    return new SourceStats(
        source,
        uniques + c.get(0) + c.get(1),
        uniques,
        c.get(0),
        c.get(1),
        c.get(2),
        countingSince);
  }

  /**
   * The origin of the indexed image a duplicate matched, counted against both sources. Called after
   * the decision: the matched image may have been deleted since, then its origin is unknown.
   */
  private Submitted rejected(IngestResult r, Origin origin) throws IOException {
    Origin matched = Origin.UNKNOWN;
    try (IndexSnapshot s = index.snapshot()) {
      List<Integer> docs = s.withId(ImageIds.of(r.duplicateOf().image().path()));
      if (!docs.isEmpty()) {
        matched = s.origin(docs.get(0));
      }
    }
    Submitted out = new Submitted(r, origin, matched);
    if (origin.source() != null) {
      counters(origin.source()).incrementAndGet(out.sameSource() ? 0 : 1);
    }
    if (matched.source() != null && !out.sameSource()) {
      counters(matched.source()).incrementAndGet(2);
    }
    return out;
  }

  private AtomicLongArray counters(String source) {
    return rejected.computeIfAbsent(source, k -> new AtomicLongArray(3));
  }

  /**
   * Removes indexed images; an image stored by this service (under the storage folder) is deleted
   * from disk first, other files are left where they are.
   *
   * @return the removed records
   */
  public List<ImageRecord> delete(String id) throws IOException {
    List<ImageRecord> removed = new ArrayList<>();
    long seqNo = -1;
    synchronized (decision) {
      try (IndexSnapshot s = index.snapshot()) {
        for (int doc : s.withId(id)) {
          removed.add(s.record(doc));
        }
      }
      for (ImageRecord r : removed) {
        Path p = Path.of(r.path());
        boolean upload =
            storage != null && p.startsWith(storage) && !p.startsWith(storage.resolve(INCOMING));
        if (upload) {
          Files.deleteIfExists(p); // file first: a crash in between leaves a document recover drops
        }
        seqNo = index.delete(r.path());
        if (upload) {
          index.releaseContent(r.sha256()); // the same bytes may be uploaded again
        }
      }
      if (!removed.isEmpty()) {
        index.refresh();
      }
    }
    if (seqNo >= 0) {
      index.commitThrough(seqNo);
    }
    return removed;
  }

  /**
   * What {@link #reconcile} found: the groups of near-duplicates among all indexed images (the
   * earliest of each kept), and the images it removed (none on a dry run).
   */
  public record Reconciliation(Grouping grouping, List<ImageRecord> removed, boolean dryRun) {}

  /**
   * Removes near-duplicates that slipped into the index because several ingestors accepted them at
   * the same moment (each decided before it could see the other's image): regroups every indexed
   * image as {@code dedup} does, keeping the earliest of each group (oldest modification time,
   * which for an upload is its arrival; pinned keepers and camera order as in grouping), and drops
   * the others' documents. A removed upload stored under this ingestor's storage folder is deleted;
   * one stored by another machine is left there, and that machine's {@link #recover} drops it at
   * its next start (a stored file without a document that duplicates an indexed image). Files
   * outside any storage folder are never touched. Run it while ingest is quiet, or at any time:
   * images ingested during the pass are checked against the kept ones as usual.
   *
   * @param dryRun report only, change nothing
   */
  public Reconciliation reconcile(boolean dryRun) throws IOException {
    Grouper grouper =
        Grouper.create(config.grouping().withKeeper(KeeperPolicy.OLDEST), config.pixelDiff());
    index.refresh();
    Grouping grouping;
    try (IndexSnapshot s = index.snapshot()) {
      grouping = grouper.group(s, s.images(p -> true), done -> {});
    }
    List<ImageRecord> removed = new ArrayList<>();
    for (Group g : grouping.groups()) {
      for (Group.Member m : g.members()) {
        removed.add(m.image());
      }
    }
    if (dryRun || removed.isEmpty()) {
      return new Reconciliation(grouping, dryRun ? List.of() : removed, dryRun);
    }
    synchronized (decision) {
      for (ImageRecord r : removed) {
        Path p = Path.of(r.path());
        if (storage != null && p.startsWith(storage) && !p.startsWith(storage.resolve(INCOMING))) {
          Files.deleteIfExists(p);
        }
        index.delete(r.path());
        index.releaseContent(r.sha256()); // a kept copy of the same bytes still answers uploads
      }
      index.commit();
    }
    return new Reconciliation(grouping, removed, false);
  }

  /**
   * Brings the storage folder and the index back in step after a crash: deletes temporary upload
   * files, re-ingests stored files that have no document (stored, never acknowledged) and drops
   * documents whose stored file is gone. Returns {re-ingested, dropped duplicates, removed docs}.
   */
  public int[] recover() throws IOException {
    if (storage == null) {
      return new int[3];
    }
    try (Stream<Path> tmp = Files.list(storage.resolve(INCOMING))) {
      for (Path p : tmp.toList()) {
        Files.deleteIfExists(p);
      }
    }
    Map<String, FileState> known = index.fileStates(Indexer.under(List.of(storage)));
    List<Path> orphans = new ArrayList<>();
    try (Stream<Path> all = Files.walk(storage)) {
      for (Path p : all.filter(Files::isRegularFile).toList()) {
        if (!p.startsWith(storage.resolve(INCOMING)) && !known.containsKey(p.toString())) {
          orphans.add(p);
        }
      }
    }
    int reingested = 0;
    int dropped = 0;
    for (Path p : orphans) {
      try {
        ImageRecord probe = analyzer.analyze(p);
        synchronized (decision) {
          if (firstDuplicate(probe, p.toString()) != null) {
            Files.delete(p);
            dropped++;
          } else {
            index.put(probe);
            index.refresh();
            reingested++;
          }
        }
      } catch (DecodeException e) {
        Files.deleteIfExists(p); // only readable images are ever stored
        dropped++;
      }
    }
    int removed = 0;
    for (String path : known.keySet()) {
      if (!Files.exists(Path.of(path))) {
        index.delete(path);
        removed++;
      }
    }
    index.commit();
    return new int[] {reingested, dropped, removed};
  }

  /**
   * The image of {@code probe}'s content that another ingestor (another machine on the same
   * collection) claimed: it is visible once that ingestor has put and refreshed it, within a few
   * hundred milliseconds; waited for up to {@link #CLAIM_WAIT_MILLIS}.
   *
   * @throws IOException when it does not appear (the other ingestor failed after claiming; the
   *     client may retry after its claim is released)
   */
  private Match awaitClaimed(ImageRecord probe) throws IOException {
    long deadline = System.nanoTime() + CLAIM_WAIT_MILLIS * 1_000_000L;
    while (true) {
      Match m = firstDuplicate(probe, null);
      if (m != null) {
        return m;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the content "
                + probe.sha256()
                + " is claimed by another ingestor sharing the index, which has not indexed it"
                + " within "
                + CLAIM_WAIT_MILLIS
                + " ms; retry later");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted waiting for a claimed image");
      }
    }
  }

  private IngestResult duplicateUpload(ImageRecord probe, Match dup) throws IOException {
    Path received = Path.of(probe.path());
    String moved = null;
    if (quarantine != null) {
      Path target = quarantine.folder().resolve("uploads").resolve(fileName(probe));
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        Files.delete(received); // the same bytes were quarantined before
      } else {
        Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
      }
      moved = target.toString();
    }
    return new IngestResult(IngestResult.Status.DUPLICATE, probe, dup, List.of(dup), moved);
  }

  /**
   * The first verified duplicate of {@code probe} in the index, ignoring the document {@code self}.
   */
  private Match firstDuplicate(ImageRecord probe, String self) throws IOException {
    try (IndexSnapshot s = index.snapshot()) {
      for (Match m : deduplicator.matches(s, probe)) {
        if (m.evidence().duplicate() && !m.image().path().equals(self)) {
          return m;
        }
      }
    }
    return null;
  }

  private Path storedName(ImageRecord r) {
    return storage.resolve(r.sha256().substring(0, 2)).resolve(fileName(r));
  }

  private static String fileName(ImageRecord r) {
    return r.sha256() + "." + r.format().toLowerCase(Locale.ROOT);
  }

  private static ImageRecord withPath(ImageRecord r, Path path) {
    return new ImageRecord(
        path.toString(),
        r.sha256(),
        r.fileSize(),
        r.mtimeMillis(),
        r.format(),
        r.width(),
        r.height(),
        r.camera(),
        r.timestampMillis(),
        r.vector(),
        r.phash(),
        r.thumbnail(),
        r.signatures());
  }

  private static long sizeOr(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      return -1;
    }
  }

  private static long mtimeOr(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return -1;
    }
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot open directories; the file itself was forced already
    }
  }

  /** The content is longer than allowed. */
  public static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public TooLargeException(String message) {
      super(message);
    }
  }
}
