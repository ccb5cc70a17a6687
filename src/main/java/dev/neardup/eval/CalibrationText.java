package dev.neardup.eval;

import java.io.PrintWriter;
import java.util.Locale;

/** The table {@code calibrate} prints: one row per setting, one column per kind of edit. */
public final class CalibrationText {
  private CalibrationText() {}

  /** Prints the whole report. */
  public static void print(CalibrationReport r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "neardup calibrate: %d originals sampled from %s (seed %d), %d edits each%n",
        r.originals(),
        r.folder(),
        r.seed(),
        r.edits().size());
    if (!r.skipped().isEmpty()) {
      out.printf("skipped (unreadable): %s%n", String.join(", ", r.skipped()));
    }
    out.printf("model: %s%n       %s%n%n", r.model(), r.modelNote());
    out.println(table(r));
    out.println(
        "recall per edit: share of edited copies grouped with their original;"
            + " false: grouped pairs of images from different originals");
    out.println(recommendation(r));
  }

  /** The table alone (also used in Markdown, where it sits in a code block). */
  public static String table(CalibrationReport r) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-9s %6s %5s %6s", "stage", "cos", "frac", "unique"));
    for (String e : r.edits()) {
      b.append(String.format(Locale.ROOT, " %9s", e));
    }
    b.append(String.format(Locale.ROOT, " %6s %6s %5s%n", "recall", "prec", "false"));
    for (CalibrationReport.Row row : r.rows()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-9s %6s %5.2f %6d",
              row.stage(),
              row.threshold() == null ? "-" : String.format(Locale.ROOT, "%.3f", row.threshold()),
              row.fraction(),
              row.uniqueImages()));
      for (String e : r.edits()) {
        Double v = row.recallByEdit().get(e);
        b.append(
            v == null || v.isNaN()
                ? String.format(Locale.ROOT, " %9s", "-")
                : String.format(Locale.ROOT, " %9.2f", v));
      }
      b.append(
          String.format(
              Locale.ROOT,
              " %6.3f %6.3f %5d%n",
              row.recall(),
              row.precision(),
              row.falseMatches()));
    }
    return b.toString();
  }

  /** One line naming the recommended setting, or saying that none reached the target. */
  public static String recommendation(CalibrationReport r) {
    CalibrationReport.Row best = r.recommended();
    if (best == null) {
      return String.format(
          Locale.ROOT,
          "no setting reached precision %.3f on the edited copies",
          r.targetPrecision());
    }
    return String.format(
        Locale.ROOT,
        "recommended (precision >= %.3f with the highest recall; never a random-weight embedding):"
            + " stage %s%s, fraction %.2f"
            + " -> recall %.3f, %d false matches",
        r.targetPrecision(),
        best.stage(),
        best.threshold() == null
            ? ""
            : String.format(Locale.ROOT, ", threshold %.3f", best.threshold()),
        best.fraction(),
        best.recall(),
        best.falseMatches());
  }
}
