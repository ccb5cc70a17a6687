package dev.neardup.bench;

import java.util.List;
import java.util.Locale;

/**
 * {@code bench scale}'s result as the terminal table and as the Markdown section of {@code
 * docs/scale.md}: one row per size with the same columns in both, then the slopes.
 */
public final class ScaleText {
  /** Column titles, in order; each row has one value per column. */
  public static final List<String> COLUMNS =
      List.of(
          "images",
          "frames",
          "index s/img",
          "index peak MiB",
          "index B/img",
          "index/images",
          "dedup s/img",
          "dedup peak MiB",
          "kept",
          "groups",
          "report KiB",
          "query p50 ms",
          "upload p50 ms",
          "serve peak MiB");

  private static final double MIB = 1024.0 * 1024;

  private ScaleText() {}

  /** The values of one row, formatted, one per {@link #COLUMNS}. */
  static List<String> cells(ScaleBenchmark.Row r) {
    return List.of(
        Integer.toString(r.size()),
        Integer.toString(r.frames()),
        f("%.4f", r.indexSecondsPerImage()),
        f("%.0f", r.indexPeakRssBytes() / MIB),
        f("%.0f", r.indexBytesPerImage()),
        f("%.2f%%", 100 * r.indexShareOfImages()),
        f("%.4f", r.dedupSecondsPerImage()),
        f("%.0f", r.dedupPeakRssBytes() / MIB),
        Integer.toString(r.kept()),
        Integer.toString(r.groups()),
        f("%.0f", r.reportBytes() / 1024.0),
        f("%.0f", r.queryP50Ms()),
        f("%.0f", r.uploadP50Ms()),
        f("%.0f", r.servicePeakRssBytes() / MIB));
  }

  /** One row as {@code column=value} pairs, for a progress line. */
  static String row(ScaleBenchmark.Row r) {
    List<String> cells = cells(r);
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      b.append(c == 0 ? "" : ", ").append(COLUMNS.get(c)).append(' ').append(cells.get(c));
    }
    return b.toString();
  }

  /** The terminal table: a title line, the column titles, one row per size, the slopes. */
  public static String table(ScaleBenchmark.Result r) {
    int[] width = new int[COLUMNS.size()];
    for (int c = 0; c < width.length; c++) {
      width[c] = COLUMNS.get(c).length();
      for (ScaleBenchmark.Row row : r.rows()) {
        width[c] = Math.max(width[c], cells(row).get(c).length());
      }
    }
    StringBuilder b = new StringBuilder();
    b.append(title(r)).append('\n');
    b.append(line(COLUMNS, width)).append('\n');
    for (ScaleBenchmark.Row row : r.rows()) {
      b.append(line(cells(row), width)).append('\n');
    }
    b.append(slopes(r)).append('\n');
    if (r.workDir() != null) {
      b.append("kept: ").append(r.workDir()).append('\n');
    }
    return b.toString();
  }

  /**
   * The Markdown section.
   *
   * @param command the command line that made it
   * @param machine the machine it ran on
   */
  public static String markdown(ScaleBenchmark.Result r, String command, String machine) {
    StringBuilder b = new StringBuilder();
    b.append("- Command: `").append(command).append("`\n");
    b.append("- Machine: ").append(machine).append('\n');
    b.append("- ").append(title(r)).append("\n\n");
    b.append("| ").append(String.join(" | ", COLUMNS)).append(" |\n|");
    for (int c = 0; c < COLUMNS.size(); c++) {
      b.append("---:|");
    }
    b.append('\n');
    for (ScaleBenchmark.Row row : r.rows()) {
      b.append("| ").append(String.join(" | ", cells(row))).append(" |\n");
    }
    b.append('\n').append(slopes(r)).append('\n');
    return b.toString();
  }

  private static String title(ScaleBenchmark.Result r) {
    int queries = r.rows().isEmpty() ? 0 : r.rows().get(0).queryMs().size();
    int uploads = r.rows().isEmpty() ? 0 : r.rows().get(0).uploadMs().size();
    return f(
        "bench scale: seed %d, model %s, %d queries (after one untimed) and %d uploads per size;"
            + " images made in %.1f s (not timed); every time includes a child JVM's start-up",
        r.seed(), r.model(), queries, uploads, r.generateSeconds());
  }

  /** The slope line; the same figures as the result's slope fields, to two decimals. */
  static String slopes(ScaleBenchmark.Result r) {
    if (r.rows().size() < 2) {
      return "slope of log(time) against log(n): n/a (one size)";
    }
    return f(
        "slope of log(time) against log(n), least squares over %d sizes: index %.2f, dedup %.2f,"
            + " query p50 %.2f",
        r.rows().size(), r.indexSlope(), r.dedupSlope(), r.querySlope());
  }

  private static String line(List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        b.append("  ");
      }
      b.append(" ".repeat(width[c] - cells.get(c).length())).append(cells.get(c));
    }
    return b.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
