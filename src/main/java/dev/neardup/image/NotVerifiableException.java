package dev.neardup.image;

import java.util.Objects;

/**
 * An indexed image whose pixels cannot be checked as they were indexed: its file is gone, changed
 * since it was indexed (another SHA-256), or no longer decodes to the same verification image. The
 * pixel check then refuses the pair ("not verifiable") instead of guessing from stale data;
 * re-index the file to check it again.
 *
 * <p>Unchecked: it is thrown from deep inside a search, where the candidate finder contains it as
 * that one image's failed preparation (the pair is "not judged", listed with this reason).
 */
public final class NotVerifiableException extends RuntimeException {
  private final String path;
  private final String reason;

  /**
   * @param path the indexed path
   * @param reason why, in words, without the path
   */
  public NotVerifiableException(String path, String reason) {
    super("not verifiable: " + path + ": " + Objects.requireNonNull(reason, "reason"));
    this.path = Objects.requireNonNull(path, "path");
    this.reason = reason;
  }

  /** The indexed path. */
  public String path() {
    return path;
  }

  /** Why, in words, without the path. */
  public String reason() {
    return reason;
  }
}
