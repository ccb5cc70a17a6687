package dev.neardup.embed;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Thrown when a model file cannot be used: it is missing, it is not a TorchScript archive, it holds
 * random weights that were not asked for, or its output has the wrong shape.
 *
 * <p>Unchecked because nothing below the command line or HTTP shell can recover from it; the shell
 * prints {@link #getMessage()}, which always names the file and says what to do next. {@link
 * #reason()} lets a shell pick an exit code or status without parsing the message.
 */
public final class ModelUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the model cannot be used. */
  public enum Reason {
    /** No regular file at the path. */
    MISSING,
    /** The file exists but is not a readable TorchScript archive. */
    CORRUPT,
    /** The archive says its weights are random and the caller did not ask for random weights. */
    RANDOM_WEIGHTS_REFUSED,
    /** The model loaded but its output is not a 2-D {@code [N, D]} tensor. */
    BAD_OUTPUT,
    /** The file records another {@link Precision} than the one asked for. */
    WRONG_PRECISION
  }

  private final Reason reason;
  private final transient Path file;

  ModelUnavailableException(Reason reason, Path file, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.file = Objects.requireNonNull(file, "file");
  }

  ModelUnavailableException(Reason reason, Path file, String message) {
    this(reason, file, message, null);
  }

  /** Why the model cannot be used. */
  public Reason reason() {
    return reason;
  }

  /** The model file as the caller named it. */
  public Path file() {
    return file;
  }
}
