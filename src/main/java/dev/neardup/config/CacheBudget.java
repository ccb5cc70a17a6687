package dev.neardup.config;

/**
 * The one memory budget of the caches that only decide what is recomputed or fetched again, and the
 * one place it is split among them ({@code --cache-mb}, {@link Defaults#CACHE_MB}).
 *
 * <ul>
 *   <li>{@link #preparedBytes()}, 3/4: the prepared verification images of a grouping or search
 *       session ({@code group/CandidateFinder}, weighed by {@code Prepared.heapBytes()}), the cache
 *       a grouping hits most;
 *   <li>{@link #documentBytes()}, 6/32: the binaries a Solr snapshot fetched (thumbnails,
 *       signatures; {@code index/solr/SolrSnapshot});
 *   <li>{@link #vectorBytes()}, 1/32: the raw vectors a Solr snapshot fetched;
 *   <li>{@link #resizedSignatureBytes()}, 1/32: kept images' block signatures at smaller probes'
 *       sizes ({@code group/ResizedSignatures}), a few KB each.
 * </ul>
 *
 * <p>Why these fractions: at the default of 1024 MiB they are the budgets measured and hard-coded
 * before there was a setting (768 MiB of prepared images, 224 + 32 MiB of Solr documents and
 * vectors), less 32 MiB of the documents' share for the resized signatures. No budget changes an
 * answer: an evicted entry is prepared or fetched again. Peak memory is about this budget plus what
 * a grouping keeps for each kept image (its signatures) and the index's own readers.
 *
 * @param bytes the whole budget, > 0
 */
public record CacheBudget(long bytes) {
  /** The default budget in MiB (the table's {@code cache-mb}). */
  public static final int DEFAULT_MIB = 1024;

  /**
   * @throws IllegalArgumentException when {@code bytes} is not positive, naming it
   */
  public CacheBudget {
    if (bytes <= 0) {
      throw new IllegalArgumentException("cache budget must be > 0 bytes; got " + bytes);
    }
  }

  /** The budget of {@code mib} MiB. */
  public static CacheBudget ofMib(long mib) {
    if (mib <= 0) {
      throw new IllegalArgumentException("cache-mb must be > 0; got " + mib);
    }
    return new CacheBudget(mib << 20);
  }

  /** The default budget, {@link #DEFAULT_MIB} MiB. */
  public static CacheBudget defaults() {
    return ofMib(DEFAULT_MIB);
  }

  /** Bytes of prepared images one search session keeps: 3/4. */
  public long preparedBytes() {
    return bytes / 4 * 3;
  }

  /** Bytes of fetched Solr documents (thumbnails, signatures) one snapshot keeps: 6/32. */
  public long documentBytes() {
    return bytes / 32 * 6;
  }

  /** Bytes of kept images' signatures at smaller probes' sizes a finder keeps: 1/32. */
  public long resizedSignatureBytes() {
    return bytes / 32;
  }

  /** Bytes of fetched raw vectors one Solr snapshot keeps: 1/32. */
  public long vectorBytes() {
    return bytes / 32;
  }
}
