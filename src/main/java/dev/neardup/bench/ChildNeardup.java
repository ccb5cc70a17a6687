package dev.neardup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code neardup} as a fresh child JVM, as a user's {@code bin/neardup} would: the same Java
 * binary and class path as this process, the launcher's JVM flags, the command's output in a log
 * file. A child measures honestly what one run costs: its wall time includes its own start-up
 * (about a second here), and its peak resident memory is its own, not the bench's.
 *
 * <p>Peak memory is the kernel's high-water mark ({@code VmHWM} in {@code /proc/PID/status}), read
 * every 50 ms while the child runs; the mark only grows, so the last reading before exit misses at
 * most what the last 50 ms added.
 */
final class ChildNeardup {
  private static final long POLL_MS = 50;

  private final List<String> prefix;

  /**
   * @param settings the settings file every child reads ({@code --config})
   */
  ChildNeardup(Path settings) {
    List<String> p = new ArrayList<>();
    p.add(ProcessHandle.current().info().command().orElse("java"));
    p.add("--add-modules");
    p.add("jdk.incubator.vector");
    p.add("--enable-native-access=ALL-UNNAMED");
    p.add("-Dai.djl.offline=true");
    for (String key : new String[] {"neardup.home", "java.io.tmpdir"}) {
      String v = System.getProperty(key);
      if (v != null) {
        p.add("-D" + key + "=" + v);
      }
    }
    p.add("-cp");
    p.add(System.getProperty("java.class.path"));
    p.add("dev.neardup.cli.Main");
    p.add("--config");
    p.add(settings.toString());
    this.prefix = List.copyOf(p);
  }

  /**
   * What one child run cost.
   *
   * @param seconds wall time from start to exit
   * @param peakRssBytes the child's resident-memory high-water mark
   * @param log its standard output and error
   */
  record Run(double seconds, long peakRssBytes, Path log) {
    /** The log's text. */
    String output() throws IOException {
      return Files.readString(log);
    }
  }

  /**
   * Runs {@code neardup args...} to completion.
   *
   * @param log where its output goes
   * @throws IOException when it cannot start or exits with a non-zero status (the message holds the
   *     end of its log)
   */
  Run run(Path log, List<String> args) throws IOException, InterruptedException {
    Process p = start(log, args);
    long t0 = System.nanoTime();
    long hwm = 0;
    try {
      while (!p.waitFor(POLL_MS, TimeUnit.MILLISECONDS)) {
        hwm = Math.max(hwm, highWaterMark(p.pid()));
      }
    } finally {
      if (p.isAlive()) { // interrupted: never leave a child running
        p.destroyForcibly();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (p.exitValue() != 0) {
      throw new IOException(
          "neardup "
              + String.join(" ", args)
              + " exited with "
              + p.exitValue()
              + "; end of its log "
              + log
              + ":\n"
              + tail(log));
    }
    return new Run(seconds, hwm, log);
  }

  /** Starts {@code neardup args...} with its output appended to {@code log}. */
  Process start(Path log, List<String> args) throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    LIVE.add(p);
    p.onExit().thenAccept(LIVE::remove);
    return p;
  }

  /** Children still running; stopped when the bench itself is stopped (Ctrl-C, SIGTERM). */
  private static final java.util.Set<Process> LIVE =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> LIVE.forEach(Process::destroy), "neardup-bench-children"));
  }

  /** The process's {@code VmHWM} in bytes, 0 once it is gone. */
  static long highWaterMark(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // exited between polls, or not Linux
    }
    return 0;
  }

  static String tail(Path log) {
    try {
      String s = Files.readString(log);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(log unreadable: " + e.getMessage() + ")";
    }
  }
}
