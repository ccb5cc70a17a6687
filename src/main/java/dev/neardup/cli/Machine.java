package dev.neardup.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** A one-line description of the machine, printed next to every benchmark figure. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(l -> l.startsWith("model name"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse(cpu);
    } catch (IOException | RuntimeException e) {
      // not Linux: keep "unknown CPU"
    }
    double ramGib = 0;
    try {
      ramGib =
          Files.readAllLines(Path.of("/proc/meminfo")).stream()
                  .filter(l -> l.startsWith("MemTotal:"))
                  .mapToLong(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
                  .findFirst()
                  .orElse(0)
              / (1024.0 * 1024);
    } catch (IOException | RuntimeException e) {
      // not Linux: report 0
    }
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %.0f GiB RAM, %.0f GiB heap max, Java %s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        ramGib,
        Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024),
        Runtime.version());
  }
}
