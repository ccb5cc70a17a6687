package dev.neardup.cli;

import dev.neardup.group.CandidateSource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The grid that {@code eval --sweep} and {@code calibrate} run over, and the precision target. */
final class SweepOptions {
  @Option(
      names = "--thresholds",
      split = ",",
      paramLabel = "COS",
      description = "Cosine thresholds swept. Default: ${DEFAULT-VALUE}")
  List<Double> thresholds = new ArrayList<>(List.of(0.90, 0.95, 0.98, 0.99));

  @Option(
      names = "--fractions",
      split = ",",
      paramLabel = "F",
      description = "Pixel-diff fractions swept. Default: ${DEFAULT-VALUE}")
  List<Double> fractions = new ArrayList<>(List.of(0.05, 0.10, 0.15, 0.20));

  @Option(
      names = "--stages",
      split = ",",
      paramLabel = "STAGE",
      description =
          "Candidate stages: embedding, phash, scan (embedding is skipped without a model)."
              + " Default: ${DEFAULT-VALUE}")
  List<String> stages = new ArrayList<>(List.of("embedding", "phash", "scan"));

  @Option(
      names = "--target-precision",
      paramLabel = "P",
      description = "Precision the recommended setting must reach. Default: ${DEFAULT-VALUE}")
  double targetPrecision = 0.99;

  /** The stages named by {@code --stages}, each checked. */
  List<CandidateSource> stages() {
    List<CandidateSource> chosen = new ArrayList<>();
    for (String s : stages) {
      chosen.add(Cli.parseEnum(CandidateSource.class, "--stages", s));
    }
    return chosen;
  }
}
