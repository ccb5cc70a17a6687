package dev.neardup.index;

/**
 * An existing index was made with other settings (model, dimension, preprocessing) than the ones
 * asked for now. Mixing them would compare vectors from different models, so the index refuses.
 */
public final class IndexMismatchException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public IndexMismatchException(String message) {
    super(message);
  }
}
