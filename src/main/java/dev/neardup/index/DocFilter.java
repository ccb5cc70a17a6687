package dev.neardup.index;

import java.util.BitSet;

/**
 * A set of doc ids of one {@link IndexSnapshot} (e.g. the images kept so far while grouping), to
 * restrict a k-NN search with {@link IndexSnapshot#nearestAmong}. The project owns this type so
 * that no caller of an index sees a backend's own: the embedded index wraps it in a Lucene query,
 * the Solr one turns it into an id filter. The backends read it live, so a set may grow between two
 * searches. Not thread-safe.
 */
public final class DocFilter {
  private final BitSet bits;
  private final int capacity;

  /** An empty set for the doc ids {@code [0, maxDoc)} of a snapshot. */
  public DocFilter(int maxDoc) {
    this.capacity = Math.max(1, maxDoc);
    this.bits = new BitSet(capacity);
  }

  /**
   * Adds {@code doc}.
   *
   * @throws IndexOutOfBoundsException when {@code doc} is outside {@code [0, maxDoc)}
   */
  public void add(int doc) {
    if (doc < 0 || doc >= capacity) {
      throw new IndexOutOfBoundsException("doc " + doc + " is outside [0, " + capacity + ")");
    }
    bits.set(doc);
  }

  /** True when {@code doc} was added (false for any doc id outside the set's range). */
  public boolean contains(int doc) {
    return doc >= 0 && doc < capacity && bits.get(doc);
  }

  /** Number of doc ids in the set. */
  public int cardinality() {
    return bits.cardinality();
  }

  /** The smallest doc id in the set that is {@code >= from}, or -1 when there is none. */
  public int next(int from) {
    return from >= capacity ? -1 : bits.nextSetBit(Math.max(0, from));
  }

  /** The exclusive upper bound of the doc ids this set can hold ({@code maxDoc}, at least 1). */
  public int capacity() {
    return capacity;
  }

  @Override
  public String toString() {
    return "DocFilter(" + cardinality() + " docs)";
  }
}
