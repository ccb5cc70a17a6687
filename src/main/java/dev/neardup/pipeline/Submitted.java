package dev.neardup.pipeline;

import dev.neardup.index.Origin;

/**
 * What incremental ingest decided for one submission, with who sent it and who sent the image it
 * matched.
 *
 * @param result the verdict
 * @param origin the submission's source, tags and arrival time (stored with it when unique)
 * @param matchedOrigin the origin of the indexed image it duplicates; null when unique
 */
public record Submitted(IngestResult result, Origin origin, Origin matchedOrigin) {
  /**
   * True when a duplicate came from the source of the image it matched; false when unique, or when
   * either side has no source (an anonymous submission is never "the same source").
   */
  public boolean sameSource() {
    return matchedOrigin != null
        && origin.source() != null
        && origin.source().equals(matchedOrigin.source());
  }
}
