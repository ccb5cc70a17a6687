package dev.neardup.cli;

import dev.neardup.bench.BenchSuite;
import dev.neardup.bench.BenchmarkDoc;
import dev.neardup.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neardup bench all}: every benchmark, written to docs/benchmarks.json and .md. */
@Command(
    name = "all",
    mixinStandardHelpOptions = true,
    description = "Every benchmark on the shared data, written to --json and --markdown (docs/).")
final class BenchAllCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Shared data folder. Default: ${DEFAULT-VALUE}")
  Path data = Path.of("../shared/data");

  @Mixin EngineOptions engine;

  @Option(names = "--embed-images", description = "Default: ${DEFAULT-VALUE}")
  int embedImages = 64;

  @Option(names = "--batch-sizes", split = ",", description = "Default: ${DEFAULT-VALUE}")
  List<Integer> batchSizes = new ArrayList<>(List.of(1, 8, 32));

  @Option(
      names = "--small-input",
      description = "Also measure embedding at this input size (0: no). Default: ${DEFAULT-VALUE}")
  int smallInput = 160;

  @Option(names = "--hnsw-sizes", split = ",", description = "Default: ${DEFAULT-VALUE}")
  List<Integer> hnswSizes = new ArrayList<>(List.of(10_000, 30_000));

  @Option(names = "--hnsw-queries", description = "Default: ${DEFAULT-VALUE}")
  int hnswQueries = 100;

  @Option(names = "--json", description = "Default: ${DEFAULT-VALUE}")
  Path json = Path.of("docs/benchmarks.json");

  @Option(names = "--markdown", description = "Default: ${DEFAULT-VALUE}")
  Path markdown = Path.of("docs/benchmarks.md");

  @Option(
      names = "--note",
      description = "A sentence about the conditions, printed at the top of the Markdown.")
  String note;

  @Option(
      names = "--render-only",
      description = "Do not measure: render --markdown again from the figures in --json.")
  boolean renderOnly;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (renderOnly) {
      BenchSuite.Results saved = Reports.JSON.readValue(json.toFile(), BenchSuite.Results.class);
      Files.writeString(markdown, BenchmarkDoc.markdown(saved, note));
      spec.commandLine().getOut().printf("wrote %s from %s%n", markdown, json);
      return 0;
    }
    var config = engine.config();
    String modelArgs =
        "--model "
            + config.model().orElseThrow()
            + (config.allowRandomWeights() ? " --allow-random-weights" : "");
    BenchSuite.Results r =
        BenchSuite.run(
            new BenchSuite.Spec(
                data,
                config,
                modelArgs,
                embedImages,
                batchSizes,
                smallInput,
                hnswSizes,
                hnswQueries),
            Machine.describe(),
            spec.commandLine().getErr());
    Reports.writeJson(r, json);
    Path parent = markdown.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(markdown, BenchmarkDoc.markdown(r, note));
    spec.commandLine()
        .getOut()
        .printf(Locale.ROOT, "wrote %s and %s in %.0f s%n", json, markdown, r.seconds());
    return 0;
  }
}
