package dev.neardup.eval;

import dev.neardup.group.CandidateSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One point of a sweep.
 *
 * @param stage where candidates come from
 * @param threshold cosine threshold, or null for stages that do not use it
 * @param fraction the pixel-diff check's duplicate fraction
 */
public record Setting(CandidateSource stage, Double threshold, double fraction) {
  public Setting {
    Objects.requireNonNull(stage, "stage");
    if (stage.usesThreshold() != (threshold != null)) {
      throw new IllegalArgumentException(
          "stage "
              + stage.label()
              + (stage.usesThreshold() ? " needs" : " takes no")
              + " threshold");
    }
    if (threshold != null && !(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]; got " + threshold);
    }
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in [0, 1]; got " + fraction);
    }
  }

  /**
   * The grid: for each stage, thresholds × fractions (fractions alone for stages without a
   * threshold), in the order given.
   *
   * @throws IllegalArgumentException when a list is empty
   */
  public static List<Setting> grid(
      List<CandidateSource> stages, List<Double> thresholds, List<Double> fractions) {
    if (stages.isEmpty() || thresholds.isEmpty() || fractions.isEmpty()) {
      throw new IllegalArgumentException(
          "a sweep needs at least one stage, threshold and fraction; got "
              + stages
              + ", "
              + thresholds
              + ", "
              + fractions);
    }
    List<Setting> out = new ArrayList<>();
    for (CandidateSource s : stages) {
      if (s.usesThreshold()) {
        for (double t : thresholds) {
          for (double f : fractions) {
            out.add(new Setting(s, t, f));
          }
        }
      } else {
        for (double f : fractions) {
          out.add(new Setting(s, null, f));
        }
      }
    }
    return out;
  }
}
