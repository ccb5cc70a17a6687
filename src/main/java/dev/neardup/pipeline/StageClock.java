package dev.neardup.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Busy time per named pipeline stage, added up over every thread that works in it: decode workers
 * add theirs to one stage, the model thread and the index writer to others. At the end, {@link
 * #profile} turns the totals into each stage's busy fraction of the run's wall time, so that a
 * benchmark shows which stage is the bottleneck (the one near 1) and which wait.
 *
 * <p>Thread-safe: stages are declared up front with their thread count (so the profile lists them
 * in pipeline order, and a stage nobody entered still shows as 0), and each adds to a {@link
 * LongAdder}. The clock is injected so that tests check the accounting exactly, not timing.
 */
public final class StageClock {
  private static final StageClock OFF = new StageClock(() -> 0L, true);

  private final LongSupplier nanos;
  private final boolean off;
  private final Map<String, Stage> stages = new LinkedHashMap<>();

  private record Stage(int threads, LongAdder busy) {}

  /** One timed stretch of work in one stage; closing it adds the time since it began. */
  public final class Lap implements AutoCloseable {
    private final LongAdder busy;
    private final long start;

    private Lap(LongAdder busy) {
      this.busy = busy;
      this.start = nanos.getAsLong();
    }

    @Override
    public void close() {
      busy.add(nanos.getAsLong() - start);
    }
  }

  /**
   * @param nanos a monotonic clock in nanoseconds ({@code System::nanoTime} outside tests)
   */
  public StageClock(LongSupplier nanos) {
    this(Objects.requireNonNull(nanos, "nanos"), false);
  }

  private StageClock(LongSupplier nanos, boolean off) {
    this.nanos = nanos;
    this.off = off;
  }

  /** A clock that times nothing: every stage's laps are accepted and dropped (for one-off work). */
  public static StageClock off() {
    return OFF;
  }

  /** A clock on {@link System#nanoTime()}. */
  public static StageClock system() {
    return new StageClock(System::nanoTime);
  }

  /** The current time of this clock, in nanoseconds. */
  public long now() {
    return nanos.getAsLong();
  }

  /**
   * Declares {@code stage}, worked in by {@code threads} threads; returns this clock.
   *
   * @throws IllegalArgumentException if {@code threads < 1} or the stage is already declared
   */
  public synchronized StageClock stage(String stage, int threads) {
    if (off) {
      throw new IllegalStateException("the off clock has no stages");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("stage '" + stage + "' needs >= 1 thread; got " + threads);
    }
    if (stages.putIfAbsent(stage, new Stage(threads, new LongAdder())) != null) {
      throw new IllegalArgumentException("stage '" + stage + "' declared twice");
    }
    return this;
  }

  /**
   * Starts timing work in {@code stage}: {@code try (var lap = clock.time("decode")) { ... }}.
   *
   * @throws IllegalArgumentException if the stage was not declared (a misspelt name would otherwise
   *     be a stage of its own, silently)
   */
  public Lap time(String stage) {
    if (off) {
      return new Lap(new LongAdder());
    }
    Stage s;
    synchronized (this) {
      s = stages.get(stage);
    }
    if (s == null) {
      throw new IllegalArgumentException("undeclared stage '" + stage + "'; have " + names());
    }
    return new Lap(s.busy());
  }

  private synchronized List<String> names() {
    return List.copyOf(stages.keySet());
  }

  /**
   * Each stage's busy time over {@code wallNanos} of its threads' time, in declaration order.
   *
   * @param wallNanos the run's wall time; 0 gives fractions of 0
   */
  public synchronized List<StageProfile> profile(long wallNanos) {
    List<StageProfile> out = new ArrayList<>(stages.size());
    stages.forEach(
        (name, s) -> {
          long busy = s.busy().sum();
          double fraction = wallNanos > 0 ? busy / ((double) wallNanos * s.threads()) : 0;
          out.add(new StageProfile(name, s.threads(), busy / 1e9, fraction));
        });
    return out;
  }
}
