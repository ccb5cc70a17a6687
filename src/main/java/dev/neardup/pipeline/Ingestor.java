package dev.neardup.pipeline;

import dev.neardup.act.Quarantine;
import dev.neardup.decode.DecodeException;
import dev.neardup.index.ContentClaim;
import dev.neardup.index.FileState;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.Origin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Incremental dedup: each arriving image is kept only if it adds information. The library behind
 * {@code POST /api/v1/images} and {@code neardup watch}.
 *
 * <p><b>Atomic check-and-insert.</b> Decoding and embedding run on the caller's thread, in parallel
 * with other callers. The decision — search the index, verify candidates, and if none is a
 * duplicate store the file, put its document and refresh the near-real-time reader — runs under one
 * lock, so the next decision always sees the previous insert: of several near-identical images
 * arriving together exactly one is unique. Between ingestors sharing one index (several {@code
 * serve} or {@code watch} processes on one SolrCloud collection), an upload's or a watched file's
 * bytes are also claimed with {@link ImageIndex#claimContent} before they are stored: of identical
 * copies at several machines exactly one is unique, and the others are answered as its duplicates
 * once its image is visible. A claim records this ingestor's time ({@code clock}); one that
 * outlived the engine's claim lease (its machine crashed before indexing) is taken over, so its
 * bytes are accepted at once rather than after a wait. Near-duplicates that two machines accept at
 * the same moment are not settled here; {@link Reconciler#reconcile} ({@code neardup reconcile})
 * removes them afterwards.
 *
 * <p><b>Durability.</b> A unique image is reported only after its document is in a Lucene commit
 * ({@link ImageIndex#commitThrough}: concurrent callers share one fsync). An uploaded file is
 * stored before its document is put ({@link UploadStore}: forced to disk, then renamed into its
 * content-addressed place). A process killed in between leaves a stored file without a document;
 * {@link Reconciler#recover} (run at start) re-ingests such files and drops documents whose stored
 * file is gone, so a restart holds every acknowledged image, and none twice (a second copy of the
 * same bytes is an exact duplicate).
 *
 * <p><b>Who sent it.</b> Each submission may name its {@link Origin} (source and tags); a unique
 * image is indexed with it and its arrival time, and a duplicate is answered with the origin of the
 * image it matched ({@link Submitted}). Rejected duplicates are not indexed, so {@link
 * #sourceStats} counts them in memory, per source, from this ingestor's start.
 */
public final class Ingestor {
  private static final long CLAIM_WAIT_MILLIS = 30_000;
  private static final long CLAIM_RETRY_MILLIS = 1_000;

  private final Engine engine;
  private final ImageIndex index;
  private final Analyzer analyzer;
  private final Deduplicator deduplicator;
  private final UploadStore uploads;
  private final Quarantine quarantine;
  private final Object decision = new Object();
  private final Clock clock;
  private final SourceTally tally;
  private final Duration lease;

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
    this.tally = new SourceTally(engine.index(), clock.instant());
    this.engine = engine;
    this.index = engine.index();
    this.analyzer = engine.analyzer();
    this.deduplicator = engine.deduplicator();
    this.uploads = storage == null ? null : new UploadStore(storage);
    this.quarantine = quarantine;
    this.lease = engine.config().claimLease();
  }

  /** Where uploaded unique images are stored, or null. */
  public Path storage() {
    return uploads == null ? null : uploads.folder();
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
    if (uploads == null) {
      throw new IllegalStateException("this ingestor has no storage folder for uploads");
    }
    return uploads.receive(content, maxBytes);
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
      long deadline = System.nanoTime() + CLAIM_WAIT_MILLIS * 1_000_000L;
      long seqNo;
      IngestResult result;
      while (true) {
        synchronized (decision) {
          Match dup = firstDuplicate(probe, null);
          if (dup != null) {
            return tally.rejected(duplicateUpload(probe, dup), origin);
          }
          if (index.claimContent(claim(probe, uploads.storedName(probe).toString()))) {
            ImageRecord stored = uploads.moveIn(received, probe);
            seqNo = index.put(stored, origin);
            index.refresh();
            result = new IngestResult(IngestResult.Status.UNIQUE, stored, null, List.of(), null);
            break;
          }
        }
        // another ingestor sharing the index holds these bytes: wait for its image, unlocked
        awaitClaimed(probe, null, deadline);
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
    long deadline = System.nanoTime() + CLAIM_WAIT_MILLIS * 1_000_000L;
    long seqNo;
    IngestResult result;
    while (true) {
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
          break;
        }
        if (index.claimContent(claim(probe, abs.toString())) || visible(probe)) {
          seqNo = index.put(probe, origin);
          index.refresh();
          result = new IngestResult(IngestResult.Status.UNIQUE, probe, null, List.of(), null);
          break;
        }
      }
      // another ingestor sharing the index claimed these bytes: wait for its image, unlocked
      awaitClaimed(probe, abs.toString(), deadline);
    }
    index.commitThrough(seqNo);
    return result.status() == IngestResult.Status.DUPLICATE
        ? tally.rejected(result, origin)
        : new Submitted(result, origin, null);
  }

  /**
   * The submissions of {@code source}: its images in the index, and its (and others') rejected
   * duplicates since this ingestor started.
   *
   * @throws IllegalArgumentException when {@code source} is not a well-formed source id
   */
  public SourceStats sourceStats(String source) throws IOException {
    return tally.stats(source);
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
        // file first: a crash in between leaves a document recover drops
        boolean upload = uploads != null && uploads.deleteIfHeld(Path.of(r.path()));
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

  /** The engine decided with; for {@link Reconciler}. */
  Engine engine() {
    return engine;
  }

  /** The storage of uploads, or null; for {@link Reconciler}. */
  UploadStore uploads() {
    return uploads;
  }

  /** The lock every change to the index is decided under; for {@link Reconciler}. */
  Object decision() {
    return decision;
  }

  /** A claim on {@code probe}'s bytes for {@code path}, now, with this engine's lease. */
  private ContentClaim claim(ImageRecord probe, String path) {
    return new ContentClaim(probe.sha256(), path, clock.millis(), lease);
  }

  /**
   * True when an image with {@code probe}'s bytes is visible in the index although it is not a
   * duplicate of {@code probe} (the file itself, indexed before; or an image a not-duplicate
   * decision separates from it): the claim on those bytes settled no race, so a watched file is
   * indexed as it was before files were claimed.
   */
  private boolean visible(ImageRecord probe) throws IOException {
    try (IndexSnapshot s = index.snapshot()) {
      return !s.withSha256(probe.sha256()).isEmpty();
    }
  }

  /**
   * Waits, unlocked, while another ingestor (another machine on the same collection) holds the
   * claim on {@code probe}'s content: until its image is visible (once that ingestor has put and
   * refreshed it, within a few hundred milliseconds), or for {@link #CLAIM_RETRY_MILLIS}, after
   * which the caller claims again (a claim that outlived its lease is then taken over).
   *
   * @param self the document to ignore (the file itself), or null
   * @param deadline {@link System#nanoTime()} after which waiting fails; {@link #CLAIM_WAIT_MILLIS}
   *     after the first attempt
   * @throws IOException when the deadline passed (the other ingestor failed after claiming, less
   *     than a lease ago; the client may retry, and the claim is taken over once it outlived the
   *     lease)
   */
  private void awaitClaimed(ImageRecord probe, String self, long deadline) throws IOException {
    long retry = System.nanoTime() + CLAIM_RETRY_MILLIS * 1_000_000L;
    while (System.nanoTime() < retry) {
      if (firstDuplicate(probe, self) != null) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "the content "
                + probe.sha256()
                + " is claimed by another ingestor sharing the index, which has not indexed it"
                + " within "
                + CLAIM_WAIT_MILLIS
                + " ms; retry later (its claim is taken over once older than the claim lease, "
                + lease.toMillis()
                + " ms)");
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
    String moved = UploadStore.setAside(probe, quarantine);
    return new IngestResult(IngestResult.Status.DUPLICATE, probe, dup, List.of(dup), moved);
  }

  /**
   * The first verified duplicate of {@code probe} in the index, ignoring the document {@code self}
   * ({@link Deduplicator#firstDuplicate}: the search stops there).
   */
  Match firstDuplicate(ImageRecord probe, String self) throws IOException {
    try (IndexSnapshot s = index.snapshot()) {
      return deduplicator.firstDuplicate(s, probe, self);
    }
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
}
