package dev.neardup.index;

import java.util.Map;

/**
 * Rules every {@link ImageIndex} implementation applies the same way. Kept apart from {@link
 * LuceneImageIndex} so that the Solr implementation never loads Lucene's codec classes (the Solr
 * test module runs on Solr's own Lucene).
 */
public final class IndexChecks {
  private IndexChecks() {}

  public static void checkCompatible(String dir, Map<String, String> data, IndexSettings wanted) {
    IndexSettings had = IndexSettings.fromCommitData(data);
    if (had == null) {
      throw new IndexMismatchException(
          dir + " holds a Lucene index that neardup did not make; choose another --index folder");
    }
    int version = IndexSettings.formatVersion(data);
    if (version != IndexSettings.FORMAT_VERSION) {
      throw new IndexMismatchException(
          String.format(
              "%s was written with neardup index format %d, this version reads format %d;"
                  + " rebuild it with --rebuild",
              dir, version, IndexSettings.FORMAT_VERSION));
    }
    if (!had.modelId().equals(wanted.modelId())
        || had.dim() != wanted.dim()
        || !had.preprocessing().equals(wanted.preprocessing())) {
      throw new IndexMismatchException(
          String.format(
              "%s was built with model [%s] (dim %d, preprocessing %s), but this run uses model"
                  + " [%s] (dim %d, preprocessing %s). Vectors from different models cannot be"
                  + " compared: pass the same --model, use another --index folder, or add"
                  + " --rebuild to re-index everything with the new model.",
              dir,
              had.modelId(),
              had.dim(),
              had.preprocessing(),
              wanted.modelId(),
              wanted.dim(),
              wanted.preprocessing()));
    }
  }

  /** Refuses a record whose vector does not fit {@code settings} (same rule for every backend). */
  public static void checkVector(IndexSettings settings, ImageRecord record) {
    if (settings.hasVectors()) {
      if (record.vector() == null || record.vector().length != settings.dim()) {
        throw new IllegalArgumentException(
            "index expects "
                + settings.dim()
                + "-d vectors; "
                + record.path()
                + " has "
                + (record.vector() == null ? "none" : record.vector().length + "-d"));
      }
    } else if (record.vector() != null) {
      throw new IllegalArgumentException(
          "index was opened without a model; " + record.path() + " carries a vector");
    }
  }

  public static java.util.SortedSet<String> decisionPaths(java.util.Collection<String> paths) {
    java.util.SortedSet<String> set = new java.util.TreeSet<>();
    for (String p : paths) {
      if (p == null || p.isBlank()) {
        throw new IllegalArgumentException("a decision path must not be blank; got " + paths);
      }
      set.add(p);
    }
    return set;
  }
}
