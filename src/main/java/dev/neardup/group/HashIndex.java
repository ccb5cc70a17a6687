package dev.neardup.group;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Multi-index hashing of 64-bit hashes (Norouzi, Punjani and Fleet, 2012): every id whose hash is
 * within a Hamming radius of a query, without comparing the query with every hash.
 *
 * <p><b>Why none is missed.</b> A hash is cut into four 16-bit chunks, and each chunk value has its
 * table. If two hashes differ in {@code d ≤ r} bits, those bits fall into four chunks, so at least
 * one chunk differs in at most {@code floor(r / 4)} bits (else the four together would differ in at
 * least {@code 4·(floor(r / 4) + 1) > r}). So looking up, in each chunk's table, every value within
 * {@code floor(r / 4)} bits of the query's chunk reaches every hash within {@code r}; each one
 * reached is then compared whole, so the answer is exactly the scan's. When those look-ups would be
 * more than the hashes themselves (a wide radius on a small set), the hashes are scanned. Not
 * thread-safe.
 */
final class HashIndex {
  private static final int CHUNKS = 4;
  private static final int BITS = 16;

  private long[] hashes = new long[16];
  private int size;
  private final Map<Integer, int[]>[] tables;

  /** Per id, the last query that reached it (to report each once). */
  private int[] seen = new int[16];

  private int query;

  @SuppressWarnings("unchecked")
  HashIndex() {
    tables = new Map[CHUNKS];
    for (int c = 0; c < CHUNKS; c++) {
      tables[c] = new HashMap<>();
    }
  }

  int size() {
    return size;
  }

  /** Adds {@code hash}; its id is the number of hashes added before it. */
  int add(long hash) {
    int id = size;
    if (id == hashes.length) {
      hashes = Arrays.copyOf(hashes, id * 2);
      seen = Arrays.copyOf(seen, id * 2);
    }
    hashes[id] = hash;
    size++;
    for (int c = 0; c < CHUNKS; c++) {
      int[] list = tables[c].get(chunk(hash, c));
      if (list == null) {
        list = new int[] {0, 0, 0, 0};
      } else if (list[0] + 1 == list.length) {
        list = Arrays.copyOf(list, list.length * 2);
      }
      list[++list[0]] = id; // list[0] holds the count
      tables[c].put(chunk(hash, c), list);
    }
    return id;
  }

  /**
   * Passes to {@code out} every id whose hash differs from {@code q} in at most {@code radius}
   * bits, once each per call.
   */
  void query(long q, int radius, IntConsumer out) {
    if (radius < 0 || size == 0) {
      return;
    }
    int r = radius / CHUNKS;
    long lookups = 0;
    for (int i = 0; i <= Math.min(r, BITS); i++) {
      lookups += binomial(BITS, i);
    }
    if (radius >= 64 || lookups * CHUNKS >= size) {
      for (int id = 0; id < size; id++) {
        if (Long.bitCount(hashes[id] ^ q) <= radius) {
          out.accept(id);
        }
      }
      return;
    }
    query++;
    if (query == 0) {
      Arrays.fill(seen, 0);
      query = 1;
    }
    for (int c = 0; c < CHUNKS; c++) {
      visit(c, chunk(q, c), 0, r, q, radius, out);
    }
  }

  /** Every chunk value within {@code left} more flipped bits (from bit {@code from} up). */
  private void visit(int c, int value, int from, int left, long q, int radius, IntConsumer out) {
    int[] list = tables[c].get(value);
    if (list != null) {
      for (int k = 1; k <= list[0]; k++) {
        int id = list[k];
        if (seen[id] != query) {
          seen[id] = query;
          if (Long.bitCount(hashes[id] ^ q) <= radius) {
            out.accept(id);
          }
        }
      }
    }
    if (left == 0) {
      return;
    }
    for (int b = from; b < BITS; b++) {
      visit(c, value ^ (1 << b), b + 1, left - 1, q, radius, out);
    }
  }

  private static int chunk(long hash, int c) {
    return (int) (hash >>> (c * BITS)) & 0xffff;
  }

  private static long binomial(int n, int k) {
    long b = 1;
    for (int i = 0; i < k; i++) {
      b = b * (n - i) / (i + 1);
    }
    return b;
  }
}
