package dev.neardup.embed;

import java.util.List;
import org.opencv.core.Mat;

/**
 * Turns decoded images into unit-length feature vectors whose dot product is their cosine
 * similarity.
 *
 * <p>The one seam between the model and the rest of neardup: the index, grouping and HTTP code see
 * only this, so their tests can use a fake. Implementations load their model once and are safe to
 * call from several threads at once; {@link #close()} must come after the last call returns.
 */
public interface Embedder extends AutoCloseable {

  /**
   * Embeds each image.
   *
   * @param bgrImages decoded 8-bit BGR images ({@code CV_8UC3}), any sizes; not modified or
   *     released
   * @return one row per image, in order, each of length {@link #dim()}, finite, with L2 norm 1
   *     (within float rounding); an empty array for an empty list
   * @throws IllegalArgumentException if an image is empty or not {@code CV_8UC3}, naming its index
   * @throws EmbeddingException if the model gives a NaN, infinite or all-zero vector for an image
   *     (naming its index), or the forward pass fails
   * @throws IllegalStateException if the embedder is closed
   */
  float[][] embed(List<Mat> bgrImages);

  /** What produces these embeddings; its {@link ModelInfo#id()} goes into the index and reports. */
  ModelInfo model();

  /** Length of every embedding. */
  default int dim() {
    return model().dim();
  }

  /** Frees the model; no exception, since there is nothing a caller could do about one. */
  @Override
  void close();
}
