package dev.neardup.cli;

import dev.neardup.eval.CalibrationReport;
import dev.neardup.eval.CalibrationText;
import dev.neardup.eval.Calibrator;
import dev.neardup.eval.EditKind;
import dev.neardup.group.CandidateSource;
import dev.neardup.report.Reports;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup calibrate DIR}: which settings find edited copies of your own images. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Answers 'which threshold?' without ground truth: copies a seeded sample of DIR's images"
          + " with known edits (JPEG re-encodes, resizes, small crops, brightness, contrast, a"
          + " text watermark, noise, a horizontal flip) into a temporary folder, indexes it once"
          + " (its own temporary index; --index is not touched), and groups it with every cosine"
          + " threshold x pixel-diff fraction.",
      "Prints, per setting, the share of each kind of edit found with its original and the"
          + " false matches between different originals. DIR is only read."
    })
final class CalibrateCommand implements Callable<Integer> {
  @Parameters(paramLabel = "DIR", description = "Folder of your images (read only).")
  Path folder;

  @Mixin EngineOptions engine;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "Originals drawn from DIR. Default: ${DEFAULT-VALUE}")
  int sample = 20;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seed of the sample and the edits. Default: ${DEFAULT-VALUE}")
  long seed = 42;

  @Option(
      names = "--edits",
      split = ",",
      paramLabel = "KIND",
      description = "Edits made of each original. Default: all (${DEFAULT-VALUE})")
  List<String> edits =
      new ArrayList<>(Arrays.stream(EditKind.values()).map(EditKind::label).toList());

  @Option(
      names = "--work-dir",
      paramLabel = "DIR",
      description =
          "Keep the edited copies and their index here (to look at them) instead of a temporary"
              + " folder that is deleted.")
  Path workDir;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path out;

  @Mixin SweepOptions grid;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<EditKind> kinds = new ArrayList<>();
    for (String e : edits) {
      kinds.add(Cli.parseEnum(EditKind.class, "--edits", e));
    }
    List<CandidateSource> chosen = grid.stages();
    Calibrator.Spec calibration =
        new Calibrator.Spec(
            sample,
            seed,
            kinds,
            chosen,
            grid.thresholds,
            grid.fractions,
            grid.targetPrecision,
            workDir);
    CalibrationReport report =
        Calibrator.run(engine.config(), folder, calibration, TerminalProgress.forStderr());
    if (out != null) {
      Reports.writeJson(report, out);
    }
    CalibrationText.print(report, spec.commandLine().getOut());
    return 0;
  }
}
