package dev.neardup.embed;

/**
 * Thrown when one image of a batch cannot be embedded: the model produced a NaN, an infinity or an
 * all-zero vector for it, or the forward pass itself failed.
 *
 * <p>{@link #imageIndex()} is the index into the list given to {@link Embedder#embed}, so a caller
 * that embeds a folder can drop that one image and embed the rest again; it is {@code -1} when the
 * failure cannot be pinned on one image (e.g. the native forward threw for the whole batch).
 */
public final class EmbeddingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int imageIndex;

  /**
   * @param imageIndex index of the offending image in the caller's list, or -1 if unknown
   * @param message what went wrong, naming the index and the bad value
   * @param cause the underlying failure, or {@code null}
   */
  public EmbeddingException(int imageIndex, String message, Throwable cause) {
    super(message, cause);
    this.imageIndex = imageIndex;
  }

  /** Index of the offending image in the list given to {@code embed}, or -1 if unknown. */
  public int imageIndex() {
    return imageIndex;
  }
}
