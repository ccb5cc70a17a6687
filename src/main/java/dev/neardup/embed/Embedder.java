package dev.neardup.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * Turns decoded images into unit-length feature vectors whose dot product is their cosine
 * similarity.
 *
 * <p>The one seam between the model and the rest of neardup: the index, grouping and HTTP code see
 * only this, so their tests can use a fake. It has DJL's {@code Translator} shape, in two steps
 * that every implementation has: {@link #prepare} turns one decoded image into the model's input
 * (resize, crop, normalise) on the caller's thread, which in the indexing pipeline is a decode
 * thread; {@link #embedPrepared} runs the model on a batch of such inputs. fp32, int8 and bf16
 * models all take the same float32 input, so they plug in the same way. {@link #embed} is the two
 * steps in one call.
 *
 * <p>Implementations load their model once and are safe to call from several threads at once;
 * {@link #close()} must come after the last call returns.
 */
public interface Embedder extends AutoCloseable {

  /**
   * Turns one image into the model's input. Cheap enough for a decode thread; no model call.
   *
   * @param bgr a decoded 8-bit BGR image ({@code CV_8UC3}), any size; not modified or released
   * @return the model input, {@link #inputLength()} floats
   * @throws IllegalArgumentException if the image is empty or not {@code CV_8UC3}
   */
  float[] prepare(Mat bgr);

  /**
   * Embeds inputs made by {@link #prepare}.
   *
   * @return one row per input, in order, each of length {@link #dim()}, finite, with L2 norm 1
   *     (within float rounding); an empty array for an empty list
   * @throws IllegalArgumentException if an input is null or not {@link #inputLength()} long, naming
   *     its index
   * @throws EmbeddingException if the model gives a NaN, infinite or all-zero vector for an input
   *     (naming its index), or the forward pass fails
   * @throws IllegalStateException if the embedder is closed
   */
  float[][] embedPrepared(List<float[]> inputs);

  /** Number of floats in one {@link #prepare} result. */
  int inputLength();

  /**
   * {@link #prepare} then {@link #embedPrepared}, on the calling thread.
   *
   * @param bgrImages decoded 8-bit BGR images ({@code CV_8UC3}), any sizes; not modified or
   *     released
   * @throws IllegalArgumentException if an image is empty or not {@code CV_8UC3}, naming its index
   * @throws EmbeddingException as {@link #embedPrepared}
   */
  default float[][] embed(List<Mat> bgrImages) {
    Objects.requireNonNull(bgrImages, "bgrImages");
    List<float[]> inputs = new ArrayList<>(bgrImages.size());
    for (int i = 0; i < bgrImages.size(); i++) {
      Mat image = bgrImages.get(i);
      if (image == null) {
        throw new NullPointerException("image " + i + " is null");
      }
      try {
        inputs.add(prepare(image));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("image " + i + ": " + e.getMessage(), e);
      }
    }
    return embedPrepared(inputs);
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
