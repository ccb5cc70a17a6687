package dev.neardup.http;

import dev.neardup.index.FailedFile;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.Origin;
import dev.neardup.pipeline.Deduplicator;
import dev.neardup.pipeline.IndexStats;
import dev.neardup.pipeline.Indexer;
import dev.neardup.pipeline.Progress;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background indexing jobs ({@code POST /api/v1/index}): one at a time, in arrival order, on one
 * thread, each reporting its progress. Jobs are kept in memory for the life of the process.
 */
final class Jobs implements Closeable {
  private final Deduplicator deduplicator;
  private final ImageIndex index;
  private final Metrics metrics;
  private final Clock clock;
  private final List<Path> exclude;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "neardup-index-job");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();

  Jobs(
      Deduplicator deduplicator,
      ImageIndex index,
      Metrics metrics,
      Clock clock,
      List<Path> exclude) {
    this.deduplicator = deduplicator;
    this.index = index;
    this.metrics = metrics;
    this.clock = clock;
    this.exclude = exclude;
  }

  /**
   * Queues a job indexing {@code paths} (already checked against the roots), storing the source and
   * tags with every image it indexes, arrived at the job's submission.
   *
   * @param source the submitter id, or null for none
   * @throws IllegalArgumentException when the source or a tag is malformed
   */
  Job submit(List<Path> paths, String source, List<String> tags) {
    Instant now = clock.instant();
    Origin origin = new Origin(source, tags, now.toEpochMilli());
    Job job = new Job(Long.toString(ids.incrementAndGet()), paths, now, origin);
    jobs.put(job.id, job);
    worker.execute(() -> run(job));
    return job;
  }

  /** The job with this id, or null. */
  Job get(String id) {
    return jobs.get(id);
  }

  private void run(Job job) {
    job.started(clock.instant());
    try {
      IndexStats stats = deduplicator.index(job.paths, exclude, job, job.origin);
      List<FailedFile> failures;
      try (IndexSnapshot s = index.snapshot()) {
        failures = s.failures(Indexer.under(job.paths));
      }
      metrics.imagesIndexed.increment(stats.indexed());
      if (stats.failed() > 0) {
        for (int i = 0; i < stats.failed(); i++) {
          metrics.failure("unreadable");
        }
      }
      job.finished(clock.instant(), stats, failures, null);
    } catch (Exception e) {
      job.finished(clock.instant(), null, List.of(), e.getMessage());
    }
  }

  @Override
  public void close() {
    worker.shutdownNow();
    try {
      worker.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One indexing job; it receives its own progress. */
  static final class Job implements Progress {
    final String id;
    final List<Path> paths;
    final Origin origin;
    private final Instant created;
    private Instant started;
    private Instant finished;
    private String state = "queued";
    private long total;
    private long done;
    private long phaseStartNanos;
    private IndexStats stats;
    private List<FailedFile> failures = List.of();
    private String error;

    Job(String id, List<Path> paths, Instant created, Origin origin) {
      this.id = id;
      this.paths = List.copyOf(paths);
      this.origin = origin;
      this.created = created;
    }

    synchronized void started(Instant at) {
      started = at;
      state = "running";
    }

    synchronized void finished(
        Instant at, IndexStats stats, List<FailedFile> failures, String error) {
      this.finished = at;
      this.stats = stats;
      this.failures = failures;
      this.error = error;
      this.state = error == null ? "done" : "failed";
      notifyAll();
    }

    @Override
    public synchronized void start(String phase, long total) {
      this.total = total;
      this.done = 0;
      this.phaseStartNanos = System.nanoTime();
    }

    @Override
    public synchronized void update(long done) {
      this.done = done;
    }

    @Override
    public void finish() {}

    /** Waits until the job ends or {@code timeout} passes; true when it ended. */
    synchronized boolean await(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (finished == null) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }

    /** The job as JSON: state, progress (done, total, rate, ETA), failures and result. */
    synchronized Map<String, Object> view() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("state", state);
      m.put("paths", paths.stream().map(Path::toString).toList());
      if (origin.source() != null) {
        m.put("source", origin.source());
      }
      if (!origin.tags().isEmpty()) {
        m.put("tags", origin.tags());
      }
      m.put("created", created.toString());
      m.put("started", started == null ? null : started.toString());
      m.put("finished", finished == null ? null : finished.toString());
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("done", done);
      p.put("total", total);
      double seconds = phaseStartNanos == 0 ? 0 : (System.nanoTime() - phaseStartNanos) / 1e9;
      double rate = stats != null ? stats.imagesPerSecond() : seconds > 0 ? done / seconds : 0;
      p.put("images_per_second", Math.round(rate * 10) / 10.0);
      Long eta = null;
      if (finished != null) {
        eta = 0L;
      } else if (rate > 0) {
        eta = Math.round((total - done) / rate);
      }
      p.put("eta_seconds", eta);
      m.put("progress", p);
      m.put(
          "failures",
          failures.stream()
              .map(
                  f -> {
                    Map<String, Object> j = new LinkedHashMap<>();
                    j.put("path", f.path());
                    j.put("reason", f.reason());
                    return j;
                  })
              .toList());
      if (stats != null) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("scanned", stats.scanned());
        r.put("indexed", stats.indexed());
        r.put("unchanged", stats.unchanged());
        r.put("unreadable", stats.failed());
        r.put("removed", stats.removed());
        r.put("ignored", stats.ignored());
        r.put("seconds", Math.round(stats.seconds() * 1000) / 1000.0);
        m.put("result", r);
      }
      if (error != null) {
        m.put("error", error);
      }
      return m;
    }
  }
}
