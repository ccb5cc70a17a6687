package dev.neardup.decode;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An image file that cannot be turned into pixels, with a reason a person understands.
 *
 * <p>The reason is meant to be shown as is in reports ("truncated JPEG: no end-of-image marker",
 * "unsupported format: SVG (vector image)"), so callers can list refused files without reading
 * stack traces. The message is {@code "<file>: <reason>"}. When the refusal comes from a lower
 * layer (an {@link java.io.IOException}, an OpenCV error) that exception is kept as the cause.
 */
public final class DecodeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final String reason;

  /**
   * @param file the file that was refused
   * @param reason why, in words, without the file name
   */
  public DecodeException(Path file, String reason) {
    this(file, reason, null);
  }

  /**
   * @param file the file that was refused
   * @param reason why, in words, without the file name
   * @param cause the lower-level failure, kept for debugging; may be null
   */
  public DecodeException(Path file, String reason, Throwable cause) {
    super(
        Objects.requireNonNull(file, "file") + ": " + Objects.requireNonNull(reason, "reason"),
        cause);
    this.file = file;
    this.reason = reason;
  }

  /** The file that was refused. */
  public Path file() {
    return file;
  }

  /** Why the file was refused, without the file name. */
  public String reason() {
    return reason;
  }
}
