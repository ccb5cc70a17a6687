package dev.neardup.bench;

import dev.neardup.pipeline.StageProfile;
import java.util.List;
import java.util.Locale;

/**
 * The terminal tables of {@code neardup bench}: one method per benchmark, each turning its records
 * into the lines the command prints (the JSON written with {@code --out} holds the same records).
 */
public final class BenchText {
  private BenchText() {}

  /** One line per format and decode mode. */
  public static String decode(List<DecodeBenchmark.Row> rows) {
    StringBuilder b = new StringBuilder();
    for (DecodeBenchmark.Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-9s %-14s %5d px wide: median %.1f ms, p90 %.1f ms%n",
              r.format(),
              r.mode(),
              r.decodedWidth(),
              r.timing().medianMs(),
              r.timing().p90Ms()));
    }
    return b.toString();
  }

  /** One line per batch size: raw forward, from decoded images, end to end. */
  public static String embed(List<EmbedBenchmark.Row> rows) {
    StringBuilder b = new StringBuilder();
    for (EmbedBenchmark.Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "batch %2d: raw %.2f img/s, decoded %.2f (%.3f), end to end %.2f (ratio %.3f)%n",
              r.batchSize(),
              r.rawImagesPerSecond(),
              r.decodedImagesPerSecond(),
              r.decodedRatio(),
              r.endToEndImagesPerSecond(),
              r.endToEndRatio()));
      b.append(stages(r.stages()));
    }
    return b.toString();
  }

  /**
   * One indented line: each stage's busy fraction of the end-to-end run, with its thread count
   * where more than one thread works in it ({@code decode 0.41 (2 threads)}).
   */
  public static String stages(List<StageProfile> stages) {
    if (stages.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("  busy:");
    String sep = " ";
    for (StageProfile s : stages) {
      b.append(sep).append(String.format(Locale.ROOT, "%s %.2f", s.stage(), s.busyFraction()));
      if (s.threads() > 1) {
        b.append(" (").append(s.threads()).append(" threads)");
      }
      sep = ", ";
    }
    return b.append(System.lineSeparator()).toString();
  }

  /** One line per precision and batch size, then the per-stage profile. */
  public static String precisions(PrecisionBenchmark.Result r) {
    StringBuilder b = new StringBuilder();
    for (PrecisionBenchmark.Row row : r.rows()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-4s batch %2d: raw %.1f img/s (%.2fx fp32), end to end %.1f (ratio %.2f, %.2fx"
                  + " fp32 raw); cosine mean %.5f min %.5f, pair diff %.5f, top-10 %.2f%n",
              row.precision(),
              row.batch(),
              row.rawImgS(),
              row.rawVsFp32(),
              row.endToEndImgS(),
              row.endToEndRatio(),
              row.endToEndVsFp32Raw(),
              row.meanCosine(),
              row.minCosine(),
              row.maxPairCosineDiff(),
              row.top10Overlap()));
      b.append(stages(row.stages()));
    }
    for (PrecisionBenchmark.Stage st : r.profile()) {
      b.append(String.format(Locale.ROOT, "  %-40s %7.2f ms/image%n", st.stage(), st.msPerImage()));
    }
    return b.toString();
  }

  /** The indexing run next to the bare forward pass, on {@code machine}. */
  public static String index(IndexBenchmark.Result r, String machine) {
    return indexFigures(r, machine) + stages(r.stages());
  }

  private static String indexFigures(IndexBenchmark.Result r, String machine) {
    return String.format(
        Locale.ROOT,
        "model %s, batch %d, %s%n"
            + "raw libtorch forward: %.2f img/s (before %.2f, after %.2f)%n"
            + "index end to end:     %.2f img/s (%d images in %.1f s)%n"
            + "ratio:                %.3f%n",
        r.model(),
        r.batchSize(),
        machine,
        r.rawImagesPerSecond(),
        r.rawBefore(),
        r.rawAfter(),
        r.indexImagesPerSecond(),
        r.images(),
        r.indexSeconds(),
        r.ratio());
  }

  /** One line per search width of one graph. */
  public static String hnsw(HnswBenchmark.Result r) {
    StringBuilder b = new StringBuilder();
    for (HnswBenchmark.Search s : r.searches()) {
      b.append(
          String.format(
              Locale.ROOT,
              "%,d %s: build %.0f vec/s, %.0f MB; width %d%s: recall@10 %.3f, p50 %.2f ms%n",
              r.vectors(),
              r.quantized() ? "int8" : "float",
              r.vectorsPerSecond(),
              r.diskBytes() / (1024.0 * 1024),
              s.width(),
              s.rescored() ? " rescored" : "",
              s.recallAt10(),
              s.p50Ms()));
    }
    return b.toString();
  }

  /** One line per mode and size of the pixel-diff check. */
  public static String pixelDiff(List<PixelDiffBenchmark.Row> rows) {
    StringBuilder b = new StringBuilder();
    for (PixelDiffBenchmark.Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-15s %-10s median %.2f ms, p90 %.2f ms per pair%n",
              r.mode(),
              r.size(),
              r.timing().medianMs(),
              r.timing().p90Ms()));
    }
    return b.toString();
  }

  /** One line per path and setting of {@code bench pixeldiff --against}. */
  public static String pixelCheck(List<PixelCheckBenchmark.Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%-22s %8s %6s %6s %6s %6s %10s %8s %12s%n",
            "path",
            "fraction",
            "area",
            "pairs",
            "dups",
            "pruned",
            "ms/pair",
            "p90",
            "python/this"));
    for (PixelCheckBenchmark.Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-22s %8s %6s %6d %6d %6d %10.4f %8.4f %12.2f%n",
              r.path(),
              r.fraction(),
              r.minContourArea(),
              r.pairs(),
              r.duplicates(),
              r.pruned(),
              r.timing().medianMs(),
              r.timing().p90Ms(),
              r.pythonOverThis()));
    }
    return b.toString();
  }

  /** One line per folder. */
  public static String dedup(DedupBenchmark.Row r) {
    return String.format(
        Locale.ROOT,
        "%s (%s): %d images, %d kept, %.1f s, %.1f images/s%n",
        r.folder(),
        r.model(),
        r.images(),
        r.kept(),
        r.totalSeconds(),
        r.imagesPerSecond());
  }

  /** neardup's camera grouping against the exhaustive loop: a header and one line per row. */
  public static String cameras(List<CameraBenchmark.Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%8s %7s %9s %14s %12s %7s %10s %10s %9s %9s%n",
            "frames/c",
            "frames",
            "fraction",
            "exhaustive s",
            "neardup s",
            "ratio",
            "kept exh.",
            "kept nd.",
            "checked",
            "pruned"));
    for (CameraBenchmark.Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "%8d %7d %9s %14.3f %12.3f %7.1f %10d %10d %9d %9d%n",
              r.framesPerCamera(),
              r.frames(),
              r.fraction(),
              r.exhaustiveSeconds(),
              r.neardupSeconds(),
              r.ratio(),
              r.exhaustiveKept(),
              r.neardupKept(),
              r.checked(),
              r.pruned()));
    }
    return b.toString();
  }
}
