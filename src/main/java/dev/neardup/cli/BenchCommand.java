package dev.neardup.cli;

import dev.neardup.eval.IndexBenchmark;
import dev.neardup.report.Reports;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup bench index DIR}: indexing speed against the bare model. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measures end-to-end indexing of DIR (files on disk -> decode -> preprocess -> ResNet50 ->"
            + " Lucene HNSW, in a temporary index) next to the bare libtorch forward pass of the"
            + " same TorchScript model in the same process, and prints both with their ratio."
            + " Needs a model (--model; add --allow-random-weights for the test model).")
final class BenchCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "Folder of images to index.")
  Path folder;

  @Mixin EngineOptions engine;

  @Option(
      names = "--raw-iterations",
      paramLabel = "N",
      description =
          "Batches timed for the bare forward pass, before and after. Default: ${DEFAULT-VALUE}")
  int rawIterations = 10;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    IndexBenchmark.Result r = IndexBenchmark.run(engine.config(), folder, rawIterations);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", "index");
    json.put("machine", Machine.describe());
    json.put("folder", folder.toAbsolutePath().normalize().toString());
    json.put("result", r);
    json.put("ratio", r.ratio());
    if (out != null) {
      Reports.writeJson(json, out);
    }
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
