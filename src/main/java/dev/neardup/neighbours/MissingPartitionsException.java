package dev.neardup.neighbours;

import java.io.IOException;
import java.util.List;

/** Phase 2 was asked for before every partition's phase 1 result was there. */
public final class MissingPartitionsException extends IOException {
  private final List<String> missing;

  /**
   * @param missing the missing partitions' names, e.g. {@code part-2-of-3}
   * @param message the sentence for the user
   */
  public MissingPartitionsException(List<String> missing, String message) {
    super(message);
    this.missing = List.copyOf(missing);
  }

  /** The missing partitions' names. */
  public List<String> missing() {
    return missing;
  }
}
