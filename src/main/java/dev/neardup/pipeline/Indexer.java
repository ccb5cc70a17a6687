package dev.neardup.pipeline;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.ImageScanner;
import dev.neardup.group.Partition;
import dev.neardup.index.FileState;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.ImageRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;

/**
 * Brings the index up to date with folders: new and changed files are decoded and indexed,
 * unchanged ones (same size and mtime) skipped, vanished ones removed. Unreadable files are
 * recorded with their reason and the run goes on.
 *
 * <p>Decoding runs on its own threads, ahead of the model by a bounded number of images, so the
 * model thread never waits for I/O and memory stays bounded. The model thread embeds in batches; a
 * writer thread adds each batch's documents (and their HNSW graph entries: 0.2–1.9 ms each at
 * 2048-d, measured by `bench embed`) while the model embeds the next batch, one batch in flight at
 * most. Changes are committed every {@link #COMMIT_EVERY} files, so a killed run loses at most that
 * much work and the index always opens.
 *
 * <p>Every stage's busy time is added up on a {@link StageClock} and returned with the update
 * ({@link IndexStats#stages()}), so that a benchmark shows which stage holds the others up: {@link
 * #STAGES}, in pipeline order.
 */
public final class Indexer {
  static final int COMMIT_EVERY = 500;

  /** Model thread: blocked until the next decoded image is ready. */
  static final String WAIT_DECODE = "wait for decode";

  /** Model thread: the forward pass of a batch and its records. */
  static final String FORWARD = "forward";

  /** Model thread: blocked until the writer has taken the previous batch. */
  static final String WAIT_WRITER = "wait for writer";

  /** Writer thread: Lucene documents and their HNSW graph entries. */
  static final String WRITE = "index writer";

  /** Model thread: commits, every {@link #COMMIT_EVERY} files and at the end. */
  static final String COMMIT = "commit";

  /**
   * The stages an update reports, in pipeline order: two on the decode workers ({@link
   * Analyzer#DECODE}, {@link Analyzer#PREPARE}), four on the model thread, one on the writer.
   */
  public static final List<String> STAGES =
      List.of(Analyzer.DECODE, Analyzer.PREPARE, WAIT_DECODE, FORWARD, WAIT_WRITER, WRITE, COMMIT);

  private final ImageIndex index;
  private final Analyzer analyzer;
  private final int decodeThreads;
  private final int batchSize;

  /**
   * @param decodeThreads threads decoding images while the model runs
   * @param batchSize images per model call
   */
  public Indexer(ImageIndex index, Analyzer analyzer, int decodeThreads, int batchSize) {
    if (decodeThreads < 1) {
      throw new IllegalArgumentException("decode threads must be >= 1; got " + decodeThreads);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1; got " + batchSize);
    }
    this.index = index;
    this.analyzer = analyzer;
    this.decodeThreads = decodeThreads;
    this.batchSize = batchSize;
  }

  /**
   * Updates the index for everything under {@code roots}.
   *
   * @param exclude folders not to scan (e.g. the index itself, the move-to folder)
   */
  public IndexStats update(List<Path> roots, List<Path> exclude, Progress progress)
      throws IOException {
    return update(roots, exclude, progress, dev.neardup.index.Origin.UNKNOWN);
  }

  /**
   * {@link #update(List, List, Progress)}, storing {@code origin} with every image it indexes
   * (unchanged files keep the origin they were indexed with).
   */
  public IndexStats update(
      List<Path> roots, List<Path> exclude, Progress progress, dev.neardup.index.Origin origin)
      throws IOException {
    return update(roots, exclude, progress, origin, Partition.WHOLE);
  }

  /**
   * {@link #update(List, List, Progress, dev.neardup.index.Origin)} for the files of one {@code
   * part} only ({@code index --partition K/N}, by a hash of the absolute path): N workers index one
   * folder tree into one collection, each its share. Files of other parts are neither indexed nor
   * removed, and are not counted.
   */
  public IndexStats update(
      List<Path> roots,
      List<Path> exclude,
      Progress progress,
      dev.neardup.index.Origin origin,
      Partition part)
      throws IOException {
    StageClock clock = StageClock.system();
    long start = clock.now();
    for (String stage : STAGES) {
      boolean onDecodeWorkers = stage.equals(Analyzer.DECODE) || stage.equals(Analyzer.PREPARE);
      clock.stage(stage, onDecodeWorkers ? decodeThreads : 1);
    }
    ImageScanner.Scan scan = new ImageScanner().scan(roots, exclude);
    Predicate<String> mine = part.count() == 1 ? p -> true : part::owns;
    Map<String, FileState> known = index.fileStates(under(roots).and(mine));

    List<Path> todo = new ArrayList<>();
    Set<String> present = new HashSet<>();
    int unchanged = 0;
    int scanned = 0;
    for (Path file : scan.images()) {
      String key = file.toAbsolutePath().normalize().toString();
      if (!mine.test(key)) {
        continue;
      }
      scanned++;
      present.add(key);
      if (unchanged(known.get(key), file)) {
        unchanged++;
      } else {
        todo.add(file); // new, changed, or unreadable: decoding says which, with a reason
      }
    }
    int removed = 0;
    for (String path : known.keySet()) {
      if (!present.contains(path)) {
        index.delete(path);
        removed++;
      }
    }
    Processed counts = process(todo, progress, origin, clock);
    try (StageClock.Lap lap = clock.time(COMMIT)) {
      index.commit();
    }
    long wall = clock.now() - start;
    return new IndexStats(
        scanned,
        unchanged,
        counts.indexed(),
        counts.failed(),
        removed,
        scan.ignored(),
        wall / 1e9,
        clock.profile(wall));
  }

  private static boolean unchanged(FileState state, Path file) {
    if (state == null) {
      return false;
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      return state.fileSize() == attrs.size()
          && state.mtimeMillis() == attrs.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return false; // vanished or unreadable since the scan
    }
  }

  /** What {@link #process} did: files indexed, and files that could not be decoded or embedded. */
  private record Processed(int indexed, int failed) {}

  /** Decodes, embeds and indexes {@code files}. */
  private Processed process(
      List<Path> files, Progress progress, dev.neardup.index.Origin origin, StageClock clock)
      throws IOException {
    progress.start("indexing", files.size());
    int indexed = 0;
    int failed = 0;
    int done = 0;
    int sinceCommit = 0;
    int lookahead = Math.max(2 * batchSize, 4 * decodeThreads);
    ExecutorService pool = Executors.newFixedThreadPool(decodeThreads, Indexer::decodeThread);
    Writer writer = new Writer(origin, clock);
    Deque<Pending> pending = new ArrayDeque<>();
    List<Analyzed> batch = new ArrayList<>(batchSize);
    try {
      int next = 0;
      while (next < files.size() || !pending.isEmpty()) {
        while (next < files.size() && pending.size() < lookahead) {
          Path f = files.get(next++);
          pending.add(new Pending(f, pool.submit(() -> analyzer.decode(f, clock))));
        }
        Pending p = pending.poll();
        try (StageClock.Lap lap = clock.time(WAIT_DECODE)) {
          batch.add(p.result().get());
        } catch (ExecutionException e) {
          recordFailure(p.file(), e.getCause());
          failed++;
          done++;
          sinceCommit++;
        }
        if (batch.size() == batchSize || (pending.isEmpty() && next == files.size())) {
          List<ImageRecord> records;
          try (StageClock.Lap lap = clock.time(FORWARD)) {
            records = embed(batch);
          }
          writer.put(records);
          indexed += records.size();
          failed += batch.size() - records.size();
          done += batch.size();
          sinceCommit += batch.size();
          batch.clear();
          progress.update(done);
          if (sinceCommit >= COMMIT_EVERY) {
            writer.drain();
            try (StageClock.Lap lap = clock.time(COMMIT)) {
              index.commit();
            }
            sinceCommit = 0;
          }
        }
      }
      writer.drain();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing interrupted", e);
    } finally {
      writer.shutdown();
      batch.forEach(Analyzed::close);
      for (Pending p : pending) {
        if (!p.result().cancel(true) && p.result().state() == Future.State.SUCCESS) {
          p.result().resultNow().close();
        }
      }
      pool.shutdownNow();
      progress.finish();
    }
    return new Processed(indexed, failed);
  }

  /**
   * Embeds a batch and releases its pixels; returns the records of the images that could be
   * embedded. When the model rejects the batch, each image is tried alone so that one bad image
   * costs only itself (and is recorded as a failure).
   */
  private List<ImageRecord> embed(List<Analyzed> batch) throws IOException {
    try {
      try {
        return analyzer.records(batch);
      } catch (RuntimeException e) {
        if (batch.size() == 1) {
          recordFailure(batch.get(0).image().path(), e);
          return List.of();
        }
        List<ImageRecord> out = new ArrayList<>();
        for (Analyzed one : batch) {
          out.addAll(embed(List.of(one)));
        }
        return out;
      }
    } finally {
      batch.forEach(Analyzed::close);
    }
  }

  /**
   * Adds documents on its own thread, one batch at a time: {@link #put} first waits for the
   * previous batch, so at most one batch is in flight and a write error surfaces on the next call.
   */
  private final class Writer {
    private final ExecutorService thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "neardup-index-writer");
              t.setDaemon(true);
              return t;
            });
    private Future<Void> inFlight;
    private final dev.neardup.index.Origin origin;
    private final StageClock clock;

    Writer(dev.neardup.index.Origin origin, StageClock clock) {
      this.origin = origin;
      this.clock = clock;
    }

    void put(List<ImageRecord> records) throws IOException, InterruptedException {
      drain();
      inFlight =
          thread.submit(
              () -> {
                try (StageClock.Lap lap = clock.time(WRITE)) {
                  for (ImageRecord r : records) {
                    index.put(r, origin);
                  }
                }
                return null;
              });
    }

    /** Waits for the batch in flight; rethrows its failure. */
    void drain() throws IOException, InterruptedException {
      if (inFlight == null) {
        return;
      }
      Future<Void> f = inFlight;
      inFlight = null;
      try (StageClock.Lap lap = clock.time(WAIT_WRITER)) {
        f.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof IOException io) {
          throw io;
        }
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        throw new IOException("index write failed", e.getCause());
      }
    }

    /** Stops the thread after the batch in flight (if any) is written: nothing writes later. */
    void shutdown() {
      thread.shutdown();
      try {
        if (!thread.awaitTermination(5, java.util.concurrent.TimeUnit.MINUTES)) {
          thread.shutdownNow();
        }
      } catch (InterruptedException e) {
        thread.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void recordFailure(Path file, Throwable cause) throws IOException {
    String reason =
        cause instanceof DecodeException d ? d.reason() : "could not embed: " + cause.getMessage();
    long size = -1;
    long mtime = -1;
    try {
      size = Files.size(file);
      mtime = Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      // vanished or unreadable: keep -1 so that the next run looks at it again
    }
    index.putFailure(file.toAbsolutePath().normalize().toString(), size, mtime, reason);
  }

  /** Accepts index paths that lie under one of the roots (or are one of them). */
  public static Predicate<String> under(List<Path> roots) {
    List<Path> abs = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
    return path -> {
      Path p = Path.of(path);
      for (Path r : abs) {
        if (p.startsWith(r)) {
          return true;
        }
      }
      return false;
    };
  }

  private static Thread decodeThread(Runnable r) {
    Thread t = new Thread(r, "neardup-decode");
    t.setDaemon(true);
    return t;
  }

  private record Pending(Path file, Future<Analyzed> result) {}
}
