package dev.neardup.report;

import dev.neardup.verify.Verdict;
import java.util.Locale;

/**
 * Which checked pairs the JSON report lists ({@code --report-pairs}).
 *
 * <p>Why: a folder of photos without a model checks hundreds of thousands of pairs, nearly all of
 * them plainly different, and a report that lists each of them runs to tens of megabytes that
 * nobody reads. By default the report lists what a person acts on or learns from, and counts the
 * rest by the level that decided them ({@link DedupReport.PairsLeftOut}); {@link #ALL} lists every
 * pair, as before. The groups, and every number in the totals, do not depend on this choice.
 */
public enum PairSelection {
  /**
   * Duplicate pairs, checks that failed, and near misses: pairs whose pixel-diff came within twice
   * the allowed fraction, and pairs a geometric level decided (level {@code aligned}: registered,
   * then the check on the overlap rejected them; {@code scene}: a homography with enough inliers
   * that was degenerate).
   */
  NOTABLE,
  /** Every pair checked. */
  ALL;

  private static final java.util.Set<String> GEOMETRIC_OR_FAILED =
      java.util.Set.of(
          Verdict.Level.FAILED.toString(),
          Verdict.Level.ALIGNED.toString(),
          Verdict.Level.SCENE.toString());

  /** How much closer than the fraction a rejected pair's changed fraction is a near miss. */
  public static final double NEAR_MISS_FACTOR = 2.0;

  /**
   * Whether a pair with evidence {@code e} is listed when the check's fraction is {@code fraction}.
   */
  public boolean lists(EvidenceView e, double fraction) {
    if (this == ALL || e.duplicate() || GEOMETRIC_OR_FAILED.contains(e.level())) {
      return true;
    }
    Double changed = e.comparableChangedFraction();
    return changed != null && changed <= NEAR_MISS_FACTOR * fraction;
  }

  /** The name as the command line spells it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
