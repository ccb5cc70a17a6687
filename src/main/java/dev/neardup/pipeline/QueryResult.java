package dev.neardup.pipeline;

import dev.neardup.group.FailedCheck;
import java.util.List;

/**
 * The answer for one queried image.
 *
 * @param path the queried file
 * @param error why it could not be read, or null
 * @param matches candidates examined, verified duplicates first, then by similarity
 * @param failures the checks of this query that failed unexpectedly (pairs not judged, counted as
 *     not duplicates); empty when every check ran
 */
public record QueryResult(
    String path, String error, List<Match> matches, List<FailedCheck> failures) {

  /** An answer in which every check ran. */
  public QueryResult(String path, String error, List<Match> matches) {
    this(path, error, matches, List.of());
  }

  /** True when at least one indexed image is a verified duplicate. */
  public boolean isDuplicate() {
    return matches.stream().anyMatch(m -> m.evidence().duplicate());
  }
}
