package dev.neardup.eval;

import dev.neardup.group.Group;
import dev.neardup.group.Grouping;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares a {@link Grouping} with truth labels; pure arithmetic, no I/O. */
public final class Scoring {
  private Scoring() {}

  /**
   * Scores {@code grouping} against {@code labels}.
   *
   * @param labels every grouped image's absolute path to its truth label (see {@link
   *     GroundTruth#label}); images in no neardup group are kept singletons
   * @throws IllegalArgumentException when a grouped image has no label, naming it
   */
  public static Scores score(Grouping grouping, Map<String, String> labels) {
    long truePairs = pairsWithin(counts(labels.values()));
    long predictedPairs = 0;
    long correctPairs = 0;
    int removed = 0;
    int removedCorrectly = 0;
    Set<String> removedPaths = new HashSet<>();
    for (Group g : grouping.groups()) {
      String keptLabel = labelOf(labels, g.kept().path());
      Map<String, Integer> inGroup = new HashMap<>();
      inGroup.merge(keptLabel, 1, Integer::sum);
      for (Group.Member m : g.members()) {
        String label = labelOf(labels, m.image().path());
        inGroup.merge(label, 1, Integer::sum);
        removed++;
        removedPaths.add(m.image().path());
        if (label.equals(keptLabel)) {
          removedCorrectly++;
        }
      }
      int size = g.members().size() + 1;
      predictedPairs += (long) size * (size - 1) / 2;
      correctPairs += pairsWithin(inGroup.values());
    }
    Set<String> keptLabels = new HashSet<>();
    labels.forEach(
        (path, label) -> {
          if (!removedPaths.contains(path)) {
            keptLabels.add(label);
          }
        });
    int images = labels.size();
    int truthGroups = new HashSet<>(labels.values()).size();
    int kept = images - removed;
    return new Scores(
        images,
        truthGroups,
        truePairs,
        predictedPairs,
        correctPairs,
        kept,
        removed,
        removedCorrectly,
        removed - removedCorrectly,
        kept - keptLabels.size(),
        truthGroups - keptLabels.size());
  }

  /**
   * The neardup group of every image: the kept image's path, for members and kept images alike;
   * images in no group are their own.
   */
  public static Map<String, String> clusters(Grouping grouping, List<String> imagePaths) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String p : imagePaths) {
      out.put(p, p);
    }
    for (Group g : grouping.groups()) {
      out.put(g.kept().path(), g.kept().path());
      for (Group.Member m : g.members()) {
        out.put(m.image().path(), g.kept().path());
      }
    }
    return out;
  }

  private static String labelOf(Map<String, String> labels, String path) {
    String label = labels.get(path);
    if (label == null) {
      throw new IllegalArgumentException("grouped image has no truth label: " + path);
    }
    return label;
  }

  private static Map<String, Integer> counts(Iterable<String> values) {
    Map<String, Integer> out = new HashMap<>();
    for (String v : values) {
      out.merge(v, 1, Integer::sum);
    }
    return out;
  }

  private static long pairsWithin(Map<String, Integer> counts) {
    return pairsWithin(counts.values());
  }

  private static long pairsWithin(Iterable<Integer> sizes) {
    long pairs = 0;
    for (int n : sizes) {
      pairs += (long) n * (n - 1) / 2;
    }
    return pairs;
  }
}
