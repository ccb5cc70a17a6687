package dev.neardup.index.lucene;

import dev.neardup.index.ContentClaim;
import dev.neardup.index.Decisions;
import dev.neardup.index.FileState;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexChecks;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexMismatchException;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Origin;
import dev.neardup.index.Schema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The embedded image index (the default {@link ImageIndex}): one Lucene document per image (or per
 * unreadable file), the embedding in an HNSW graph, and the settings that made it in every commit.
 *
 * <p>One instance holds one {@link IndexWriter} and a near-real-time {@link SearcherManager} for
 * the life of the process; all methods are thread-safe. Lucene commits are atomic, so a process
 * killed at any moment leaves the last commit intact: the index always opens, and files not yet
 * committed are simply indexed again by the next run.
 */
public final class LuceneImageIndex implements ImageIndex {
  private final Path dir;
  private final Directory directory;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final IndexSettings settings;
  private final boolean storePixels;
  private final Object commitLock = new Object();
  private long committedSeqNo = -1;
  // Claimed content (sha256 -> path) not yet visible as a live image; guarded by itself.
  private final Map<String, String> claims = new java.util.HashMap<>();

  private LuceneImageIndex(
      Path dir,
      Directory directory,
      IndexWriter writer,
      IndexSettings settings,
      boolean storePixels)
      throws IOException {
    this.dir = dir;
    this.directory = directory;
    this.writer = writer;
    this.settings = settings;
    this.storePixels = storePixels;
    this.searchers = new SearcherManager(writer, null);
  }

  /**
   * Opens (or creates) the index in {@code dir}.
   *
   * @param settings what this process will write; must match what the index was made with
   * @param options HNSW graph parameters (used for new segments)
   * @param rebuild drop every document first (e.g. to switch models)
   * @throws IndexMismatchException when the index was made with another model, dimension or
   *     preprocessing; the message names both sides and the way out
   */
  public static LuceneImageIndex open(
      Path dir, IndexSettings settings, IndexOptions options, boolean rebuild) throws IOException {
    Files.createDirectories(dir);
    Directory directory = FSDirectory.open(dir);
    try {
      if (!rebuild && DirectoryReader.indexExists(directory)) {
        IndexChecks.checkCompatible(
            dir.toString(), SegmentInfos.readLatestCommit(directory).getUserData(), settings);
      }
      // A rebuild (e.g. for another model) re-reads every image, but people's decisions cannot
      // be re-read from the files: carry them over.
      Decisions kept = Decisions.NONE;
      if (rebuild && DirectoryReader.indexExists(directory)) {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
          kept = LuceneSnapshot.readDecisions(new org.apache.lucene.search.IndexSearcher(reader));
        }
      }
      IndexWriterConfig config = new IndexWriterConfig();
      config.setCodec(new HnswCodec(options.maxConn(), options.beamWidth(), options.quantized()));
      config.setOpenMode(
          rebuild
              ? IndexWriterConfig.OpenMode.CREATE
              : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      config.setRAMBufferSizeMB(options.ramBufferMb());
      IndexWriter writer = new IndexWriter(directory, config);
      writer.setLiveCommitData(settings.toCommitData().entrySet());
      for (java.util.Set<String> set : kept.notDuplicateSets()) {
        writer.addDocument(
            LuceneDocs.decision(Schema.TYPE_NOT_DUPLICATE, new java.util.TreeSet<>(set)));
      }
      for (String path : kept.pinnedKeepers()) {
        writer.addDocument(
            LuceneDocs.decision(Schema.TYPE_KEEP, new java.util.TreeSet<>(List.of(path))));
      }
      LuceneImageIndex index =
          new LuceneImageIndex(dir, directory, writer, settings, options.storePixels());
      if (!DirectoryReader.indexExists(directory) || rebuild) {
        writer.commit(); // an empty index that records its settings opens cleanly after a crash
      }
      return index;
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * Adds every document of the neardup indexes at {@code locations} to this one with Lucene's
   * {@code IndexWriter.addIndexes} (segments copied, not re-analysed), after checking that each was
   * made with this index's format, model, dimension and preprocessing. Documents are not
   * de-duplicated: callers make sure that no path is in two of them.
   *
   * @throws IndexMismatchException naming both sides when a source was made otherwise
   * @throws UnsupportedOperationException when a source is a Solr collection (its documents are not
   *     Lucene segments here)
   */
  @Override
  public void addIndexes(List<IndexLocation> locations) throws IOException {
    List<Path> dirs = new java.util.ArrayList<>();
    for (IndexLocation l : locations) {
      if (!(l instanceof IndexLocation.Embedded e)) {
        throw new UnsupportedOperationException(
            "merge-index adds Lucene segments and works on embedded indexes; "
                + l
                + " is a Solr collection: use 'neardup export' on it and 'neardup import'");
      }
      dirs.add(e.dir());
    }
    List<Directory> sources = new java.util.ArrayList<>();
    try {
      for (Path d : dirs) {
        Directory src = FSDirectory.open(d);
        sources.add(src);
        if (!DirectoryReader.indexExists(src)) {
          throw new IndexMismatchException(d + " holds no index");
        }
        IndexChecks.checkCompatible(
            d.toString(), SegmentInfos.readLatestCommit(src).getUserData(), settings);
        IndexSettings had = readSettings(d);
        if (had.thumbnailMaxSide() != settings.thumbnailMaxSide()) {
          throw new IndexMismatchException(
              d
                  + " stores "
                  + had.thumbnailMaxSide()
                  + " px thumbnails, this index "
                  + settings.thumbnailMaxSide()
                  + " px: their pixel-diff checks would not compare");
        }
      }
      writer.addIndexes(sources.toArray(Directory[]::new));
    } finally {
      for (Directory d : sources) {
        d.close();
      }
    }
  }

  /** Settings recorded in an index's last commit, or null when there is no neardup index there. */
  public static IndexSettings readSettings(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Directory d = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(d)) {
        return null;
      }
      return IndexSettings.fromCommitData(SegmentInfos.readLatestCommit(d).getUserData());
    }
  }

  /** The settings this index was opened with (and records in every commit). */
  @Override
  public IndexSettings settings() {
    return settings;
  }

  /** Folder of the index on disk. */
  @Override
  public Path directory() {
    return dir;
  }

  /**
   * Adds or replaces the document of {@code record.path()}.
   *
   * @return Lucene's sequence number of the change; pass it to {@link #commitThrough} to wait until
   *     it is durable
   */
  @Override
  public long put(ImageRecord record, Origin origin) throws IOException {
    java.util.Objects.requireNonNull(origin, "origin");
    IndexChecks.checkVector(settings, record);
    return writer.updateDocument(
        new Term(Schema.PATH, record.path()), LuceneDocs.image(record, origin, storePixels));
  }

  /**
   * Records that {@code path} could not be read, replacing any earlier document of it.
   *
   * @return Lucene's sequence number of the change (see {@link #commitThrough})
   */
  @Override
  public long putFailure(String path, long fileSize, long mtimeMillis, String reason)
      throws IOException {
    return writer.updateDocument(
        new Term(Schema.PATH, path), LuceneDocs.failure(path, fileSize, mtimeMillis, reason));
  }

  /**
   * Removes the document of {@code path}, if any.
   *
   * @return Lucene's sequence number of the change (see {@link #commitThrough})
   */
  @Override
  public long delete(String path) throws IOException {
    return writer.deleteDocuments(new Term(Schema.PATH, path));
  }

  /**
   * Records that no two of {@code paths} are duplicates, durably (committed before returning).
   * Grouping never puts two of them in one group again. Recording the same set twice is harmless.
   *
   * @param paths absolute, normalised image paths (as in {@link ImageRecord#path()})
   * @throws IllegalArgumentException when fewer than two distinct paths are given
   */
  @Override
  public void markNotDuplicate(java.util.Collection<String> paths) throws IOException {
    java.util.SortedSet<String> set = IndexChecks.decisionPaths(paths);
    if (set.size() < 2) {
      throw new IllegalArgumentException(
          "a not-duplicate decision needs at least two distinct paths; got " + paths);
    }
    writer.updateDocument(
        new Term(Schema.DECISION_KEY, Schema.decisionKey(Schema.TYPE_NOT_DUPLICATE, set)),
        LuceneDocs.decision(Schema.TYPE_NOT_DUPLICATE, set));
    commit();
  }

  /**
   * Forgets the not-duplicate decision recorded for exactly this set of paths (the inverse of
   * {@link #markNotDuplicate}); other sets that contain some of the paths stay.
   */
  @Override
  public void unmarkNotDuplicate(java.util.Collection<String> paths) throws IOException {
    writer.deleteDocuments(
        new Term(
            Schema.DECISION_KEY,
            Schema.decisionKey(Schema.TYPE_NOT_DUPLICATE, IndexChecks.decisionPaths(paths))));
    commit();
  }

  /**
   * Pins {@code path} as an image to keep, and unpins {@code unpin} (e.g. the other images of its
   * group, so that a person's latest choice wins), durably. A pinned image is never removed by
   * grouping: it is always the kept image of its group.
   */
  @Override
  public void pinKeeper(String path, java.util.Collection<String> unpin) throws IOException {
    java.util.SortedSet<String> one = IndexChecks.decisionPaths(List.of(path));
    for (String u : unpin) {
      if (!u.equals(path)) {
        writer.deleteDocuments(keepTerm(u));
      }
    }
    writer.updateDocument(keepTerm(path), LuceneDocs.decision(Schema.TYPE_KEEP, one));
    commit();
  }

  /** Removes the pin of {@code path}, if any, durably. */
  @Override
  public void unpinKeeper(String path) throws IOException {
    writer.deleteDocuments(keepTerm(path));
    commit();
  }

  /** The decisions as of now (a fresh read; cheap, there are few). */
  @Override
  public Decisions decisions() throws IOException {
    try (LuceneSnapshot s = snapshot()) {
      return s.decisions();
    }
  }

  private static Term keepTerm(String path) {
    return new Term(
        Schema.DECISION_KEY,
        Schema.decisionKey(Schema.TYPE_KEEP, IndexChecks.decisionPaths(List.of(path))));
  }

  /** Makes every change so far durable (fsync) and visible to new snapshots. */
  @Override
  public void commit() throws IOException {
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /**
   * Returns once the change with sequence number {@code seqNo} (from {@link #put} or {@link
   * #delete}) is in a durable commit. Group commit: callers waiting here together share one fsync,
   * so many concurrent writers pay for few commits, and a caller whose change an earlier commit
   * already covered returns at once.
   */
  @Override
  public void commitThrough(long seqNo) throws IOException {
    synchronized (commitLock) {
      if (committedSeqNo >= seqNo) {
        return;
      }
      long upTo = writer.getMaxCompletedSequenceNumber(); // every op that returned is in the commit
      writer.commit();
      committedSeqNo = Math.max(committedSeqNo, upTo);
    }
  }

  /** Makes changes visible to new snapshots without the cost of a durable commit. */
  @Override
  public void refresh() throws IOException {
    searchers.maybeRefreshBlocking();
    synchronized (claims) {
      if (!claims.isEmpty()) {
        try (LuceneSnapshot s = snapshot()) {
          claims.keySet().removeIf(sha -> !s.withSha256(sha).isEmpty()); // visible now
        }
      }
    }
  }

  /**
   * True when no live image has the content {@code sha256} and no earlier claim on it is pending
   * (claimed, not yet visible after a {@link #refresh}). The claim's time and lease are not used:
   * claims are this process's, in memory.
   */
  @Override
  public boolean claimContent(ContentClaim claim) throws IOException {
    String sha256 = claim.sha256();
    synchronized (claims) {
      if (claims.containsKey(sha256)) {
        return false;
      }
      try (LuceneSnapshot s = snapshot()) {
        if (!s.withSha256(sha256).isEmpty()) {
          return false;
        }
      }
      claims.put(sha256, claim.path());
      return true;
    }
  }

  @Override
  public void releaseContent(String sha256) {
    synchronized (claims) {
      claims.remove(sha256);
    }
  }

  /** A point-in-time view; close it when done. */
  @Override
  public LuceneSnapshot snapshot() throws IOException {
    return new LuceneSnapshot(searchers, settings);
  }

  /** Size and mtime of every indexed file (images and failures) whose path passes the filter. */
  @Override
  public Map<String, FileState> fileStates(Predicate<String> pathFilter) throws IOException {
    Map<String, FileState> out = new HashMap<>();
    try (LuceneSnapshot s = snapshot()) {
      for (IndexedImage i : s.images(pathFilter)) {
        out.put(
            i.record().path(),
            new FileState(i.record().fileSize(), i.record().mtimeMillis(), false));
      }
      s.failureStates(pathFilter, out);
    }
    return out;
  }

  /** Number of live documents (images and unreadable files). */
  @Override
  public int documentCount() throws IOException {
    try (LuceneSnapshot s = snapshot()) {
      return s.liveCount();
    }
  }

  @Override
  public void close() throws IOException {
    try (directory;
        writer;
        searchers) {
      writer.commit();
    }
  }
}
