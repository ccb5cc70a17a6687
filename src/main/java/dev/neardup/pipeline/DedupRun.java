package dev.neardup.pipeline;

import dev.neardup.group.Grouping;
import dev.neardup.group.Scope;
import dev.neardup.index.FailedFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one {@code dedup} produced, before any file is touched.
 *
 * @param roots the folders (or files) scanned
 * @param index what the index update did
 * @param grouping groups, kept images and every examined pair
 * @param unreadable files under the roots that could not be read, with reasons
 * @param scope which pairs were compared ({@code --across}, {@code --reference})
 */
public record DedupRun(
    List<Path> roots,
    IndexStats index,
    Grouping grouping,
    List<FailedFile> unreadable,
    Scope scope) {

  /** A run over every pair. */
  public DedupRun(
      List<Path> roots, IndexStats index, Grouping grouping, List<FailedFile> unreadable) {
    this(roots, index, grouping, unreadable, Scope.ALL);
  }
}
