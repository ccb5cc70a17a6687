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

  /**
   * Optional first half of {@link #embed}: turns one image into the model's input on the calling
   * thread, so that a pipeline can run it on its decode threads while the model embeds another
   * batch. Pass the results to {@link #embedPrepared}.
   *
   * @return the model input, or null when this embedder has no separate preprocessing step (then
   *     call {@link #embed})
   * @throws IllegalArgumentException if the image is empty or not {@code CV_8UC3}
   */
  default float[] prepare(Mat bgr) {
    return null;
  }

  /**
   * Second half of {@link #embed}: embeds inputs made by {@link #prepare}, with the same result as
   * {@link #embed} on the images they were made from.
   *
   * @throws UnsupportedOperationException when {@link #prepare} returns null
   * @throws IllegalArgumentException if an input does not have the model's input length
   */
  default float[][] embedPrepared(List<float[]> inputs) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no prepare step");
  }

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
