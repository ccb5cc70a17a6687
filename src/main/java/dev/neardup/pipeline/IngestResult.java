package dev.neardup.pipeline;

import dev.neardup.index.ImageRecord;
import java.util.List;

/**
 * What incremental ingest decided for one image.
 *
 * @param status {@link Status#UNIQUE}: stored (uploads), indexed and durable; {@link
 *     Status#DUPLICATE}: a verified duplicate of {@code duplicateOf}, not indexed
 * @param image the image as analysed; for a unique image its indexed record (final path)
 * @param duplicateOf the indexed image it duplicates, with the evidence; null when unique
 * @param candidates every indexed image examined, verified duplicates first
 * @param quarantinedAt where the duplicate was moved, or null when it was dropped (or unique)
 */
public record IngestResult(
    Status status,
    ImageRecord image,
    Match duplicateOf,
    List<Match> candidates,
    String quarantinedAt) {

  /** The two possible verdicts. */
  public enum Status {
    UNIQUE,
    DUPLICATE
  }
}
