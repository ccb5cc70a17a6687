package dev.neardup.index.lucene;

import static dev.neardup.index.Schema.*;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.ContentHashes;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.Codec;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.Origin;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * The mapping between {@link ImageRecord} and a Lucene {@link Document}, under the field names of
 * {@link Schema}.
 */
public final class LuceneDocs {
  private LuceneDocs() {}

  static Document image(ImageRecord r) {
    return image(r, Origin.UNKNOWN, true);
  }

  /**
   * An image's document with its origin: the source is indexed, so it can be counted.
   *
   * @param storePixels whether the verification image is stored too ({@link
   *     dev.neardup.index.IndexOptions#storePixels}); its signatures always are
   */
  static Document image(ImageRecord r, Origin origin, boolean storePixels) {
    Document d = new Document();
    if (origin.source() != null) {
      d.add(new StringField(SOURCE, origin.source(), Field.Store.YES));
    }
    for (String t : origin.tags()) {
      d.add(new StringField(TAG, t, Field.Store.YES));
    }
    if (origin.hasArrival()) {
      d.add(new StoredField(ARRIVED, origin.arrivedMillis()));
    }
    d.add(new StringField(PATH, r.path(), Field.Store.YES));
    d.add(new StringField(ID, ImageIds.of(r.path()), Field.Store.NO));
    d.add(new StringField(KIND, KIND_IMAGE, Field.Store.YES));
    d.add(new StringField(SHA256, r.sha256(), Field.Store.YES));
    d.add(new StoredField(SIZE, r.fileSize()));
    d.add(new StoredField(MTIME, r.mtimeMillis()));
    d.add(new StoredField(FORMAT, r.format()));
    d.add(new StoredField(WIDTH, r.width()));
    d.add(new StoredField(HEIGHT, r.height()));
    if (r.camera() != null) {
      d.add(new StringField(CAMERA, r.camera(), Field.Store.YES));
      d.add(new StoredField(TIMESTAMP, r.timestampMillis()));
    }
    if (r.vector() != null) {
      d.add(new KnnFloatVectorField(VECTOR, r.vector(), VectorSimilarityFunction.COSINE));
    }
    d.add(new StoredField(PHASH, r.phash()));
    GrayImage t = storePixels ? java.util.Objects.requireNonNull(r.thumbnail(), "thumbnail") : null;
    Signatures s = java.util.Objects.requireNonNull(r.signatures(), "signatures");
    // The small per-image values before the thumbnail, and the thumbnail last: Lucene decompresses
    // a document's stored fields only up to the last one asked for, so listing records and reading
    // signatures never inflates the (up to 480 KB) verification image.
    d.add(new StoredField(SIGNATURE, new BytesRef(s.signature().encode())));
    d.add(new StoredField(PHASH_VARIANTS, new BytesRef(Codec.longs(s.phashVariants()))));
    d.add(new StoredField(HISTOGRAM, new BytesRef(Codec.floats(s.histogram()))));
    d.add(new StoredField(CONTENT_BOX, new BytesRef(s.content().encode())));
    if (storePixels) {
      d.add(new StoredField(THUMB_WIDTH, t.width()));
      d.add(new StoredField(THUMB_HEIGHT, t.height()));
      d.add(new StoredField(THUMB, new BytesRef(t.pixels())));
    }
    d.add(new BinaryDocValuesField(LISTED, listed(d)));
    return d;
  }

  static Document failure(String path, long size, long mtime, String reason) {
    Document d = new Document();
    d.add(new StringField(PATH, path, Field.Store.YES));
    d.add(new StringField(KIND, KIND_FAILED, Field.Store.YES));
    d.add(new StoredField(SIZE, size));
    d.add(new StoredField(MTIME, mtime));
    d.add(new StoredField(REASON, reason));
    d.add(new BinaryDocValuesField(LISTED, listed(d)));
    return d;
  }

  /**
   * A decision document: {@code type} over {@code paths}. Keyed by type and the sorted paths, so
   * recording the same decision twice keeps one document.
   */
  static Document decision(String type, java.util.SortedSet<String> paths) {
    Document d = new Document();
    d.add(new StringField(KIND, KIND_DECISION, Field.Store.YES));
    d.add(new StringField(DECISION_KEY, decisionKey(type, paths), Field.Store.YES));
    d.add(new StringField(DECISION_TYPE, type, Field.Store.YES));
    for (String p : paths) {
      d.add(new StringField(DECISION_PATH, p, Field.Store.YES));
    }
    d.add(new BinaryDocValuesField(LISTED, listed(d)));
    return d;
  }

  /**
   * The doc-values copy of a document's listed fields (path, kind, hashes, sizes, camera, reason:
   * {@link #LISTED_FIELDS}). Listing an index (every {@code dedup} and {@code index} run starts by
   * comparing each file's size and mtime with the index) reads this column instead of the stored
   * fields, which Lucene keeps compressed beside the verification image: an up-to-date check then
   * decompresses nothing. Documents written before it have none, and are read from their stored
   * fields as before.
   */
  static final String LISTED = "listed";

  /** The stored fields {@link #LISTED} holds, in its order; numbers are longs. */
  static final java.util.List<String> LISTED_FIELDS =
      java.util.List.of(
          PATH, KIND, SHA256, SIZE, MTIME, FORMAT, WIDTH, HEIGHT, CAMERA, TIMESTAMP, PHASH, REASON);

  private static final java.util.Set<String> NUMERIC =
      java.util.Set.of(SIZE, MTIME, WIDTH, HEIGHT, TIMESTAMP, PHASH);

  private static final byte LISTED_VERSION = 1;

  /** Encodes the {@link #LISTED_FIELDS} that {@code d} has (absent ones are marked absent). */
  static BytesRef listed(Document d) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(128);
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
      out.writeByte(LISTED_VERSION);
      for (String f : LISTED_FIELDS) {
        org.apache.lucene.index.IndexableField v = d.getField(f);
        if (v == null) {
          out.writeByte(0);
        } else if (NUMERIC.contains(f)) {
          out.writeByte(1);
          out.writeLong(v.numericValue().longValue());
        } else {
          out.writeByte(2);
          byte[] b = v.stringValue().getBytes(java.nio.charset.StandardCharsets.UTF_8);
          out.writeInt(b.length);
          out.write(b);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot encode a listed document", e);
    }
    return new BytesRef(bytes.toByteArray());
  }

  /**
   * The listed fields of {@link #listed}'s bytes, as a document with the same stored values the
   * stored-field read gives (so that {@link #meta} and the listing read either).
   */
  static Document listed(BytesRef b) {
    Document d = new Document();
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(b.bytes, b.offset, b.length);
    if (in.get() != LISTED_VERSION) {
      throw new IllegalStateException("listed doc values of another version");
    }
    for (String f : LISTED_FIELDS) {
      byte kind = in.get();
      if (kind == 1) {
        d.add(new StoredField(f, in.getLong()));
      } else if (kind == 2) {
        byte[] s = new byte[in.getInt()];
        in.get(s);
        d.add(new StoredField(f, new String(s, java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return d;
  }

  /** The record's metadata, without vector and thumbnail (those are loaded on demand). */
  static ImageRecord meta(Document d) {
    String camera = d.get(CAMERA);
    return new ImageRecord(
        d.get(PATH),
        d.get(SHA256),
        longOf(d, SIZE),
        longOf(d, MTIME),
        d.get(FORMAT),
        (int) longOf(d, WIDTH),
        (int) longOf(d, HEIGHT),
        camera,
        camera == null ? Long.MIN_VALUE : longOf(d, TIMESTAMP),
        null,
        longOf(d, PHASH),
        null,
        null);
  }

  /** The origin stored in an image document; {@link Origin#UNKNOWN} parts where none was. */
  static Origin origin(Document d) {
    return new Origin(
        d.get(SOURCE),
        java.util.List.of(d.getValues(TAG)),
        d.getField(ARRIVED) == null ? Long.MIN_VALUE : longOf(d, ARRIVED));
  }

  /** The stored pHash variants, or null in a document without them. */
  static long[] variants(Document d) {
    BytesRef b = d.getBinaryValue(PHASH_VARIANTS);
    if (b == null) {
      return null;
    }
    return Codec.longs(b.bytes, b.offset, b.length);
  }

  /** The stored gray histogram, or null in a document without one. */
  static float[] histogram(Document d) {
    BytesRef b = d.getBinaryValue(HISTOGRAM);
    if (b == null) {
      return null;
    }
    return Codec.floats(b.bytes, b.offset, b.length);
  }

  /** The stored content-box hashes, or null in a document written without them. */
  static ContentHashes contentHashes(Document d) {
    BytesRef b = d.getBinaryValue(CONTENT_BOX);
    return b == null ? null : ContentHashes.decode(b.bytes, b.offset, b.length);
  }

  /** The stored block signature of the verification image, or null in a document without one. */
  static BlockSignature signature(Document d) {
    BytesRef b = d.getBinaryValue(SIGNATURE);
    return b == null
        ? null
        : BlockSignature.decode(
            java.util.Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length));
  }

  /** The stored verification image, or null when the document has none (pixels not stored). */
  static GrayImage thumbnail(Document d) {
    BytesRef b = d.getBinaryValue(THUMB);
    if (b == null) {
      return null;
    }
    byte[] pixels = java.util.Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length);
    return new GrayImage((int) longOf(d, THUMB_WIDTH), (int) longOf(d, THUMB_HEIGHT), pixels);
  }

  static long longOf(Document d, String field) {
    return d.getField(field).numericValue().longValue();
  }
}
