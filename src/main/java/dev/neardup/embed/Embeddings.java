package dev.neardup.embed;

/**
 * Checks and L2-normalises raw model outputs; shared by {@link Embedder} implementations (fakes in
 * tests included) so every embedder guarantees the same contract.
 */
public final class Embeddings {
  private Embeddings() {}

  /**
   * Returns {@code raw} scaled to unit L2 norm, in place.
   *
   * <p>Why check here: a NaN or infinity in one vector would poison every similarity it takes part
   * in and could end up in the index; an all-zero vector has no direction. Both mean the model or
   * its input is broken, so they are refused at the boundary with the image named.
   *
   * @param raw the model's output for one image
   * @param imageIndex the image's index in the caller's list, for the message
   * @param expectedDim the embedder's dimension
   * @return {@code raw}, normalised
   * @throws EmbeddingException if {@code raw} has the wrong length, a non-finite value, or norm 0
   */
  public static float[] normalizeInPlace(float[] raw, int imageIndex, int expectedDim) {
    if (raw.length != expectedDim) {
      throw new EmbeddingException(
          imageIndex,
          "embedding of image "
              + imageIndex
              + " has "
              + raw.length
              + " values; expected "
              + expectedDim,
          null);
    }
    double sum = 0;
    for (int i = 0; i < raw.length; i++) {
      float v = raw[i];
      if (!Float.isFinite(v)) {
        throw new EmbeddingException(
            imageIndex,
            "embedding of image " + imageIndex + " is not finite: value " + v + " at " + i,
            null);
      }
      sum += (double) v * v;
    }
    if (sum == 0) {
      throw new EmbeddingException(
          imageIndex,
          "embedding of image " + imageIndex + " is all zeros: it has no direction",
          null);
    }
    double norm = Math.sqrt(sum);
    if (!Double.isFinite(norm)) {
      throw new EmbeddingException(
          imageIndex, "embedding of image " + imageIndex + " has an infinite norm", null);
    }
    float scale = (float) (1.0 / norm);
    for (int i = 0; i < raw.length; i++) {
      raw[i] *= scale;
    }
    return raw;
  }
}
