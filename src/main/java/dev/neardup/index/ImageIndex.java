package dev.neardup.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The image index: one document per image (or per unreadable file), keyed by the image's absolute,
 * normalised path, with its embedding searchable by k-NN, and the settings that made it recorded in
 * the index itself.
 *
 * <p>Two implementations: the embedded default (a Lucene index in a local folder, {@link
 * IndexLocation.Embedded}) and a SolrCloud collection shared by many machines ({@link
 * IndexLocation.Solr}). An {@link IndexLocation} opens either; callers never branch on which one
 * they hold.
 *
 * <p>Every method is thread-safe. A change is visible to new {@link #snapshot snapshots} after
 * {@link #refresh} (or {@link #commit}) and durable after {@link #commit} or {@link
 * #commitThrough}.
 */
public interface ImageIndex extends Closeable {

  /** The settings this index was opened with (and records). */
  IndexSettings settings();

  /**
   * Adds every document of the neardup indexes at {@code sources} to this one with Lucene's {@code
   * IndexWriter.addIndexes} (segments copied, not re-analysed), after checking that each was made
   * with this index's format, model, dimension and preprocessing. Documents are not de-duplicated:
   * callers make sure that no path is in two of them. Embedded indexes only: a collection, as a
   * source or as the target, refuses.
   *
   * @throws IndexMismatchException naming both sides when a source was made otherwise
   * @throws UnsupportedOperationException when this index or a source is a Solr collection
   */
  void addIndexes(List<IndexLocation> sources) throws IOException;

  /**
   * The local folder of the index. A remote index returns the local folder it would otherwise use
   * (it holds nothing), so that callers may still exclude it from scans; see {@link #location()}.
   */
  Path directory();

  /** Where the index lives, for people: a folder, or a Solr collection's URL. */
  default String location() {
    return directory().toAbsolutePath().normalize().toString();
  }

  /**
   * Adds or replaces the document of {@code record.path()}.
   *
   * @return a sequence number of the change; pass it to {@link #commitThrough} to wait until it is
   *     durable
   * @throws IllegalArgumentException when the vector does not fit the index's settings
   */
  default long put(ImageRecord record) throws IOException {
    return put(record, Origin.UNKNOWN);
  }

  /**
   * Adds or replaces the document of {@code record.path()}, with who sent it (read back with {@link
   * IndexSnapshot#origin}).
   *
   * @return a sequence number of the change (see {@link #commitThrough})
   * @throws IllegalArgumentException when the vector does not fit the index's settings
   */
  long put(ImageRecord record, Origin origin) throws IOException;

  /**
   * Records that {@code path} could not be read, replacing any earlier document of it.
   *
   * @return a sequence number of the change (see {@link #commitThrough})
   */
  long putFailure(String path, long fileSize, long mtimeMillis, String reason) throws IOException;

  /**
   * Removes the document of {@code path}, if any.
   *
   * @return a sequence number of the change (see {@link #commitThrough})
   */
  long delete(String path) throws IOException;

  /**
   * Claims the content {@code claim.sha256()} for {@code claim.path()}: true for exactly one caller
   * while the claim stands, false for every other, however many threads, processes or machines
   * share the index. Ingest claims an upload's (or a watched file's) bytes before storing it, so
   * that of identical copies arriving at several machines at once exactly one is unique.
   *
   * <p>A SolrCloud collection settles it with optimistic concurrency on a claim document (durable,
   * committed before returning) that records the owner (the machine) and the claim's time; a claim
   * that outlived its lease ({@link ContentClaim#outlives}, its owner taken to be gone) is taken
   * over, again with optimistic concurrency, so of several machines taking it over exactly one
   * wins. The embedded index answers from its own state under one lock (false also when a live
   * image has the content); its claims live in memory and die with the process, so none outlives it
   * and the lease is not used.
   */
  boolean claimContent(ContentClaim claim) throws IOException;

  /** Drops the claim of {@code sha256}, if any (its image was deleted). */
  void releaseContent(String sha256) throws IOException;

  /**
   * Records that no two of {@code paths} are duplicates, durably (committed before returning).
   * Grouping never puts two of them in one group again. Recording the same set twice is harmless.
   *
   * @param paths absolute, normalised image paths (as in {@link ImageRecord#path()})
   * @throws IllegalArgumentException when fewer than two distinct paths are given
   */
  void markNotDuplicate(Collection<String> paths) throws IOException;

  /**
   * Forgets the not-duplicate decision recorded for exactly this set of paths (the inverse of
   * {@link #markNotDuplicate}); other sets that contain some of the paths stay.
   */
  void unmarkNotDuplicate(Collection<String> paths) throws IOException;

  /**
   * Pins {@code path} as an image to keep, and unpins {@code unpin} (e.g. the other images of its
   * group, so that a person's latest choice wins), durably. A pinned image is never removed by
   * grouping: it is always the kept image of its group.
   */
  void pinKeeper(String path, Collection<String> unpin) throws IOException;

  /** Removes the pin of {@code path}, if any, durably. */
  void unpinKeeper(String path) throws IOException;

  /** The decisions as of now (a fresh read; cheap, there are few). */
  Decisions decisions() throws IOException;

  /** Makes every change so far durable and visible to new snapshots. */
  void commit() throws IOException;

  /**
   * Returns once the change with sequence number {@code seqNo} (from {@link #put} or {@link
   * #delete}) is durable. Callers waiting together share one commit; a caller whose change an
   * earlier commit already covered returns at once.
   */
  void commitThrough(long seqNo) throws IOException;

  /** Makes changes visible to new snapshots without the cost of a durable commit. */
  void refresh() throws IOException;

  /** A point-in-time view; close it when done. */
  IndexSnapshot snapshot() throws IOException;

  /** Size and mtime of every indexed file (images and failures) whose path passes the filter. */
  Map<String, FileState> fileStates(Predicate<String> pathFilter) throws IOException;

  /** Number of live documents (images and unreadable files). */
  int documentCount() throws IOException;
}
