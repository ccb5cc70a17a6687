package dev.neardup.cli;

import dev.neardup.bench.BenchSuite;
import dev.neardup.bench.CameraBenchmark;
import dev.neardup.bench.DecodeBenchmark;
import dev.neardup.bench.DedupBenchmark;
import dev.neardup.bench.EmbedBenchmark;
import dev.neardup.bench.HnswBenchmark;
import dev.neardup.bench.IndexBenchmark;
import dev.neardup.bench.PixelDiffBenchmark;
import dev.neardup.bench.PrecisionBenchmark;
import dev.neardup.embed.ModelFiles;
import dev.neardup.embed.Precision;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neardup bench ...}: speed measurements written as JSON ({@code --out}) with a summary.
 * Thin: every measurement lives in {@code dev.neardup.eval}.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures speed (never asserted in tests). 'bench all' regenerates docs/benchmarks.json"
            + " and docs/benchmarks.md; see bin/bench-all.",
    subcommands = {
      BenchCommand.Decode.class,
      BenchCommand.Embed.class,
      BenchCommand.Index.class,
      BenchCommand.Hnsw.class,
      BenchCommand.PixelDiffBench.class,
      BenchCommand.Dedup.class,
      BenchVerifyCommand.class,
      BenchAllCommand.class
    })
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Writes {@code result} with the machine line to {@code out} when given. */
  static void writeJson(String name, Object result, Path out) throws java.io.IOException {
    if (out == null) {
      return;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", name);
    json.put("machine", Machine.describe());
    json.put("result", result);
    Reports.writeJson(json, out);
  }

  static List<Path> firstImages(Path folder, int n) {
    return BenchSuite.firstImages(folder, n);
  }

  @Command(
      name = "decode",
      mixinStandardHelpOptions = true,
      description = "ms per 1920x1080 PNG and JPEG decode: full size and reduced.")
  static final class Decode implements Callable<Integer> {
    @Option(names = "--source", required = true, paramLabel = "FILE", description = "A photo.")
    Path source;

    @Option(names = "--repeats", description = "Timed decodes per row. Default: ${DEFAULT-VALUE}")
    int repeats = 30;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON here.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<DecodeBenchmark.Row> rows = DecodeBenchmark.run(source, repeats);
      writeJson("decode", rows, out);
      PrintWriter w = spec.commandLine().getOut();
      for (DecodeBenchmark.Row r : rows) {
        w.printf(
            Locale.ROOT,
            "%-9s %-14s %5d px wide: median %.1f ms, p90 %.1f ms%n",
            r.format(),
            r.mode(),
            r.decodedWidth(),
            r.timing().medianMs(),
            r.timing().p90Ms());
      }
      return 0;
    }
  }

  @Command(
      name = "embed",
      mixinStandardHelpOptions = true,
      description =
          "Embedding images/s at each batch size next to the raw libtorch forward pass of the"
              + " same model in the same run: from decoded images and end to end from files."
              + " With --precisions, each precision's model (same weights) raw and end to end,"
              + " its fidelity against fp32 on the same images, and a per-stage profile.")
  static final class Embed implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Folder of images (the first --count are used).")
    Path folder;

    @Mixin EngineOptions engine;

    @Option(names = "--count", description = "Images per measurement. Default: ${DEFAULT-VALUE}")
    int count = 64;

    @Option(names = "--batch-sizes", split = ",", description = "Default: ${DEFAULT-VALUE}")
    List<Integer> batchSizes = new ArrayList<>(List.of(1, 8, 32));

    @Option(
        names = "--precisions",
        split = ",",
        paramLabel = "P",
        description =
            "Compare these precisions (fp32 is always the reference): fp32 is --model, int8"
                + " --int8-model, bf16 --bf16-model.")
    List<String> precisions;

    @Option(names = "--int8-model", paramLabel = "FILE", description = "The int8 model file.")
    Path int8Model;

    @Option(names = "--bf16-model", paramLabel = "FILE", description = "The bf16 model file.")
    Path bf16Model;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON here.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter w = spec.commandLine().getOut();
      if (precisions != null && !precisions.isEmpty()) {
        EngineConfig config = engine.config();
        Map<Precision, Path> models = new LinkedHashMap<>();
        models.put(Precision.FP32, config.model());
        for (String name : precisions) {
          Precision p = Cli.parseEnum(Precision.class, "--precisions", name);
          Path file =
              switch (p) {
                case FP32 -> config.model();
                case INT8 -> require(int8Model, "--int8-model", p);
                case BF16 -> require(bf16Model, "--bf16-model", p);
              };
          ModelFiles.checkPrecision(file, p);
          models.put(p, file);
        }
        PrecisionBenchmark.Result r =
            PrecisionBenchmark.run(config, firstImages(folder, count), batchSizes, models);
        writeJson("embed", r, out);
        for (PrecisionBenchmark.Row row : r.rows()) {
          w.printf(
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
              row.top10Overlap());
        }
        for (PrecisionBenchmark.Stage st : r.profile()) {
          w.printf(Locale.ROOT, "  %-40s %7.2f ms/image%n", st.stage(), st.msPerImage());
        }
        return 0;
      }
      List<EmbedBenchmark.Row> rows =
          EmbedBenchmark.run(engine.config(), firstImages(folder, count), batchSizes);
      writeJson("embed", rows, out);
      for (EmbedBenchmark.Row r : rows) {
        w.printf(
            Locale.ROOT,
            "batch %2d: raw %.2f img/s, decoded %.2f (%.3f), end to end %.2f (ratio %.3f)%n",
            r.batchSize(),
            r.rawImagesPerSecond(),
            r.decodedImagesPerSecond(),
            r.decodedRatio(),
            r.endToEndImagesPerSecond(),
            r.endToEndRatio());
      }
      return 0;
    }

    private static Path require(Path file, String option, Precision p) {
      if (file == null) {
        throw new IllegalArgumentException(
            "--precisions " + p.label() + " needs " + option + " FILE");
      }
      return file;
    }
  }

  @Command(
      name = "index",
      mixinStandardHelpOptions = true,
      description =
          "End-to-end indexing of DIR (files -> decode -> preprocess -> model -> Lucene HNSW, in a"
              + " temporary index) next to the bare libtorch forward pass, with their ratio.")
  static final class Index implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Folder of images to index.")
    Path folder;

    @Mixin EngineOptions engine;

    @Option(
        names = "--raw-iterations",
        paramLabel = "N",
        description = "Batches timed for the bare forward pass, before and after. Default: 10")
    int rawIterations = 10;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON here.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      IndexBenchmark.Result r = IndexBenchmark.run(engine.config(), folder, rawIterations);
      writeJson("index", r, out);
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "model %s, batch %d, %s%n"
                  + "raw libtorch forward: %.2f img/s (before %.2f, after %.2f)%n"
                  + "index end to end:     %.2f img/s (%d images in %.1f s)%n"
                  + "ratio:                %.3f%n",
              r.model(),
              r.batchSize(),
              Machine.describe(),
              r.rawImagesPerSecond(),
              r.rawBefore(),
              r.rawAfter(),
              r.indexImagesPerSecond(),
              r.images(),
              r.indexSeconds(),
              r.ratio());
      return 0;
    }
  }

  @Command(
      name = "hnsw",
      mixinStandardHelpOptions = true,
      description =
          "Lucene HNSW on seeded structured 2048-d vectors: build rate, disk, heap, latency and"
              + " recall@10 against an exact scan, float and int8.")
  static final class Hnsw implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", description = "Default: ${DEFAULT-VALUE}")
    List<Integer> sizes = new ArrayList<>(List.of(10_000, 30_000));

    @Option(names = "--dim", description = "Default: ${DEFAULT-VALUE}")
    int dim = 2048;

    @Option(names = "--queries", description = "Default: ${DEFAULT-VALUE}")
    int queries = 100;

    @Option(names = "--widths", split = ",", description = "Default: ${DEFAULT-VALUE}")
    List<Integer> widths = new ArrayList<>(List.of(10, 50));

    @Option(names = "--hnsw-m", description = "Default: ${DEFAULT-VALUE}")
    int m = 16;

    @Option(names = "--hnsw-beam", description = "Default: ${DEFAULT-VALUE}")
    int beam = 100;

    @Option(names = "--graphs", split = ",", description = "float, int8. Default: ${DEFAULT-VALUE}")
    List<String> graphs = new ArrayList<>(List.of("float", "int8"));

    @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON here.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<HnswBenchmark.Result> results = new ArrayList<>();
      PrintWriter w = spec.commandLine().getOut();
      for (int n : sizes) {
        for (String g : graphs) {
          if (!g.equals("float") && !g.equals("int8")) {
            throw new IllegalArgumentException("--graphs must be float or int8; got '" + g + "'");
          }
          HnswBenchmark.Result r =
              HnswBenchmark.run(
                  new HnswBenchmark.Spec(n, dim, g.equals("int8"), m, beam, queries, widths, seed));
          results.add(r);
          for (HnswBenchmark.Search s : r.searches()) {
            w.printf(
                Locale.ROOT,
                "%,d %s: build %.0f vec/s, %.0f MB; width %d%s: recall@10 %.3f, p50 %.2f ms%n",
                n,
                g,
                r.vectorsPerSecond(),
                r.diskBytes() / (1024.0 * 1024),
                s.width(),
                s.rescored() ? " rescored" : "",
                s.recallAt10(),
                s.p50Ms());
          }
        }
      }
      writeJson("hnsw", results, out);
      return 0;
    }
  }

  @Command(
      name = "pixeldiff",
      mixinStandardHelpOptions = true,
      description = "ms per pixel-diff pair at full size vs on stored thumbnails.")
  static final class PixelDiffBench implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Frames of one camera, in time order.")
    Path folder;

    @Option(names = "--count", description = "Frames used. Default: ${DEFAULT-VALUE}")
    int count = 20;

    @Option(names = "--repeats", description = "Default: ${DEFAULT-VALUE}")
    int repeats = 5;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON here.")
    Path out;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<PixelDiffBenchmark.Row> rows =
          PixelDiffBenchmark.run(firstImages(folder, count), repeats);
      writeJson("pixeldiff", rows, out);
      for (PixelDiffBenchmark.Row r : rows) {
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "%-15s %-10s median %.2f ms, p90 %.2f ms per pair%n",
                r.mode(),
                r.size(),
                r.timing().medianMs(),
                r.timing().p90Ms());
      }
      return 0;
    }
  }

  @Command(
      name = "dedup",
      mixinStandardHelpOptions = true,
      description = "dedup images/s on each folder, into a fresh temporary index.")
  static final class Dedup implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "DIR")
    List<Path> folders;

    @Mixin EngineOptions engine;

    @Option(names = "--out", paramLabel = "FILE", description = "Write JSON here.")
    Path out;

    @Option(
        names = "--exhaustive",
        description =
            "Camera sequences: each DIR is one camera; time neardup's grouping against the"
                + " exhaustive method (every frame against every kept frame) on the same stored"
                + " frames, at each --fractions and at 4 sequence lengths, and print the ratio.")
    boolean exhaustive;

    @Option(
        names = "--fractions",
        split = ",",
        paramLabel = "F[,F...]",
        description = "With --exhaustive: fractions to time. Default: 0.01,0.05")
    List<Double> fractions = List.of(0.01, 0.05);

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (exhaustive) {
        return cameras();
      }
      List<DedupBenchmark.Row> rows = new ArrayList<>();
      for (Path f : folders) {
        DedupBenchmark.Row r = DedupBenchmark.run(engine.config(), f);
        rows.add(r);
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "%s (%s): %d images, %d kept, %.1f s, %.1f images/s%n",
                r.folder(),
                r.model(),
                r.images(),
                r.kept(),
                r.totalSeconds(),
                r.imagesPerSecond());
      }
      writeJson("dedup", rows, out);
      return 0;
    }

    private int cameras() throws Exception {
      int shortest = Integer.MAX_VALUE;
      for (Path f : folders) {
        try (var s = java.nio.file.Files.list(f)) {
          shortest = (int) Math.min(shortest, s.count());
        }
      }
      List<Integer> sizes = new ArrayList<>();
      for (int q = 1; q <= 4; q++) {
        sizes.add(Math.max(1, shortest * q / 4));
      }
      List<CameraBenchmark.Row> rows =
          CameraBenchmark.run(engine.config(), folders, fractions, sizes);
      var o = spec.commandLine().getOut();
      o.printf(
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
          "pruned");
      for (CameraBenchmark.Row r : rows) {
        o.printf(
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
            r.pruned());
      }
      writeJson("dedup-exhaustive", rows, out);
      return 0;
    }
  }
}
