package dev.neardup.index;

import dev.neardup.config.CacheBudget;
import java.util.Objects;

/**
 * How the HNSW graph is built, and how much a snapshot may cache.
 *
 * @param maxConn graph degree M (Lucene default 16)
 * @param beamWidth candidates kept while inserting (Lucene default 100)
 * @param quantized int8 scalar quantisation for the graph (raw floats are kept as well)
 * @param ramBufferMb IndexWriter buffer before a segment is flushed
 * @param cache the budget whose document and vector shares a Solr snapshot caches fetched binaries
 *     in (the embedded index reads them from its own files and caches nothing)
 * @param storePixels whether each image document also stores its grayscale verification image (a
 *     self-contained index, for originals on slow or removable storage: about 77 KB per 320×240
 *     frame and 300 KB per 640×480 photo). Off by default: the index then holds only what search
 *     and pruning need (hashes, histograms, block signature, embedding), and the pixel check reads
 *     the file itself ({@link IndexSnapshot#verificationImage}), refusing one that changed since it
 *     was indexed.
 */
public record IndexOptions(
    int maxConn,
    int beamWidth,
    boolean quantized,
    double ramBufferMb,
    CacheBudget cache,
    boolean storePixels) {
  public IndexOptions {
    if (maxConn < 2 || maxConn > 512) {
      throw new IllegalArgumentException("hnsw max_conn must be in [2, 512]; got " + maxConn);
    }
    if (beamWidth < 1 || beamWidth > 3200) {
      throw new IllegalArgumentException("hnsw beam_width must be in [1, 3200]; got " + beamWidth);
    }
    if (!(ramBufferMb >= 1)) {
      throw new IllegalArgumentException("ram buffer must be >= 1 MB; got " + ramBufferMb);
    }
    Objects.requireNonNull(cache, "cache");
  }

  /**
   * Lucene's defaults: M = 16, beam 100, float vectors, 64 MB buffer; the default cache budget; no
   * stored pixels.
   */
  public static IndexOptions defaults() {
    return new IndexOptions(16, 100, false, 64, CacheBudget.defaults(), false);
  }

  /** These options with the cache budget {@code budget}. */
  public IndexOptions withCache(CacheBudget budget) {
    return new IndexOptions(maxConn, beamWidth, quantized, ramBufferMb, budget, storePixels);
  }

  /** These options, storing verification images in the index or not. */
  public IndexOptions withStorePixels(boolean store) {
    return new IndexOptions(maxConn, beamWidth, quantized, ramBufferMb, cache, store);
  }
}
