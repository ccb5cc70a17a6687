package dev.neardup.eval;

import java.io.PrintWriter;
import java.util.Locale;

/** The tables {@code eval} prints: one row per setting, then the recommendation. */
public final class EvalText {
  private EvalText() {}

  /** Prints the whole report. */
  public static void print(EvalReport r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "neardup eval: %d images in %s; %d listed in %s, %d truth entries without an image%n",
        r.images(),
        r.folder(),
        r.labelled(),
        r.truthFile(),
        r.truthMissing());
    out.printf("model: %s%n       %s%n%n", r.model(), r.modelNote());
    out.println(
        "stage      threshold  fraction  unique  precision  recall     F1  removed ok/wrong"
            + "  kept extra  groups lost");
    for (EvalReport.EvalRow row : r.rows()) {
      Scores s = row.scores();
      out.printf(
          Locale.ROOT,
          "%-9s  %9s  %8.2f  %6d  %9.3f  %6.3f  %5.3f  %8d/%-6d  %10d  %11d%n",
          row.stage(),
          row.threshold() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.threshold()),
          row.fraction(),
          row.uniqueImages(),
          row.precision(),
          row.recall(),
          row.f1(),
          s.removedCorrectly(),
          s.removedWrongly(),
          s.keptExtra(),
          s.groupsLost());
    }
    out.println();
    out.println(recommendation(r.recommended(), r.targetPrecision()));
  }

  /** One line naming the recommended setting, or saying that none reached the target. */
  public static String recommendation(EvalReport.EvalRow best, double target) {
    if (best == null) {
      return String.format(
          Locale.ROOT,
          "no setting reached precision %.3f: widen the grid or check the truth",
          target);
    }
    return String.format(
        Locale.ROOT,
        "recommended (precision >= %.3f with the highest recall; never a random-weight embedding):"
            + " stage %s%s, fraction %.2f"
            + " -> precision %.3f, recall %.3f, %d unique images",
        target,
        best.stage(),
        best.threshold() == null
            ? ""
            : String.format(Locale.ROOT, ", threshold %.3f", best.threshold()),
        best.fraction(),
        best.precision(),
        best.recall(),
        best.uniqueImages());
  }
}
