package dev.neardup.group;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentHashes;
import dev.neardup.index.DocFilter;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The images a probe is compared with: the images kept so far while grouping, or every indexed
 * image for a query or an ingest (whose index holds only the images it kept). Indexed by content
 * hash, by camera and by snapshot doc id, so that the {@link CandidateFinder} can ask for the
 * likely matches first and restrict k-NN searches to these images.
 */
public final class KeptImages {
  /** One kept image. */
  static final class Entry {
    final int doc;
    final ImageRecord record;
    final int rank;
    private BlockSignature signature;

    Entry(int doc, ImageRecord record, int rank) {
      this.doc = doc;
      this.record = record;
      this.rank = rank;
    }

    private long[] variants;
    private float[] histogram;
    private ContentHashes content;

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

  /** An empty set for an index of {@code maxDoc} doc ids. */
  public KeptImages(int maxDoc) {
    this.docs = new DocFilter(maxDoc);
  }

  /** Every live image of {@code snapshot}, in doc id order (query and ingest). */
  public static KeptImages everyImage(IndexSnapshot snapshot) {
    KeptImages k = new KeptImages(snapshot.maxDoc());
    List<IndexedImage> images = new ArrayList<>(snapshot.images(p -> true));
    // Camera frames in time order, so that "the most recent kept frame" means the same as while
    // grouping.
    images.sort(
        (a, b) -> {
          int c = Long.compare(a.record().timestampMillis(), b.record().timestampMillis());
          return c != 0 ? c : Integer.compare(a.docId(), b.docId());
        });
    for (IndexedImage i : images) {
      k.add(i.docId(), i.record());
    }
    return k;
  }

  /** Adds a kept image; camera frames must be added in time order. */
  public void add(int doc, ImageRecord record) {
    Entry e = new Entry(doc, record, all.size());
    all.add(e);
    byDoc.put(doc, e);
    bySha.computeIfAbsent(record.sha256(), s -> new ArrayList<>()).add(e);
    if (record.isCameraFrame()) {
      byCamera.computeIfAbsent(record.camera(), c -> new ArrayList<>()).add(e);
    }
    docs.add(doc);
  }

  /** Number of kept images. */
  public int size() {
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
