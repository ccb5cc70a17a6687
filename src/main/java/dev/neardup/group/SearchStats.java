package dev.neardup.group;

/**
 * What the candidate search did over a run, so that a report can say how much work was saved and
 * whether any shortcut changed the search.
 *
 * @param probes images placed or queried
 * @param sameSha pairs decided by an equal SHA-256 (no check needed)
 * @param checked pairs verified (pixels read)
 * @param pruned pairs skipped because their block signatures prove the check fails
 * @param gated kept images not considered because the candidate stage excluded them (cosine below
 *     the threshold, pHash distance above the maximum): part of the definition, not a shortcut
 * @param widened k-NN searches that had to widen because every neighbour passed the threshold
 * @param capHits images for which the opt-in {@code --max-checks} cap stopped the search early
 * @param windowHits images for which the opt-in {@code --window} left out at least one kept frame
 * @param failed pairs whose check failed unexpectedly (an exception from a verify level): not
 *     judged, counted as not duplicates, and listed in the report with their reason
 * @param unprepared images whose preparation for the pair checks failed: no pair with them was
 *     judged (except byte-identical copies); each is listed once
 */
public record SearchStats(
    long probes,
    long sameSha,
    long checked,
    long pruned,
    long gated,
    long widened,
    long capHits,
    long windowHits,
    long failed,
    long unprepared) {

  /** Statistics without failures. */
  public SearchStats(
      long probes,
      long sameSha,
      long checked,
      long pruned,
      long gated,
      long widened,
      long capHits,
      long windowHits) {
    this(probes, sameSha, checked, pruned, gated, widened, capHits, windowHits, 0, 0);
  }

  /** True when no opt-in shortcut changed the search: the answer is the exact one. */
  public boolean isExact() {
    return capHits == 0 && windowHits == 0;
  }

  /** The sum of two runs' statistics (the partitions of a two-phase dedup). */
  public SearchStats plus(SearchStats o) {
    return new SearchStats(
        probes + o.probes,
        sameSha + o.sameSha,
        checked + o.checked,
        pruned + o.pruned,
        gated + o.gated,
        widened + o.widened,
        capHits + o.capHits,
        windowHits + o.windowHits,
        failed + o.failed,
        unprepared + o.unprepared);
  }

  /** No search at all. */
  public static final SearchStats NONE = new SearchStats(0, 0, 0, 0, 0, 0, 0, 0);

  /** Mutable counters of one run. */
  static final class Counter {
    long probes;
    long sameSha;
    long checked;
    long pruned;
    long gated;
    long widened;
    long capHits;
    long windowHits;
    long failed;
    long unprepared;

    synchronized void add(Counter o) {
      probes += o.probes;
      sameSha += o.sameSha;
      checked += o.checked;
      pruned += o.pruned;
      gated += o.gated;
      widened += o.widened;
      capHits += o.capHits;
      windowHits += o.windowHits;
      failed += o.failed;
      unprepared += o.unprepared;
    }

    SearchStats snapshot() {
      return new SearchStats(
          probes,
          sameSha,
          checked,
          pruned,
          gated,
          widened,
          capHits,
          windowHits,
          failed,
          unprepared);
    }
  }
}
