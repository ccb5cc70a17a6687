package dev.neardup.pipeline;

import java.io.IOException;

/**
 * An upload is longer than allowed. Its own type so that the HTTP layer can answer it with 413, the
 * same whether the limit was met while receiving ({@link Ingestor#receive}) or seen beforehand.
 */
public final class TooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  public TooLargeException(String message) {
    super(message);
  }
}
