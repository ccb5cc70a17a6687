package dev.neardup.cli;

import dev.neardup.bench.BenchSuite;
import dev.neardup.bench.BenchText;
import dev.neardup.bench.CameraBenchmark;
import dev.neardup.bench.DecodeBenchmark;
import dev.neardup.bench.DedupBenchmark;
import dev.neardup.bench.EmbedBenchmark;
import dev.neardup.bench.FilledImages;
import dev.neardup.bench.HnswBenchmark;
import dev.neardup.bench.IndexBenchmark;
import dev.neardup.bench.PixelCheckBenchmark;
import dev.neardup.bench.PixelDiffBenchmark;
import dev.neardup.bench.PrecisionBenchmark;
import dev.neardup.bench.ScaleBenchmark;
import dev.neardup.bench.ScaleText;
import dev.neardup.embed.Precision;
import dev.neardup.pipeline.EngineConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neardup bench ...}: speed measurements written as JSON ({@code --out}) with a summary.
 * Thin: every measurement and its table live in {@code dev.neardup.bench}.
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
      BenchCommand.Scale.class,
      BenchVerifyCommand.class,
      BenchAllCommand.class
    })
final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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

    @Mixin BenchOutput output;

    @Override
    public Integer call() throws Exception {
      List<DecodeBenchmark.Row> rows = DecodeBenchmark.run(source, repeats);
      output.write("decode", rows);
      output.print(BenchText.decode(rows));
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
        names = "--fill-with-edits",
        description =
            "When DIR holds fewer than --count images, top them up to exactly --count with seeded"
                + " edited copies (re-encodes, rescales, crops, turns, flips) in a temporary"
                + " folder.")
    boolean fill;

    @Option(
        names = "--seed",
        description = "Seed of the edited copies (--fill-with-edits). Default: ${DEFAULT-VALUE}")
    long seed = 42;

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

    @Mixin BenchOutput output;

    @Override
    public Integer call() throws Exception {
      try (FilledImages images = FilledImages.of(folder, count, fill, seed)) {
        if (images.edited() > 0) {
          output.log("bench: " + images.edited() + " edited copies added (seed " + seed + ")");
        }
        return run(images.images());
      }
    }

    private int run(List<Path> images) throws Exception {
      EngineConfig config = engine.config();
      if (precisions != null && !precisions.isEmpty()) {
        List<Precision> wanted =
            precisions.stream()
                .map(name -> Cli.parseEnum(Precision.class, "--precisions", name))
                .toList();
        PrecisionBenchmark.Result r =
            PrecisionBenchmark.run(
                config,
                images,
                batchSizes,
                PrecisionBenchmark.models(
                    config.model().orElseThrow(), wanted, int8Model, bf16Model));
        output.write("embed", r);
        output.print(BenchText.precisions(r));
        return 0;
      }
      List<EmbedBenchmark.Row> rows = EmbedBenchmark.run(config, images, batchSizes);
      output.write("embed", rows);
      output.print(BenchText.embed(rows));
      return 0;
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

    @Mixin BenchOutput output;

    @Override
    public Integer call() throws Exception {
      IndexBenchmark.Result r = IndexBenchmark.run(engine.config(), folder, rawIterations);
      output.write("index", r);
      output.print(BenchText.index(r, Machine.describe()));
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

    @Mixin BenchOutput output;

    @Override
    public Integer call() throws Exception {
      List<HnswBenchmark.Result> results =
          HnswBenchmark.runGrid(
              sizes,
              graphs,
              dim,
              m,
              beam,
              queries,
              widths,
              seed,
              r -> output.print(BenchText.hnsw(r)));
      output.write("hnsw", results);
      return 0;
    }
  }

  @Command(
      name = "pixeldiff",
      mixinStandardHelpOptions = true,
      description =
          "ms per pixel-diff pair at full size vs on stored thumbnails; with --against, the"
              + " identity check on stored frames (new, old, OpenCV steps) against the users'"
              + " Python script on the same pairs.")
  static final class PixelDiffBench implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Frames of one camera, in time order.")
    Path folder;

    @Option(names = "--count", description = "Frames used. Default: ${DEFAULT-VALUE}")
    int count = 20;

    @Option(names = "--repeats", description = "Default: ${DEFAULT-VALUE}")
    int repeats = 5;

    @Option(
        names = "--against",
        paramLabel = "SCRIPT",
        description =
            "The users' script (bin/exhaustive-baseline.py): time the --count frames' consecutive"
                + " and as many random pairs in Java and with the script's duplicate(), in one"
                + " run, and print the ratio.")
    Path against;

    @Option(
        names = "--python",
        paramLabel = "EXE",
        description = "With --against: the Python that has cv2. Default: ${DEFAULT-VALUE}")
    String python = "/usr/bin/python3";

    @Option(
        names = "--fractions",
        split = ",",
        paramLabel = "F[,F...]",
        description = "With --against: fractions to time. Default: 0.01")
    List<Double> fractions = List.of(0.01);

    @Mixin BenchOutput output;

    @Override
    public Integer call() throws Exception {
      if (against != null) {
        List<PixelCheckBenchmark.Row> rows =
            PixelCheckBenchmark.run(
                firstImages(folder, count), fractions, repeats, against, python);
        output.write("pixeldiff-against", rows);
        output.print(BenchText.pixelCheck(rows));
        return 0;
      }
      List<PixelDiffBenchmark.Row> rows =
          PixelDiffBenchmark.run(firstImages(folder, count), repeats);
      output.write("pixeldiff", rows);
      output.print(BenchText.pixelDiff(rows));
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

    @Mixin BenchOutput output;

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

    @Override
    public Integer call() throws Exception {
      if (exhaustive) {
        return cameras();
      }
      List<DedupBenchmark.Row> rows = new ArrayList<>();
      for (Path f : folders) {
        DedupBenchmark.Row r = DedupBenchmark.run(engine.config(), f);
        rows.add(r);
        output.print(BenchText.dedup(r));
      }
      output.write("dedup", rows);
      return 0;
    }

    private int cameras() throws Exception {
      List<CameraBenchmark.Row> rows = CameraBenchmark.run(engine.config(), folders, fractions);
      output.print(BenchText.cameras(rows));
      output.write("dedup-exhaustive", rows);
      return 0;
    }
  }

  @Command(
      name = "scale",
      mixinStandardHelpOptions = true,
      description =
          "How costs grow with the folder: at each --sizes, a seeded folder made from the shared"
              + " images (crops, re-encodes, rescales, turns of the photos; re-encoded camera"
              + " frames), then index, dedup and serve, each a fresh child neardup: seconds per"
              + " image, peak RSS, index bytes per image, query and upload p50, and the slope of"
              + " log(time) against log(n). Making the folders is not timed.")
  static final class Scale implements Callable<Integer> {
    @Option(names = "--sizes", split = ",", description = "Default: ${DEFAULT-VALUE}")
    List<Integer> sizes = new ArrayList<>(List.of(5_000, 10_000, 20_000, 50_000));

    @Option(names = "--seed", description = "Seed of the folders. Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--data", description = "Shared data folder. Default: ${DEFAULT-VALUE}")
    Path data = Path.of("../shared/data");

    @Option(
        names = "--work-dir",
        paramLabel = "DIR",
        description = "Where folders and indexes are made. Default: a new temporary folder.")
    Path workDir;

    @Option(
        names = "--keep-folders",
        description = "Keep the folders, indexes and logs (else deleted at the end).")
    boolean keepFolders;

    @Option(
        names = "--child-model",
        paramLabel = "FILE",
        description =
            "Run every child with this TorchScript model. Default: none (the settings file's"
                + " model is not used; not --model, whose default is the settings table's).")
    Path model;

    @Option(
        names = "--allow-random-weights",
        description = "Accept a random-weight model (the test models).")
    boolean allowRandomWeights;

    @Option(names = "--queries", description = "Queries per size. Default: ${DEFAULT-VALUE}")
    int queries = 20;

    @Option(names = "--uploads", description = "Uploads per size. Default: ${DEFAULT-VALUE}")
    int uploads = 20;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown here.")
    Path markdown;

    @Mixin BenchOutput output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      // The settings file's model is a default for the engine commands, not for this one.
      boolean named = spec.commandLine().getParseResult().hasMatchedOption("--child-model");
      ScaleBenchmark.Settings settings =
          new ScaleBenchmark.Settings(
              sizes,
              seed,
              data,
              workDir,
              keepFolders,
              named ? model : null,
              allowRandomWeights,
              queries,
              uploads);
      java.io.PrintWriter err = spec.commandLine().getErr();
      ScaleBenchmark.Result r =
          ScaleBenchmark.run(
              settings,
              line -> {
                err.println("bench scale: " + line);
                err.flush();
              });
      output.print(ScaleText.table(r));
      output.write("scale", r);
      if (markdown != null) {
        String command =
            "bin/neardup " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Files.writeString(markdown, ScaleText.markdown(r, command, Machine.describe()));
      }
      return 0;
    }
  }
}
