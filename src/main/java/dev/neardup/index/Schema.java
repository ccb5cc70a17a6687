package dev.neardup.index;

/**
 * The names of an image document's fields, the same in both backends (the embedded Lucene index and
 * the Solr collection, {@code config/solr/managed-schema.xml}). Changing a field's meaning means
 * bumping {@link IndexSettings#FORMAT_VERSION}.
 */
public final class Schema {
  public static final String PATH = "path";

  /** {@link ImageIds#of} the path: indexed, not stored (it is derived). */
  public static final String ID = "id";

  public static final String KIND = "kind";
  public static final String KIND_IMAGE = "image";
  public static final String KIND_FAILED = "failed";
  public static final String SHA256 = "sha256";
  public static final String SIZE = "size";
  public static final String MTIME = "mtime";
  public static final String FORMAT = "format";
  public static final String WIDTH = "width";
  public static final String HEIGHT = "height";
  public static final String CAMERA = "camera";
  public static final String TIMESTAMP = "timestamp";
  public static final String VECTOR = "vector";
  public static final String PHASH = "phash";
  public static final String THUMB = "thumb";
  public static final String THUMB_WIDTH = "thumb_width";
  public static final String THUMB_HEIGHT = "thumb_height";
  public static final String SIGNATURE = "signature";
  public static final String PHASH_VARIANTS = "phash_variants";
  public static final String HISTOGRAM = "histogram";
  // The pHash variants and histogram of the content inside uniform borders (see ContentHashes);
  // absent in documents written before it: computed from the thumbnail then.
  public static final String CONTENT_BOX = "content_box";
  public static final String REASON = "reason";
  // Who sent an image (see Origin): absent in documents written without one.
  public static final String SOURCE = "source";
  public static final String TAG = "tag";
  public static final String ARRIVED = "arrived";
  // Decisions people made (see Decisions): documents of their own kind, keyed by DECISION_KEY.
  public static final String KIND_DECISION = "decision";
  public static final String DECISION_KEY = "decision_key";
  public static final String DECISION_TYPE = "decision_type";
  public static final String DECISION_PATH = "decision_path";
  public static final String TYPE_NOT_DUPLICATE = "not_duplicate";
  public static final String TYPE_KEEP = "keep";

  private Schema() {}

  /** {@code type:} then the SHA-256 of the sorted paths (a Lucene term must stay short). */
  public static String decisionKey(String type, java.util.SortedSet<String> paths) {
    try {
      java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
      for (String p : paths) {
        md.update(p.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return type + ":" + java.util.HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
