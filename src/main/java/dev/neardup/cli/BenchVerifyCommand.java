package dev.neardup.cli;

import dev.neardup.bench.VerifyBenchmark;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code neardup bench verify}: milliseconds per pair for each verify level. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description =
        "Milliseconds per pair of the identity (pixel), aligned and scene levels on real pairs"
            + " from the shared data folder (camera frames, a photo and its geometric copies, two"
            + " views of one object), with and without cached local features, as ratios against"
            + " the identity check of the same run.")
final class BenchVerifyCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The shared data folder. Default: ${DEFAULT-VALUE}")
  Path data = Path.of("../shared/data");

  @Option(
      names = "--repeats",
      paramLabel = "N",
      description = "Timed repeats per pair. Default: ${DEFAULT-VALUE}")
  int repeats = 3;

  @Mixin BenchOutput output;

  @Override
  public Integer call() throws Exception {
    if (repeats < 1) {
      throw new IllegalArgumentException("--repeats must be >= 1; got " + repeats);
    }
    List<VerifyBenchmark.Row> rows = VerifyBenchmark.run(data, repeats);
    output.print(VerifyBenchmark.markdown(rows) + System.lineSeparator());
    output.write("verify", rows);
    return 0;
  }
}
