package dev.neardup.index;

import dev.neardup.index.lucene.HnswCodec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What made an index: stored in every Lucene commit so that an index is never searched with vectors
 * from another model.
 *
 * @param modelId the embedder's id (file name, SHA-256, weights), or {@link #NO_MODEL}
 * @param dim vector dimension, 0 without a model
 * @param preprocessing how images were turned into model input
 * @param thumbnailMaxSide longer side of the stored grayscale thumbnails
 */
public record IndexSettings(String modelId, int dim, String preprocessing, int thumbnailMaxSide) {
  /** Layout version of neardup's documents; bump when fields change meaning. */
  public static final int FORMAT_VERSION = 2;

  /** Model id recorded when the embedding stage was off. */
  public static final String NO_MODEL =
      "none (embedding stage off: every kept image is a candidate)";

  public IndexSettings {
    Objects.requireNonNull(modelId, "modelId");
    Objects.requireNonNull(preprocessing, "preprocessing");
    if (dim < 0 || dim > HnswCodec.MAX_DIMENSIONS) {
      throw new IllegalArgumentException(
          "vector dimension must be in [0, " + HnswCodec.MAX_DIMENSIONS + "]; got " + dim);
    }
    if (thumbnailMaxSide < 16) {
      throw new IllegalArgumentException(
          "thumbnail max side must be >= 16; got " + thumbnailMaxSide);
    }
  }

  /** True when images carry embeddings. */
  public boolean hasVectors() {
    return dim > 0;
  }

  public Map<String, String> toCommitData() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("neardup.format", Integer.toString(FORMAT_VERSION));
    m.put("neardup.model", modelId);
    m.put("neardup.dim", Integer.toString(dim));
    m.put("neardup.preprocessing", preprocessing);
    m.put("neardup.thumbnail_max_side", Integer.toString(thumbnailMaxSide));
    return m;
  }

  /** The settings an existing commit recorded, or null when the commit is not neardup's. */
  public static IndexSettings fromCommitData(Map<String, String> data) {
    if (!data.containsKey("neardup.model")) {
      return null;
    }
    return new IndexSettings(
        data.get("neardup.model"),
        Integer.parseInt(data.getOrDefault("neardup.dim", "0")),
        data.getOrDefault("neardup.preprocessing", ""),
        Integer.parseInt(data.getOrDefault("neardup.thumbnail_max_side", "0")));
  }

  public static int formatVersion(Map<String, String> data) {
    return Integer.parseInt(data.getOrDefault("neardup.format", "0"));
  }
}
