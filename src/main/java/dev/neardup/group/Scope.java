package dev.neardup.group;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Which pairs a run compares, for the workflow "which images of this new batch are already in my
 * set?".
 *
 * <ul>
 *   <li>{@link #ALL}: every pair (the default).
 *   <li>{@code across}: only images under different roots (imagededup's "cross duplicates", the
 *       "inter_folder" scope of ResNet similarity scripts): duplicates inside one folder are not
 *       the question.
 *   <li>{@code reference}: roots whose images are never moved: they are visited first and always
 *       kept, as dupeGuru's reference folders are.
 * </ul>
 *
 * @param roots the roots of the run, most specific first is not required (the longest match wins)
 * @param across compare only images under different roots
 * @param reference roots whose images are always kept
 */
public record Scope(List<Path> roots, boolean across, List<Path> reference) {
  /** Every pair, no reference folder. */
  public static final Scope ALL = new Scope(List.of(), false, List.of());

  public Scope {
    roots = roots.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    reference = reference.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    if (across && roots.size() < 2) {
      throw new IllegalArgumentException(
          "--across compares images of different folders: give at least two folders; got "
              + roots.size());
    }
  }

  /** The root {@code path} lies under (the longest that matches), or null. */
  Path rootOf(String path) {
    Path p = Path.of(path);
    Path best = null;
    for (Path r : roots) {
      if (p.startsWith(r) && (best == null || r.getNameCount() > best.getNameCount())) {
        best = r;
      }
    }
    return best;
  }

  /** Whether {@code path} lies in a reference folder. */
  public boolean isReference(String path) {
    Path p = Path.of(path);
    return reference.stream().anyMatch(p::startsWith);
  }

  /** Whether the scope lets {@code a} and {@code b} be compared. */
  boolean allows(String a, String b) {
    if (!across) {
      return true;
    }
    Path ra = rootOf(a);
    return ra == null || !ra.equals(rootOf(b));
  }

  /** A sentence for the report: which pairs were compared. */
  public String describe() {
    String pairs = across ? "only pairs from different folders (--across)" : "every pair";
    if (reference.isEmpty()) {
      return pairs;
    }
    return String.format(
        Locale.ROOT,
        "%s; reference folders, never moved, always kept: %s",
        pairs,
        String.join(", ", reference.stream().map(Path::toString).toList()));
  }
}
