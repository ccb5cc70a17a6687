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
 */
public record IndexOptions(
    int maxConn, int beamWidth, boolean quantized, double ramBufferMb, CacheBudget cache) {
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

  /** Lucene's defaults: M = 16, beam 100, float vectors, 64 MB buffer; the default cache budget. */
  public static IndexOptions defaults() {
    return new IndexOptions(16, 100, false, 64, CacheBudget.defaults());
  }

  /** These options with the cache budget {@code budget}. */
  public IndexOptions withCache(CacheBudget budget) {
    return new IndexOptions(maxConn, beamWidth, quantized, ramBufferMb, budget);
  }
}
