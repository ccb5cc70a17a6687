package dev.neardup.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process with its own settings file, capturing its output. */
record CliRun(int exit, String out, String err) {

  static CliRun run(Path tmp, String... args) throws IOException {
    Path config = tmp.resolve("empty-config.yaml");
    if (!Files.exists(config)) {
      // A model file that does not exist, not named on the command line: embedding stage off,
      // whatever a developer has exported into models/.
      Files.writeString(config, "model: " + tmp.resolve("absent-model.pt") + "\n");
    }
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(config.toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Main.run(
            all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
    return new CliRun(exit, out.toString(), err.toString());
  }
}
