package dev.neardup.verify.align;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * A vocabulary tree of binary local descriptors (Nistér and Stewénius 2006, the authors of UKBench;
 * DBoW2's binary form): each descriptor is quantised to a <em>visual word</em>, a leaf of a
 * complete tree of {@code branching^depth} leaves, by descending from the root to the child
 * centroid nearest in Hamming distance at each level. Two images that share many words likely show
 * one object or place, even from another viewpoint, where their pHash and histograms differ.
 *
 * <p><b>Why a tree, not a flat list of centroids.</b> Quantising one descriptor costs {@code
 * branching × depth} Hamming distances (96 for 32³ = 32,768 words) instead of one per word; a large
 * vocabulary is what makes the words specific enough for the inverted index's posting lists to stay
 * short.
 *
 * <p><b>Why a shipped vocabulary.</b> It is trained once ({@link VocabularyTrainer}, seeded
 * k-majority) on AKAZE descriptors of images that are not evaluated on (the shared stills and
 * camera sequences), so a run's answers never depend on which folder, or which order of images, it
 * meets; the file ({@link #akaze()}) records the detector and descriptor length it was made for,
 * and {@link #bag} refuses features of another detector.
 *
 * <p>Descriptors are compared as {@link #LONGS} longs (up to 64 bytes; AKAZE's MLDB has 61, the
 * rest zero). Immutable and thread-safe.
 */
public final class Vocabulary {
  /** Longs per packed descriptor: room for 64 bytes. */
  public static final int LONGS = 8;

  /** Format version written by {@link #encode()}; {@link #decode} refuses any other. */
  public static final int FORMAT_VERSION = 1;

  private static final int MAGIC = 0x4E445657; // "NDVW"
  private static final String AKAZE_RESOURCE = "akaze-words.bin";

  private final FeatureParams.Detector detector;
  private final int branching;
  private final int depth;

  /**
   * Centroids of level {@code l+1} ({@code branching^(l+1)} nodes × LONGS), children contiguous.
   */
  private final long[][] levels;

  private static volatile Vocabulary akaze;

  Vocabulary(FeatureParams.Detector detector, int branching, int depth, long[][] levels) {
    if (branching < 2 || depth < 1 || Math.pow(branching, depth) > WordBag.MAX_WORDS) {
      throw new IllegalArgumentException(
          "a vocabulary needs branching >= 2, depth >= 1 and at most "
              + WordBag.MAX_WORDS
              + " words; got "
              + branching
              + "^"
              + depth);
    }
    if (Features.bytesOf(detector) > LONGS * 8) { // SIFT's 128 float-like bytes are not bits
      throw new IllegalArgumentException("a vocabulary needs binary descriptors; got " + detector);
    }
    long nodes = branching;
    for (int l = 0; l < depth; l++, nodes *= branching) {
      if (levels[l].length != nodes * LONGS) {
        throw new IllegalArgumentException(
            "level " + (l + 1) + " must hold " + nodes + " centroids; got " + levels[l].length);
      }
    }
    this.detector = detector;
    this.branching = branching;
    this.depth = depth;
    this.levels = levels;
  }

  /**
   * The shipped AKAZE vocabulary (resource {@code akaze-words.bin} beside this class), loaded once.
   *
   * @throws IllegalStateException when the resource is missing or unreadable
   */
  public static Vocabulary akaze() {
    Vocabulary v = akaze;
    if (v == null) {
      try (InputStream in = Vocabulary.class.getResourceAsStream(AKAZE_RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("vocabulary resource " + AKAZE_RESOURCE + " is missing");
        }
        v = decode(in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException("reading vocabulary " + AKAZE_RESOURCE, e);
      }
      akaze = v;
    }
    return v;
  }

  /** The detector whose descriptors this vocabulary quantises. */
  public FeatureParams.Detector detector() {
    return detector;
  }

  /** Number of words: {@code branching^depth}. */
  public int size() {
    int n = 1;
    for (int l = 0; l < depth; l++) {
      n *= branching;
    }
    return n;
  }

  public int branching() {
    return branching;
  }

  public int depth() {
    return depth;
  }

  /**
   * The word of the packed descriptor at {@code desc[off .. off + LONGS)}: the nearest child at
   * each level, the lowest index among equals.
   */
  public int word(long[] desc, int off) {
    int node = 0;
    for (int l = 0; l < depth; l++) {
      long[] c = levels[l];
      int first = node * branching;
      int best = first;
      int bestD = Integer.MAX_VALUE;
      for (int k = first; k < first + branching; k++) {
        int d = hamming(c, k * LONGS, desc, off);
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      node = best;
    }
    return node;
  }

  /**
   * The bag of words of one keypoint set.
   *
   * @throws IllegalArgumentException when the descriptors are not of this vocabulary's length
   */
  public WordBag bag(Features.Keypoints k, int descriptorBytes) {
    if (descriptorBytes != Features.bytesOf(detector)) {
      throw new IllegalArgumentException(
          "a "
              + detector
              + " vocabulary quantises "
              + Features.bytesOf(detector)
              + "-byte descriptors; got "
              + descriptorBytes);
    }
    long[] packed = pack(k.descriptors(), descriptorBytes);
    int n = packed.length / LONGS;
    int[] words = new int[n];
    for (int i = 0; i < n; i++) {
      words[i] = word(packed, i * LONGS);
    }
    return WordBag.of(words);
  }

  /** The bag of words of the image as it is ({@link Features#plain()}). */
  public WordBag bag(Features f) {
    if (f.detector() != detector) {
      throw new IllegalArgumentException(
          "a " + detector + " vocabulary cannot quantise " + f.detector() + " features");
    }
    return bag(f.plain(), f.descriptorBytes());
  }

  /** Descriptors of {@code bytes} bytes each, packed into {@link #LONGS} little-endian longs. */
  static long[] pack(byte[] descriptors, int bytes) {
    if (bytes > LONGS * 8 || descriptors.length % bytes != 0) {
      throw new IllegalArgumentException(
          "descriptors of " + bytes + " bytes cannot be packed from " + descriptors.length);
    }
    int n = descriptors.length / bytes;
    long[] out = new long[n * LONGS];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < bytes; j++) {
        out[i * LONGS + j / 8] |= (descriptors[i * bytes + j] & 0xFFL) << ((j % 8) * 8);
      }
    }
    return out;
  }

  static int hamming(long[] a, int offA, long[] b, int offB) {
    int d = 0;
    for (int i = 0; i < LONGS; i++) {
      d += Long.bitCount(a[offA + i] ^ b[offB + i]);
    }
    return d;
  }

  /**
   * Trains a tree by k-majority at every node (binary k-means: Hamming assignment, per-bit majority
   * update), seeded: the same descriptors and seed give the same vocabulary.
   *
   * @param packed training descriptors, {@link #LONGS} longs each
   * @param iterations k-majority rounds per node
   */
  static Vocabulary train(
      FeatureParams.Detector detector,
      long[] packed,
      int branching,
      int depth,
      int iterations,
      long seed) {
    int n = packed.length / LONGS;
    long[][] levels = new long[depth][];
    int nodes = 1;
    for (int l = 0; l < depth; l++) {
      nodes *= branching;
      levels[l] = new long[nodes * LONGS];
    }
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Random random = new Random(seed);
    split(packed, all, 0, 0, branching, depth, iterations, random, levels);
    return new Vocabulary(detector, branching, depth, levels);
  }

  /** Clusters {@code members} into the children of {@code node} at {@code level}, recursively. */
  private static void split(
      long[] packed,
      int[] members,
      int level,
      int node,
      int branching,
      int depth,
      int iterations,
      Random random,
      long[][] levels) {
    long[] centroids = levels[level];
    int first = node * branching;
    if (members.length == 0) {
      // An empty subtree: its leaves copy the parent (never nearer than their first sibling).
      long[] parent = level == 0 ? new long[LONGS] : levels[level - 1];
      int from = level == 0 ? 0 : node * LONGS;
      for (int k = 0; k < branching; k++) {
        System.arraycopy(parent, from, centroids, (first + k) * LONGS, LONGS);
      }
    } else {
      kMajority(packed, members, centroids, first, branching, iterations, random);
    }
    if (level + 1 == depth) {
      return;
    }
    int[] assign = assign(packed, members, centroids, first, branching);
    for (int k = 0; k < branching; k++) {
      int count = 0;
      for (int a : assign) {
        count += a == k ? 1 : 0;
      }
      int[] child = new int[count];
      int c = 0;
      for (int i = 0; i < members.length; i++) {
        if (assign[i] == k) {
          child[c++] = members[i];
        }
      }
      split(packed, child, level + 1, first + k, branching, depth, iterations, random, levels);
    }
  }

  private static void kMajority(
      long[] packed,
      int[] members,
      long[] centroids,
      int first,
      int branching,
      int iterations,
      Random random) {
    // Seeds: distinct members where there are enough, else repeated (duplicates stay unused).
    int[] order = members.clone();
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    for (int k = 0; k < branching; k++) {
      System.arraycopy(
          packed, order[k % order.length] * LONGS, centroids, (first + k) * LONGS, LONGS);
    }
    int bits = LONGS * 64;
    for (int it = 0; it < iterations; it++) {
      int[] assign = assign(packed, members, centroids, first, branching);
      int[][] ones = new int[branching][bits];
      int[] sizes = new int[branching];
      for (int i = 0; i < members.length; i++) {
        int k = assign[i];
        sizes[k]++;
        int off = members[i] * LONGS;
        for (int w = 0; w < LONGS; w++) {
          long v = packed[off + w];
          while (v != 0) {
            int b = Long.numberOfTrailingZeros(v);
            ones[k][w * 64 + b]++;
            v &= v - 1;
          }
        }
      }
      boolean changed = false;
      for (int k = 0; k < branching; k++) {
        if (sizes[k] == 0) {
          continue; // keeps its seed
        }
        long[] c = new long[LONGS];
        for (int b = 0; b < bits; b++) {
          if (2 * ones[k][b] > sizes[k]) {
            c[b / 64] |= 1L << (b % 64);
          }
        }
        int at = (first + k) * LONGS;
        if (!Arrays.equals(c, 0, LONGS, centroids, at, at + LONGS)) {
          System.arraycopy(c, 0, centroids, at, LONGS);
          changed = true;
        }
      }
      if (!changed) {
        return;
      }
    }
  }

  private static int[] assign(
      long[] packed, int[] members, long[] centroids, int first, int branching) {
    int[] out = new int[members.length];
    for (int i = 0; i < members.length; i++) {
      int best = 0;
      int bestD = Integer.MAX_VALUE;
      for (int k = 0; k < branching; k++) {
        int d = hamming(centroids, (first + k) * LONGS, packed, members[i] * LONGS);
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      out[i] = best;
    }
    return out;
  }

  /**
   * The binary form: magic, {@link #FORMAT_VERSION}, detector, branching, depth, then every level's
   * centroids as big-endian longs.
   */
  public byte[] encode() {
    int longs = 0;
    for (long[] l : levels) {
      longs += l.length;
    }
    ByteBuffer b = ByteBuffer.allocate(4 + 1 + 1 + 4 + 4 + 8 * longs);
    b.putInt(MAGIC).put((byte) FORMAT_VERSION).put((byte) detector.ordinal());
    b.putInt(branching).putInt(depth);
    for (long[] l : levels) {
      for (long v : l) {
        b.putLong(v);
      }
    }
    return b.array();
  }

  /**
   * Reads the form {@link #encode()} writes.
   *
   * @throws IllegalArgumentException when the bytes are not a vocabulary, of another version,
   *     truncated or followed by more bytes
   */
  public static Vocabulary decode(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes);
    try {
      if (b.getInt() != MAGIC) {
        throw new IllegalArgumentException("not a vocabulary (bad magic)");
      }
      int version = b.get();
      if (version != FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "vocabulary format version "
                + version
                + " is not supported; expected "
                + FORMAT_VERSION);
      }
      int ordinal = b.get();
      FeatureParams.Detector[] detectors = FeatureParams.Detector.values();
      if (ordinal < 0 || ordinal >= detectors.length) {
        throw new IllegalArgumentException("unknown feature detector code " + ordinal);
      }
      int branching = b.getInt();
      int depth = b.getInt();
      if (branching < 2 || depth < 1 || Math.pow(branching, depth) > WordBag.MAX_WORDS) {
        throw new IllegalArgumentException(
            "vocabulary of " + branching + "^" + depth + " words is out of range");
      }
      long[][] levels = new long[depth][];
      int nodes = 1;
      for (int l = 0; l < depth; l++) {
        nodes *= branching;
        levels[l] = new long[nodes * LONGS];
        for (int i = 0; i < levels[l].length; i++) {
          levels[l][i] = b.getLong();
        }
      }
      if (b.hasRemaining()) {
        throw new IllegalArgumentException(b.remaining() + " trailing bytes after the vocabulary");
      }
      return new Vocabulary(detectors[ordinal], branching, depth, levels);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("truncated vocabulary (" + bytes.length + " bytes)", e);
    }
  }
}
