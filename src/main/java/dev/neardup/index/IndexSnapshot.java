package dev.neardup.index;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentHashes;
import dev.neardup.image.FilePixels;
import dev.neardup.image.GrayImage;
import dev.neardup.image.NotVerifiableException;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;

/**
 * A point-in-time view of an {@link ImageIndex}: doc ids are dense ints in {@code [0, maxDoc())},
 * stable for the snapshot's whole life and meaningless outside it. Close it when done. Not
 * thread-safe; open one per thread.
 *
 * <p>In the embedded index the doc ids are Lucene's; in a Solr snapshot they are ordinals the
 * snapshot assigned to the documents it listed when it was opened.
 */
public interface IndexSnapshot extends Closeable {

  /** What made the index this snapshot shows (model, thumbnail side). */
  IndexSettings settings();

  /** Upper bound (exclusive) of doc ids in this snapshot. */
  int maxDoc();

  /** Live image documents whose path passes {@code pathFilter}, with metadata only, by doc id. */
  List<IndexedImage> images(Predicate<String> pathFilter);

  /** Files that could not be read, whose path passes {@code pathFilter}, sorted by path. */
  List<FailedFile> failures(Predicate<String> pathFilter);

  /** The decisions recorded in this snapshot (read once, then cached). */
  Decisions decisions();

  /** Number of live documents. */
  int liveCount();

  /** Doc ids of the live images whose content hash is {@code sha256}, in doc id order. */
  List<Integer> withSha256(String sha256);

  /**
   * Doc ids of the live images whose {@link ImageIds id} is {@code id}, in doc id order (normally
   * zero or one).
   */
  List<Integer> withId(String id);

  /**
   * The version of the index this snapshot shows: it changes with every refresh that saw a change,
   * so results computed from a snapshot can be cached under it.
   */
  long version();

  /** Metadata of one image document (no vector, no thumbnail). */
  ImageRecord record(int docId);

  /**
   * The grayscale verification image stored with an image document, or null when the index does not
   * store pixels ({@link IndexOptions#storePixels}). Callers that check pixels ask {@link
   * #verificationImage} instead.
   */
  GrayImage thumbnail(int docId);

  /**
   * The verification image of an image document, as it was indexed: the stored one when the index
   * keeps pixels, else read from the image's own file by {@link FilePixels}, which refuses a file
   * that is gone, changed since it was indexed, or decodes otherwise.
   *
   * @throws NotVerifiableException when the pixels cannot be had as they were indexed
   */
  default GrayImage verificationImage(int docId) {
    GrayImage stored = thumbnail(docId);
    if (stored != null) {
      return stored;
    }
    ImageRecord r = record(docId);
    IndexSettings made = settings();
    return FilePixels.read(
        r.path(),
        r.sha256(),
        r.pixels(),
        signature(docId),
        made.thumbnailMaxSide(),
        made.hasVectors());
  }

  /**
   * Who sent an image document and when it arrived ({@link Origin#UNKNOWN} for one indexed
   * without).
   */
  Origin origin(int docId);

  /** Number of live image documents sent by {@code source}. */
  int countFromSource(String source);

  /** The block signature of a document's verification image (stored at index time). */
  BlockSignature signature(int docId);

  /** The geometric pHash variants of a document's verification image. */
  long[] phashVariants(int docId);

  /** The gray histogram of a document's verification image. */
  float[] histogram(int docId);

  /**
   * The pHash variants and histogram of the content inside a document's uniform borders ({@link
   * ContentHashes#NONE} when its verification image has none).
   */
  ContentHashes contentHashes(int docId);

  /** True when some image of this snapshot has an embedding. */
  boolean hasVectors();

  /** The stored embedding of an image document, or null when it has none. */
  float[] vector(int docId);

  /**
   * The {@code k} nearest image vectors to {@code query} by cosine, best first, ties broken by doc
   * id so that results are deterministic.
   */
  List<Neighbor> nearest(float[] query, int k);

  /**
   * The {@code k} nearest neighbours among the doc ids in {@code allowed} (e.g. the images kept so
   * far while grouping), best first, ties broken by doc id.
   */
  List<Neighbor> nearestAmong(float[] query, int k, DocFilter allowed);

  @Override
  void close() throws IOException;
}
