package dev.neardup.cli;

import dev.neardup.report.Reports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every {@code bench} subcommand writes: its table on the terminal, and with {@code --out} its
 * records as JSON with the machine they were measured on.
 */
final class BenchOutput {
  @Option(names = "--out", paramLabel = "FILE", description = "Write JSON here.")
  Path out;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** Prints {@code text} (a table from {@code BenchText}) on the command's output. */
  void print(String text) {
    PrintWriter w = spec.commandLine().getOut();
    w.print(text);
    w.flush();
  }

  /** Prints a progress note on the command's error stream (kept out of the table). */
  void log(String line) {
    PrintWriter w = spec.commandLine().getErr();
    w.println(line);
    w.flush();
  }

  /** Writes {@code result} as benchmark {@code name} to {@code --out}, when it was given. */
  void write(String name, Object result) throws IOException {
    if (out == null) {
      return;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", name);
    json.put("machine", Machine.describe());
    json.put("result", result);
    Reports.writeJson(json, out);
  }
}
