package dev.neardup.exchange;

import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexMismatchException;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code neardup merge-index A B --into C}: Lucene's {@code addIndexes} over neardup indexes made
 * with one model. A path held by two of them is refused (the merged index keys documents by path),
 * naming the path and both indexes; with a path map the records are re-written one by one instead
 * (through an export), since copied segments keep their stored paths.
 */
public final class IndexMerge {
  private IndexMerge() {}

  /**
   * What a merge did.
   *
   * @param documents image documents in the merged index
   * @param settings the settings all of them share
   */
  public record Result(int documents, IndexSettings settings) {}

  /**
   * Merges {@code sources} into {@code into} (created when missing).
   *
   * @throws IndexMismatchException when the indexes were made with different models or settings
   * @throws IllegalArgumentException when a path is in more than one of them
   */
  public static Result merge(
      List<IndexLocation> sources, IndexLocation into, PathMap map, java.time.Instant now)
      throws IOException {
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("merge-index needs at least one index to merge");
    }
    IndexSettings first = null;
    for (IndexLocation s : sources) {
      if (s.localDir()
          .toAbsolutePath()
          .normalize()
          .equals(into.localDir().toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("--into " + into + " is also a source");
      }
      IndexSettings had = s.readSettings();
      if (had == null) {
        throw new IndexMismatchException(s + " holds no neardup index");
      }
      if (first == null) {
        first = had;
      } else if (!first.equals(had)) {
        throw new IndexMismatchException(
            "cannot merge indexes made with different settings: "
                + sources.get(0)
                + " has "
                + EncodingsFile.describe(first)
                + ", "
                + s
                + " has "
                + EncodingsFile.describe(had));
      }
    }
    IndexSettings target = into.readSettings();
    if (target != null && !target.equals(first)) {
      throw new IndexMismatchException(
          "--into "
              + into
              + " has "
              + EncodingsFile.describe(target)
              + ", the sources "
              + EncodingsFile.describe(first));
    }
    Map<String, IndexLocation> owner = new HashMap<>();
    List<IndexLocation> all = new ArrayList<>(sources);
    if (target != null) {
      all.add(0, into);
    }
    for (IndexLocation s : all) {
      for (String path : paths(s, first)) {
        String mapped = map.apply(path);
        IndexLocation had = owner.putIfAbsent(mapped, s);
        if (had != null) {
          throw new IllegalArgumentException(
              mapped
                  + " is in both "
                  + had
                  + " and "
                  + s
                  + "; merge-index keeps one document per path (use 'neardup import' of their"
                  + " exports instead: the later one wins)");
        }
      }
    }
    try (ImageIndex out = into.open(first, IndexOptions.defaults(), false)) {
      if (map.isEmpty()) {
        out.addIndexes(sources);
      } else {
        // Copied segments keep their stored paths: re-write the records under their new names.
        for (IndexLocation s : sources) {
          Path tmp = java.nio.file.Files.createTempFile("neardup-merge-", ".npz");
          try {
            try (ImageIndex src = s.open(first, IndexOptions.defaults(), false)) {
              EncodingsFile.export(src, tmp, null, now);
            }
            EncodingsFile.importInto(out, tmp, map);
          } finally {
            java.nio.file.Files.deleteIfExists(tmp);
          }
        }
      }
      out.commit();
      return new Result(out.documentCount(), first);
    }
  }

  private static List<String> paths(IndexLocation at, IndexSettings settings) throws IOException {
    try (ImageIndex idx = at.open(settings, IndexOptions.defaults(), false);
        dev.neardup.index.IndexSnapshot snap = idx.snapshot()) {
      return snap.images(p -> true).stream().map(i -> i.record().path()).toList();
    }
  }
}
