package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import dev.neardup.index.Codec;
import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSettings;
import dev.neardup.index.Origin;
import dev.neardup.index.Schema;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;

/**
 * The Solr document layout (see {@code config/solr/managed-schema.xml}): the same fields as the
 * embedded index ({@link Schema}), binary ones as base64 in JSON, and the raw vector stored once as
 * 2048 × 4 bytes of binary next to the indexed {@code vector} (a stored float field would store
 * 2048 separate values).
 *
 * <p>Unique keys: {@code img:} + the full SHA-256 of the path for images and unreadable files (the
 * index is keyed by path, as the embedded one is), {@code claim:} + the content SHA-256 for the
 * claim that settles exact copies between machines, {@code decision:} + the decision key, and
 * {@link #CONFIG_ID} for the settings that made the collection.
 */
final class SolrDocs {
  static final String CONFIG_ID = "neardup:config";
  static final String KIND_CONFIG = "config";
  static final String KIND_CLAIM = "claim";
  static final String VECTOR_RAW = "vector_raw";
  static final String IMAGE_ID = "image_id";

  /** Stored fields listed by a snapshot (no binaries). */
  static final String LISTED =
      "id,path,kind,sha256,size,mtime,format,width,height,camera,timestamp,phash,reason,source,tag,"
          + "arrived";

  /** The binaries loaded per image on demand. */
  static final String HEAVY =
      "id,thumb,thumb_width,thumb_height,signature,phash_variants,histogram,content_box";

  private SolrDocs() {}

  static String key(String path) {
    return "img:" + sha256Hex(path);
  }

  static String claimKey(String sha256) {
    return "claim:" + sha256;
  }

  static String decisionId(String type, SortedSet<String> paths) {
    return "decision:" + Schema.decisionKey(type, paths);
  }

  /**
   * An image's document with its origin (source, tags and arrival, when known).
   *
   * @param storePixels whether the verification image is stored too; its signatures always are
   */
  static ObjectNode image(ImageRecord r, Origin origin, boolean storePixels) {
    ObjectNode d = image(r, storePixels);
    if (origin.source() != null) {
      d.put(Schema.SOURCE, origin.source());
    }
    if (!origin.tags().isEmpty()) {
      ArrayNode tags = d.putArray(Schema.TAG);
      origin.tags().forEach(tags::add);
    }
    if (origin.hasArrival()) {
      d.put(Schema.ARRIVED, origin.arrivedMillis());
    }
    return d;
  }

  static ObjectNode image(ImageRecord r, boolean storePixels) {
    ObjectNode d = SolrHttp.JSON.createObjectNode();
    d.put("id", key(r.path()));
    d.put(Schema.PATH, r.path());
    d.put(IMAGE_ID, ImageIds.of(r.path()));
    d.put(Schema.KIND, Schema.KIND_IMAGE);
    d.put(SolrKeptFlag.FIELD, 0L); // so that the field exists in every shard for in-place updates
    d.put(Schema.SHA256, r.sha256());
    d.put(Schema.SIZE, r.fileSize());
    d.put(Schema.MTIME, r.mtimeMillis());
    d.put(Schema.FORMAT, r.format());
    d.put(Schema.WIDTH, r.width());
    d.put(Schema.HEIGHT, r.height());
    if (r.camera() != null) {
      d.put(Schema.CAMERA, r.camera());
      d.put(Schema.TIMESTAMP, r.timestampMillis());
    }
    if (r.vector() != null) {
      ArrayNode v = d.putArray(Schema.VECTOR);
      for (float f : r.vector()) {
        v.add(f);
      }
      d.put(VECTOR_RAW, b64(Codec.floats(r.vector())));
    }
    d.put(Schema.PHASH, r.phash());
    Signatures s = java.util.Objects.requireNonNull(r.signatures(), "signatures");
    if (storePixels) {
      GrayImage t = java.util.Objects.requireNonNull(r.thumbnail(), "thumbnail");
      d.put(Schema.THUMB, b64(t.pixels()));
      d.put(Schema.THUMB_WIDTH, t.width());
      d.put(Schema.THUMB_HEIGHT, t.height());
    }
    d.put(Schema.SIGNATURE, b64(s.signature().encode()));
    d.put(Schema.PHASH_VARIANTS, b64(Codec.longs(s.phashVariants())));
    d.put(Schema.HISTOGRAM, b64(Codec.floats(s.histogram())));
    d.put(Schema.CONTENT_BOX, b64(s.content().encode()));
    return d;
  }

  static ObjectNode failure(String path, long size, long mtime, String reason) {
    ObjectNode d = SolrHttp.JSON.createObjectNode();
    d.put("id", key(path));
    d.put(Schema.PATH, path);
    d.put(IMAGE_ID, ImageIds.of(path));
    d.put(Schema.KIND, Schema.KIND_FAILED);
    d.put(Schema.SIZE, size);
    d.put(Schema.MTIME, mtime);
    d.put(Schema.REASON, reason);
    return d;
  }

  static ObjectNode decision(String type, SortedSet<String> paths) {
    ObjectNode d = SolrHttp.JSON.createObjectNode();
    d.put("id", decisionId(type, paths));
    d.put(Schema.KIND, Schema.KIND_DECISION);
    d.put(Schema.DECISION_KEY, Schema.decisionKey(type, paths));
    d.put(Schema.DECISION_TYPE, type);
    ArrayNode a = d.putArray(Schema.DECISION_PATH);
    paths.forEach(a::add);
    return d;
  }

  static ObjectNode config(IndexSettings s) {
    ObjectNode d = SolrHttp.JSON.createObjectNode();
    d.put("id", CONFIG_ID);
    d.put(Schema.KIND, KIND_CONFIG);
    s.toCommitData().forEach((k, v) -> d.put("cfg_" + k.replace("neardup.", ""), v));
    return d;
  }

  /** The settings a config document records (the same keys as a Lucene commit's user data). */
  static java.util.Map<String, String> configData(JsonNode d) {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    d.fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().startsWith("cfg_")) {
                m.put("neardup." + e.getKey().substring(4), e.getValue().asText());
              }
            });
    return m;
  }

  /** The origin stored in a listed image document; {@link Origin#UNKNOWN} parts where none was. */
  static Origin origin(JsonNode d) {
    List<String> tags = new ArrayList<>();
    d.path(Schema.TAG).forEach(t -> tags.add(t.asText()));
    return new Origin(
        d.hasNonNull(Schema.SOURCE) ? d.get(Schema.SOURCE).asText() : null,
        tags,
        d.hasNonNull(Schema.ARRIVED) ? d.get(Schema.ARRIVED).asLong() : Long.MIN_VALUE);
  }

  static ImageRecord meta(JsonNode d) {
    String camera = d.hasNonNull(Schema.CAMERA) ? d.get(Schema.CAMERA).asText() : null;
    return new ImageRecord(
        d.path(Schema.PATH).asText(),
        d.path(Schema.SHA256).asText(""),
        d.path(Schema.SIZE).asLong(),
        d.path(Schema.MTIME).asLong(),
        d.path(Schema.FORMAT).asText(null),
        d.path(Schema.WIDTH).asInt(),
        d.path(Schema.HEIGHT).asInt(),
        camera,
        camera == null ? Long.MIN_VALUE : d.path(Schema.TIMESTAMP).asLong(),
        null,
        d.path(Schema.PHASH).asLong(),
        null,
        null);
  }

  /** The stored verification image, or null when the document has none (pixels not stored). */
  static GrayImage thumbnail(JsonNode d) {
    if (!d.hasNonNull(Schema.THUMB)) {
      return null;
    }
    return new GrayImage(
        d.path(Schema.THUMB_WIDTH).asInt(),
        d.path(Schema.THUMB_HEIGHT).asInt(),
        bytes(d, Schema.THUMB));
  }

  static byte[] bytes(JsonNode d, String field) {
    JsonNode v = d.get(field);
    return v == null || v.isNull() ? null : Base64.getDecoder().decode(v.asText());
  }

  static float[] floats(byte[] b) {
    return b == null ? null : Codec.floats(b, 0, b.length);
  }

  static long[] longs(byte[] b) {
    return b == null ? null : Codec.longs(b, 0, b.length);
  }

  /** A vector as Solr's knn parser reads it: {@code [f1,f2,…]}, locale-independent. */
  static String vectorLiteral(float[] v) {
    StringBuilder sb = new StringBuilder(v.length * 12).append('[');
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(Float.toString(v[i]));
    }
    return sb.append(']').toString();
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static String sha256Hex(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
