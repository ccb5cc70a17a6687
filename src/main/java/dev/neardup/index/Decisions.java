package dev.neardup.index;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What people decided about images, as recorded in the index: sets of images that are "not
 * duplicates" of one another, and images pinned as the ones to keep. Grouping honours them, so a
 * later run (or incremental ingest) never groups those images again.
 *
 * <p>A not-duplicate decision is a set of paths, any two of which are not duplicates: a pair is a
 * set of two, a whole group marked at once is one set (one index document, not n² pairs). Paths are
 * the absolute, normalised paths that key the image documents. A decision outlives the image's
 * document (a moved file that is put back by undo is still covered).
 *
 * <p>An immutable snapshot: read a fresh one from {@link ImageIndex#decisions()} or {@link
 * IndexSnapshot#decisions()} after a change. Thread-safe.
 */
public final class Decisions {
  /** No decisions at all. */
  public static final Decisions NONE = new Decisions(List.of(), Set.of());

  private final List<Set<String>> notDuplicate;
  private final Map<String, List<Integer>> setsOf = new HashMap<>();
  private final Set<String> keepers;

  /**
   * @param notDuplicate sets of paths, any two of which are not duplicates
   * @param keepers paths pinned as kept
   */
  public Decisions(
      Collection<? extends Collection<String>> notDuplicate, Collection<String> keepers) {
    List<Set<String>> sets = new ArrayList<>();
    for (Collection<String> s : notDuplicate) {
      Set<String> copy = Collections.unmodifiableSet(new TreeSet<>(s));
      int at = sets.size();
      sets.add(copy);
      for (String p : copy) {
        setsOf.computeIfAbsent(p, k -> new ArrayList<>(1)).add(at);
      }
    }
    this.notDuplicate = List.copyOf(sets);
    this.keepers = Collections.unmodifiableSet(new LinkedHashSet<>(keepers));
  }

  /**
   * Whether a person said that {@code a} and {@code b} are not duplicates (in either order). Cheap:
   * a hash lookup and the few sets {@code a} is in; grouping calls it per candidate pair.
   */
  public boolean isNotDuplicate(String a, String b) {
    List<Integer> ofA = setsOf.get(a);
    if (ofA == null || a.equals(b)) {
      return false;
    }
    for (int i : ofA) {
      if (notDuplicate.get(i).contains(b)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a person pinned {@code path} as an image to keep. */
  public boolean isPinnedKeeper(String path) {
    return keepers.contains(path);
  }

  /** Paths pinned as kept, in the order recorded. */
  public Set<String> pinnedKeepers() {
    return keepers;
  }

  /** The not-duplicate sets, each sorted by path. */
  public List<Set<String>> notDuplicateSets() {
    return notDuplicate;
  }

  /** True when nobody decided anything. */
  public boolean isEmpty() {
    return notDuplicate.isEmpty() && keepers.isEmpty();
  }

  @Override
  public String toString() {
    return "Decisions[" + notDuplicate.size() + " not-duplicate sets, " + keepers + " pinned]";
  }
}
