package dev.neardup.cli;

import dev.neardup.eval.EvalReport;
import dev.neardup.eval.EvalRun;
import dev.neardup.eval.EvalText;
import dev.neardup.eval.GroundTruth;
import dev.neardup.group.CandidateSource;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.report.Reports;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup eval DIR --truth FILE}: precision and recall against ground truth. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = {
      "Indexes DIR (into --index, incrementally), groups it, and compares the groups with ground"
          + " truth: pairwise precision, recall and F1, and how many images were correctly kept"
          + " or removed. Figures are given per candidate stage: embedding (the model, labelled"
          + " when its weights are random), phash (no model), scan (every pair, pixel-diff check"
          + " alone).",
      "--sweep groups again for every cosine threshold x pixel-diff fraction (the index is built"
          + " once) and recommends the setting that reaches --target-precision with the highest"
          + " recall. Touches no image."
    })
final class EvalCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "Folder of images named in the truth file.")
  Path folder;

  @Option(
      names = "--truth",
      required = true,
      paramLabel = "FILE",
      description =
          "Ground truth: CSV 'file,group' lines, or JSON [[\"a.jpg\",\"b.jpg\"],...]; names are"
              + " relative to DIR.")
  Path truth;

  @Mixin EngineOptions engine;

  @Option(names = "--sweep", description = "Evaluate the grid of --thresholds x --fractions.")
  boolean sweep;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path out;

  @Mixin SweepOptions grid;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    GroundTruth groundTruth = GroundTruth.read(truth);
    EngineConfig config = engine.config();
    List<CandidateSource> chosen = grid.stages();
    EvalRun.Spec evalSpec =
        sweep
            ? new EvalRun.Spec(chosen, grid.thresholds, grid.fractions, grid.targetPrecision)
            : new EvalRun.Spec(
                chosen,
                List.of(config.grouping().threshold()),
                List.of(config.pixelDiff().fraction()),
                grid.targetPrecision);
    EvalReport report;
    try (Engine e = Engine.open(config)) {
      report =
          EvalRun.run(
              e,
              folder,
              truth,
              groundTruth,
              evalSpec,
              List.of(config.index().localDir()),
              TerminalProgress.forStderr());
    }
    if (out != null) {
      Reports.writeJson(report, out);
    }
    PrintWriter w = spec.commandLine().getOut();
    EvalText.print(report, w);
    return 0;
  }
}
