package dev.neardup.group;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentHashes;
import dev.neardup.image.TileHistograms;
import dev.neardup.index.DocFilter;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.verify.BorderMask;
import dev.neardup.verify.SignatureBound;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.align.Vocabulary;
import dev.neardup.verify.align.WordBag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The images a probe is compared with: the images kept so far while grouping, or every indexed
 * image for a query or an ingest (whose index holds only the images it kept). Indexed by content
 * hash, by camera and by snapshot doc id, so that the {@link CandidateFinder} can ask for the
 * likely matches first and restrict k-NN searches to these images; and by signature, pHash variants
 * and histogram ({@link SignatureIndex}, {@link GeometricIndex}), so that without a model a probe
 * reaches only the kept images that can pass, not every one; and by visual words ({@link
 * WordIndex}) for the same-scene proposals of {@code --verify scene}.
 *
 * <p>Thread-safe: a query's kept set is shared by concurrent requests (the indexes take in new
 * images under this object's lock); the entries' lists are only changed by {@link #add}, which
 * grouping calls from its one thread.
 */
public final class KeptImages {
  /** One kept image. */
  static final class Entry {
    final int doc;
    final ImageRecord record;
    final int rank;
    // Read on first use; volatile because a query's kept set is shared by the service's threads
    // (a value read twice by two threads is the same value).
    private volatile BlockSignature signature;
    private volatile long[] variants;
    private volatile float[] histogram;
    private volatile ContentHashes content;
    private volatile WordBag words;

    /**
     * Its tiles' histograms ({@link TileHistograms}), once its pixels have been read in this
     * process; null before, or for a grid without them. Never read from the index.
     */
    private volatile TileHistograms tiles;

    Entry(int doc, ImageRecord record, int rank) {
      this.doc = doc;
      this.record = record;
      this.rank = rank;
    }

    /** Takes the values {@code older} has read: it is the same image (same path and bytes). */
    private void reuse(Entry older) {
      signature = older.signature;
      variants = older.variants;
      histogram = older.histogram;
      content = older.content;
      words = older.words;
      tiles = older.tiles;
    }

    /** Its tiles' histograms, or null when its pixels have not been read yet. */
    TileHistograms tiles() {
      return tiles;
    }

    /** Keeps {@code made}, the histograms of its verification image, unless it has them. */
    void tiles(TileHistograms made) {
      if (tiles == null) {
        tiles = made;
      }
    }

    /** Its visual words, computed by {@code compute} on first use. */
    WordBag words(Function<Entry, WordBag> compute) {
      WordBag w = words;
      if (w == null) {
        w = compute.apply(this);
        words = w;
      }
      return w;
    }

    ContentHashes content(IndexSnapshot snapshot) {
      if (content == null) {
        content = snapshot.contentHashes(doc);
      }
      return content;
    }

    float[] histogram(IndexSnapshot snapshot) {
      if (histogram == null) {
        histogram = snapshot.histogram(doc);
      }
      return histogram;
    }

    long[] variants(IndexSnapshot snapshot) {
      if (variants == null) {
        variants = snapshot.phashVariants(doc);
      }
      return variants;
    }

    BlockSignature signature(IndexSnapshot snapshot) {
      if (signature == null) {
        signature = snapshot.signature(doc);
      }
      return signature;
    }
  }

  private final List<Entry> all = new ArrayList<>();
  private final Map<Integer, Entry> byDoc = new HashMap<>();
  private final Map<String, List<Entry>> bySha = new HashMap<>();
  private final Map<String, List<Entry>> byCamera = new HashMap<>();
  private final DocFilter docs;

  /** The kept images' signatures, indexed up to {@link #signaturesIndexed}; built on first use. */
  private SignatureIndex signatures;

  private int signaturesIndexed;

  /** The kept images' hashes and histograms, indexed up to {@link #geometricIndexed}. */
  private GeometricIndex geometric;

  private int geometricIndexed;

  /** The kept images' visual words, indexed up to {@link #wordsIndexed}; built on first use. */
  private WordIndex words;

  private Vocabulary wordsVocabulary;
  private int wordsIndexed;

  /** An empty set for an index of {@code maxDoc} doc ids. */
  public KeptImages(int maxDoc) {
    this.docs = new DocFilter(maxDoc);
  }

  /** Every live image of {@code snapshot}, in doc id order (query and ingest). */
  public static KeptImages everyImage(IndexSnapshot snapshot) {
    return everyImage(snapshot, null);
  }

  /**
   * {@link #everyImage(IndexSnapshot)}, taking the values (signatures, hashes, histograms) that
   * {@code older} already read for the same images (same path and SHA-256) instead of reading them
   * again: an index changed by an upload mostly holds the images it held before.
   *
   * @param older the kept set of an earlier snapshot of the same index, or null
   */
  public static KeptImages everyImage(IndexSnapshot snapshot, KeptImages older) {
    KeptImages k = new KeptImages(snapshot.maxDoc());
    List<IndexedImage> images = new ArrayList<>(snapshot.images(p -> true));
    // Camera frames in time order, so that "the most recent kept frame" means the same as while
    // grouping.
    images.sort(
        (a, b) -> {
          int c = Long.compare(a.record().timestampMillis(), b.record().timestampMillis());
          return c != 0 ? c : Integer.compare(a.docId(), b.docId());
        });
    Map<String, Entry> before = new HashMap<>();
    if (older != null) {
      synchronized (older) {
        for (Entry e : older.all) {
          before.put(e.record.path(), e);
        }
      }
    }
    for (IndexedImage i : images) {
      Entry e = k.add(i.docId(), i.record());
      Entry o = before.get(i.record().path());
      if (o != null && o.record.sha256().equals(i.record().sha256())) {
        e.reuse(o);
      }
    }
    return k;
  }

  /**
   * Adds a kept image; camera frames must be added in time order. The indexes take it in on their
   * next query.
   */
  public synchronized Entry add(int doc, ImageRecord record) {
    Entry e = new Entry(doc, record, all.size());
    all.add(e);
    byDoc.put(doc, e);
    bySha.computeIfAbsent(record.sha256(), s -> new ArrayList<>()).add(e);
    if (record.isCameraFrame()) {
      byCamera.computeIfAbsent(record.camera(), c -> new ArrayList<>()).add(e);
    }
    docs.add(doc);
    return e;
  }

  /**
   * Passes to {@code out} every kept image whose pair with a probe of signature {@code probe}
   * (original pixels {@code probePixels}) {@code verifier} does not prove failing, on the probe's
   * signature or on its signature at a smaller kept image's size ({@code resized}; {@link
   * SignatureIndex}); the index takes in the images added since its last query first.
   */
  synchronized void unpruned(
      IndexSnapshot snapshot,
      Verifier verifier,
      BlockSignature probe,
      long probePixels,
      ResizedProbe resized,
      Consumer<Entry> out) {
    SignatureBound bound = verifier.signatureBound();
    BorderMask mask = bound == null ? BorderMask.NONE : bound.mask();
    if (signatures == null || !signatures.mask().equals(mask)) {
      signatures = new SignatureIndex(mask);
      signaturesIndexed = 0;
    }
    for (; signaturesIndexed < all.size(); signaturesIndexed++) {
      Entry e = all.get(signaturesIndexed);
      BlockSignature s;
      try {
        s = e.signature(snapshot);
      } catch (RuntimeException ex) {
        s = null; // never pruned: the search reads it again and fails as it did before
      }
      signatures.add(e, s);
    }
    signatures.query(probe, probePixels, verifier, resized, e -> e.signature(snapshot), out);
  }

  /**
   * Passes to {@code out} every kept image that {@link GeometricProposal#proposes} may propose for
   * a probe with these values, possibly more than once ({@link GeometricIndex}).
   */
  synchronized void proposable(
      IndexSnapshot snapshot,
      long[] variants,
      float[] histogram,
      ContentHashes content,
      int maxHamming,
      Consumer<Entry> out) {
    if (geometric == null) {
      geometric = new GeometricIndex();
    }
    for (; geometricIndexed < all.size(); geometricIndexed++) {
      Entry e = all.get(geometricIndexed);
      try {
        geometric.add(e, e.variants(snapshot), e.histogram(snapshot), e.content(snapshot));
      } catch (RuntimeException ex) {
        geometric.add(e, null, null, null); // always proposed: the proposal itself then fails
      }
    }
    geometric.query(variants, histogram, content, maxHamming, out);
  }

  /**
   * The same-scene proposals for a probe with bag {@code probe} ({@link WordProposal}): from the
   * {@link WordIndex} of the kept images' words, which takes in the images added since its last
   * query first, or with {@code scan} by scoring every kept image ({@link WordIndex#scan}); the
   * same list either way.
   *
   * @param bags a kept image's bag, computed once per image (kept with its entry)
   */
  synchronized List<WordIndex.Scored> sceneProposals(
      Vocabulary vocabulary,
      Function<Entry, WordBag> bags,
      WordBag probe,
      int max,
      int minShared,
      boolean scan) {
    if (scan) {
      List<WordBag> all = new ArrayList<>(this.all.size());
      for (Entry e : this.all) {
        all.add(e.words(bags));
      }
      return WordIndex.scan(probe, this.all, all, max, minShared);
    }
    if (words == null || wordsVocabulary != vocabulary) {
      words = new WordIndex(vocabulary.size());
      wordsVocabulary = vocabulary;
      wordsIndexed = 0;
    }
    for (; wordsIndexed < all.size(); wordsIndexed++) {
      Entry e = all.get(wordsIndexed);
      words.add(e, e.words(bags));
    }
    return words.top(probe, max, minShared);
  }

  /** Number of kept images. */
  public synchronized int size() {
    return all.size();
  }

  List<Entry> all() {
    return all;
  }

  Entry byDoc(int doc) {
    return byDoc.get(doc);
  }

  List<Entry> withSha(String sha256) {
    return bySha.getOrDefault(sha256, List.of());
  }

  /** Kept frames of {@code camera}, oldest first. */
  List<Entry> ofCamera(String camera) {
    return byCamera.getOrDefault(camera, List.of());
  }

  DocFilter docs() {
    return docs;
  }
}
