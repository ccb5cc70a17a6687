package dev.neardup.cli;

import dev.neardup.pipeline.Progress;
import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on standard error: count, rate and ETA. On a terminal it redraws one line; in a
 * log (CI, a pipe) it prints a line at every tenth of the work and at least every ten seconds, so
 * that logs stay short.
 */
final class TerminalProgress implements Progress {
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;
  private static final long DRAW_INTERVAL_NANOS = 200_000_000L;

  private final PrintStream out;
  private final boolean interactive;
  private String phase;
  private long total;
  private long startNanos;
  private long lastDrawNanos;
  private long done;

  TerminalProgress(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** A bar for this process: redrawn in place when a person is watching. */
  static TerminalProgress forStderr() {
    boolean tty = System.console() != null && System.getenv("CI") == null;
    return new TerminalProgress(System.err, tty);
  }

  @Override
  public synchronized void start(String phase, long total) {
    this.phase = phase;
    this.total = total;
    this.done = 0;
    this.startNanos = System.nanoTime();
    this.lastDrawNanos = startNanos;
  }

  @Override
  public synchronized void update(long done) {
    boolean nextTenth = total > 0 && done * 10 / total > this.done * 10 / total;
    this.done = done;
    long now = System.nanoTime();
    long interval = interactive ? DRAW_INTERVAL_NANOS : LOG_INTERVAL_NANOS;
    if (now - lastDrawNanos >= interval || (!interactive && nextTenth && done < total)) {
      lastDrawNanos = now;
      draw(now, false);
    }
  }

  @Override
  public synchronized void finish() {
    if (total > 0) {
      draw(System.nanoTime(), true);
    }
  }

  private void draw(long now, boolean last) {
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = done / seconds;
    String eta = rate > 0 && done < total ? clock((total - done) / rate) : "0:00";
    int width = 30;
    int filled = total == 0 ? width : (int) (width * done / total);
    String bar = "#".repeat(filled) + ".".repeat(width - filled);
    String line =
        String.format(
            Locale.ROOT,
            "%-9s [%s] %d/%d  %.1f img/s  %s %s",
            phase,
            bar,
            done,
            total,
            rate,
            last ? "took" : "ETA",
            last ? clock(seconds) : eta);
    if (interactive) {
      out.print("\r" + line + (last ? "\n" : ""));
    } else {
      out.println(line);
    }
    out.flush();
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
