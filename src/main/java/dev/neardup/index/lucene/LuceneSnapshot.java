package dev.neardup.index.lucene;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentHashes;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.Decisions;
import dev.neardup.index.DocFilter;
import dev.neardup.index.FailedFile;
import dev.neardup.index.FileState;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.index.Neighbor;
import dev.neardup.index.Origin;
import dev.neardup.index.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;

/**
 * A point-in-time view of the index: doc ids are stable for its whole life. Close it to let Lucene
 * free the segments it pins. Not thread-safe (stored-field readers are per thread); open one per
 * thread.
 */
public final class LuceneSnapshot implements IndexSnapshot {
  private final SearcherManager manager;
  private final IndexSearcher searcher;
  private final StoredFields stored;
  private final IndexSettings settings;
  private Decisions decisions;

  LuceneSnapshot(SearcherManager manager, IndexSettings settings) throws IOException {
    this.manager = manager;
    this.settings = settings;
    this.searcher = manager.acquire();
    this.stored = searcher.getIndexReader().storedFields();
  }

  @Override
  public IndexSettings settings() {
    return settings;
  }

  /** Upper bound (exclusive) of doc ids in this snapshot. */
  @Override
  public int maxDoc() {
    return searcher.getIndexReader().maxDoc();
  }

  /** Live image documents whose path passes {@code pathFilter}, with metadata only, by doc id. */
  @Override
  public List<IndexedImage> images(Predicate<String> pathFilter) {
    List<IndexedImage> out = new ArrayList<>();
    forEachLive(
        (docId, d) -> {
          if (Schema.KIND_IMAGE.equals(d.get(Schema.KIND)) && pathFilter.test(d.get(Schema.PATH))) {
            out.add(new IndexedImage(docId, LuceneDocs.meta(d)));
          }
        });
    return out;
  }

  /** Files that could not be read, whose path passes {@code pathFilter}, sorted by path. */
  @Override
  public List<FailedFile> failures(Predicate<String> pathFilter) {
    List<FailedFile> out = new ArrayList<>();
    forEachLive(
        (docId, d) -> {
          if (Schema.KIND_FAILED.equals(d.get(Schema.KIND))
              && pathFilter.test(d.get(Schema.PATH))) {
            out.add(new FailedFile(d.get(Schema.PATH), d.get(Schema.REASON)));
          }
        });
    out.sort(Comparator.comparing(FailedFile::path));
    return out;
  }

  void failureStates(Predicate<String> pathFilter, java.util.Map<String, FileState> into) {
    forEachLive(
        (docId, d) -> {
          if (Schema.KIND_FAILED.equals(d.get(Schema.KIND))
              && pathFilter.test(d.get(Schema.PATH))) {
            into.put(
                d.get(Schema.PATH),
                new FileState(
                    LuceneDocs.longOf(d, Schema.SIZE), LuceneDocs.longOf(d, Schema.MTIME), true));
          }
        });
  }

  /** The decisions recorded in this snapshot (read once, then cached). */
  @Override
  public Decisions decisions() {
    if (decisions == null) {
      decisions = readDecisions(searcher);
    }
    return decisions;
  }

  static Decisions readDecisions(IndexSearcher searcher) {
    try {
      List<java.util.Set<String>> sets = new ArrayList<>();
      List<String> keepers = new ArrayList<>();
      StoredFields fields = searcher.getIndexReader().storedFields();
      org.apache.lucene.search.Query q =
          new org.apache.lucene.search.TermQuery(
              new org.apache.lucene.index.Term(Schema.KIND, Schema.KIND_DECISION));
      int n = Math.max(1, searcher.count(q));
      for (ScoreDoc sd : searcher.search(q, n).scoreDocs) {
        Document d = fields.document(sd.doc);
        java.util.Set<String> paths =
            new java.util.TreeSet<>(List.of(d.getValues(Schema.DECISION_PATH)));
        if (Schema.TYPE_KEEP.equals(d.get(Schema.DECISION_TYPE))) {
          keepers.addAll(paths);
        } else if (Schema.TYPE_NOT_DUPLICATE.equals(d.get(Schema.DECISION_TYPE))) {
          sets.add(paths);
        }
      }
      return new Decisions(sets, keepers);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the decisions in the index", e);
    }
  }

  /** Number of live documents. */
  @Override
  public int liveCount() {
    return searcher.getIndexReader().numDocs();
  }

  /** Doc ids of the live images whose content hash is {@code sha256}, in doc id order. */
  @Override
  public List<Integer> withSha256(String sha256) {
    try {
      TopDocs top =
          searcher.search(
              new org.apache.lucene.search.TermQuery(
                  new org.apache.lucene.index.Term(Schema.SHA256, sha256)),
              1000);
      List<Integer> out = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        out.add(sd.doc);
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("hash lookup failed", e);
    }
  }

  /**
   * Doc ids of the live images whose {@link ImageIds id} is {@code id}, in doc id order (normally
   * zero or one). Documents written before the id field existed are found by hashing their paths.
   */
  @Override
  public List<Integer> withId(String id) {
    try {
      TopDocs top =
          searcher.search(
              new org.apache.lucene.search.TermQuery(
                  new org.apache.lucene.index.Term(Schema.ID, id)),
              16);
      List<Integer> out = new ArrayList<>();
      for (ScoreDoc sd : top.scoreDocs) {
        out.add(sd.doc);
      }
      if (out.isEmpty()) {
        for (IndexedImage i : images(p -> ImageIds.of(p).equals(id))) {
          out.add(i.docId());
        }
      }
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("id lookup failed", e);
    }
  }

  /**
   * The version of the index this snapshot shows: it changes with every refresh that saw a change,
   * so results computed from a snapshot can be cached under it.
   */
  @Override
  public long version() {
    return ((org.apache.lucene.index.DirectoryReader) searcher.getIndexReader()).getVersion();
  }

  /** Metadata of one image document (no vector, no thumbnail). */
  @Override
  public ImageRecord record(int docId) {
    try {
      List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
      LeafReaderContext leaf =
          leaves.get(org.apache.lucene.index.ReaderUtil.subIndex(docId, leaves));
      org.apache.lucene.index.BinaryDocValues listed =
          leaf.reader().getBinaryDocValues(LuceneDocs.LISTED);
      if (listed != null && listed.advanceExact(docId - leaf.docBase)) {
        return LuceneDocs.meta(LuceneDocs.listed(listed.binaryValue()));
      }
      return LuceneDocs.meta(read(stored, docId, LISTED, Schema.SIGNATURE));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read doc " + docId, e);
    }
  }

  /** The stored grayscale thumbnail of an image document. */
  @Override
  public Origin origin(int docId) {
    try {
      return LuceneDocs.origin(read(stored, docId, ORIGIN_ONLY, Schema.PATH));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the origin of doc " + docId, e);
    }
  }

  @Override
  public int countFromSource(String source) {
    try {
      return searcher.count(
          new org.apache.lucene.search.TermQuery(
              new org.apache.lucene.index.Term(Schema.SOURCE, source)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the images of source " + source, e);
    }
  }

  private static final java.util.Set<String> ORIGIN_ONLY =
      java.util.Set.of(Schema.SOURCE, Schema.TAG, Schema.ARRIVED);

  @Override
  public GrayImage thumbnail(int docId) {
    try {
      return LuceneDocs.thumbnail(stored.document(docId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the thumbnail of doc " + docId, e);
    }
  }

  /** The block signature of a document's verification image (stored at index time). */
  @Override
  public BlockSignature signature(int docId) {
    try {
      BlockSignature s =
          LuceneDocs.signature(read(stored, docId, SIGNATURE_ONLY, Schema.PHASH_VARIANTS));
      return s != null ? s : fromThumbnail(docId).signature();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the signature of doc " + docId, e);
    }
  }

  /** The geometric pHash variants of a document's verification image. */
  @Override
  public long[] phashVariants(int docId) {
    try {
      long[] v = LuceneDocs.variants(read(stored, docId, VARIANTS_ONLY, Schema.HISTOGRAM));
      return v != null ? v : fromThumbnail(docId).phashVariants();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pHash variants of doc " + docId, e);
    }
  }

  /** The gray histogram of a document's verification image. */
  @Override
  public float[] histogram(int docId) {
    try {
      float[] h = LuceneDocs.histogram(read(stored, docId, HISTOGRAM_ONLY, Schema.THUMB_WIDTH));
      return h != null ? h : fromThumbnail(docId).histogram();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the histogram of doc " + docId, e);
    }
  }

  /** The content-box hashes of a document's verification image. */
  @Override
  public ContentHashes contentHashes(int docId) {
    try {
      ContentHashes c =
          LuceneDocs.contentHashes(read(stored, docId, CONTENT_BOX_ONLY, Schema.THUMB_WIDTH));
      return c != null ? c : fromThumbnail(docId).content();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the content-box hashes of doc " + docId, e);
    }
  }

  /**
   * The signatures of a document written before the index stored one of them (e.g. before {@link
   * Schema#CONTENT_BOX}), computed from its stored thumbnail as the analyzer computes them.
   */
  private Signatures fromThumbnail(int docId) {
    return Signatures.of(thumbnail(docId));
  }

  /** True when some image of this snapshot has an embedding. */
  @Override
  public boolean hasVectors() {
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        FloatVectorValues v = leaf.reader().getFloatVectorValues(Schema.VECTOR);
        if (v != null && v.size() > 0) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index", e);
    }
  }

  /** The stored embedding of an image document, or null when it has none. */
  @Override
  public float[] vector(int docId) {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docId, leaves));
    try {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(Schema.VECTOR);
      if (values == null) {
        return null;
      }
      KnnVectorValues.DocIndexIterator it = values.iterator();
      int local = docId - leaf.docBase;
      if (it.advance(local) != local) {
        return null;
      }
      return values.vectorValue(it.index()).clone();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vector of doc " + docId, e);
    }
  }

  /**
   * The {@code k} nearest image vectors to {@code query} by cosine, best first, ties broken by doc
   * id so that results are deterministic.
   *
   * @param filter restricts the candidates, or null for all
   */
  public List<Neighbor> nearest(float[] query, int k, Query filter) {
    try {
      TopDocs top = searcher.search(new KnnFloatVectorQuery(Schema.VECTOR, query, k, filter), k);
      List<Neighbor> out = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc sd : top.scoreDocs) {
        out.add(new Neighbor(sd.doc, 2f * sd.score - 1f)); // Lucene's COSINE score is (1+cos)/2
      }
      out.sort(
          Comparator.comparingDouble((Neighbor n) -> -n.cosine())
              .thenComparingInt(Neighbor::docId));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("k-NN search failed", e);
    }
  }

  @Override
  public List<Neighbor> nearest(float[] query, int k) {
    return nearest(query, k, null);
  }

  /** The {@code k} nearest neighbours among the doc ids set in {@code allowed}. */
  @Override
  public List<Neighbor> nearestAmong(float[] query, int k, DocFilter allowed) {
    return nearest(query, k, new DocSetQuery(allowed));
  }

  @Override
  public void close() throws IOException {
    manager.release(searcher);
  }

  private static final java.util.Set<String> SIGNATURE_ONLY = java.util.Set.of(Schema.SIGNATURE);
  private static final java.util.Set<String> HISTOGRAM_ONLY = java.util.Set.of(Schema.HISTOGRAM);
  private static final java.util.Set<String> CONTENT_BOX_ONLY =
      java.util.Set.of(Schema.CONTENT_BOX);
  private static final java.util.Set<String> VARIANTS_ONLY =
      java.util.Set.of(Schema.PHASH_VARIANTS);

  /** Everything but the thumbnail bytes: listing thousands of images stays cheap. */
  private static final java.util.Set<String> LISTED =
      java.util.Set.of(
          Schema.PATH,
          Schema.KIND,
          Schema.SHA256,
          Schema.SIZE,
          Schema.MTIME,
          Schema.FORMAT,
          Schema.WIDTH,
          Schema.HEIGHT,
          Schema.CAMERA,
          Schema.TIMESTAMP,
          Schema.PHASH,
          Schema.REASON);

  private interface DocVisitor {
    void visit(int docId, Document doc);
  }

  private void forEachLive(DocVisitor visitor) {
    try {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        LeafReader r = leaf.reader();
        Bits live = r.getLiveDocs();
        StoredFields fields = r.storedFields();
        org.apache.lucene.index.BinaryDocValues listed = r.getBinaryDocValues(LuceneDocs.LISTED);
        for (int i = 0; i < r.maxDoc(); i++) {
          if (live == null || live.get(i)) {
            Document d =
                listed != null && listed.advanceExact(i)
                    ? LuceneDocs.listed(listed.binaryValue())
                    : read(fields, i, LISTED, Schema.SIGNATURE);
            visitor.visit(leaf.docBase + i, d);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the index", e);
    }
  }

  /**
   * The {@code wanted} stored fields of a document, reading no further than the field {@code
   * stopAt}. Lucene decompresses a large document's stored fields as they are read, and the
   * verification image is the last field of an image document, so listing records or reading a
   * signature never inflates it (it was most of the time of a {@code dedup} whose index was up to
   * date). In a document without {@code stopAt} every field is visited.
   */
  private static Document read(
      StoredFields fields, int doc, java.util.Set<String> wanted, String stopAt)
      throws IOException {
    org.apache.lucene.document.DocumentStoredFieldVisitor v =
        new org.apache.lucene.document.DocumentStoredFieldVisitor(wanted) {
          @Override
          public Status needsField(org.apache.lucene.index.FieldInfo fieldInfo) throws IOException {
            if (fieldInfo.name.equals(stopAt)) {
              return Status.STOP;
            }
            return super.needsField(fieldInfo);
          }
        };
    fields.document(doc, v);
    return v.getDocument();
  }
}
