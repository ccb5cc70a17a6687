package dev.neardup.pipeline;

import java.util.List;

/**
 * The answer for one queried image.
 *
 * @param path the queried file
 * @param error why it could not be read, or null
 * @param matches candidates examined, verified duplicates first, then by similarity
 */
public record QueryResult(String path, String error, List<Match> matches) {

  /** True when at least one indexed image is a verified duplicate. */
  public boolean isDuplicate() {
    return matches.stream().anyMatch(m -> m.evidence().duplicate());
  }
}
