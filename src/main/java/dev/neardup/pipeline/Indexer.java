package dev.neardup.pipeline;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.ImageScanner;
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
 * model thread never waits for I/O and memory stays bounded. The model thread embeds in batches and
 * writes the documents. Changes are committed every {@link #COMMIT_EVERY} files, so a killed run
 * loses at most that much work and the index always opens.
 */
public final class Indexer {
  static final int COMMIT_EVERY = 500;

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
    long start = System.nanoTime();
    ImageScanner.Scan scan = new ImageScanner().scan(roots, exclude);
    Map<String, FileState> known = index.fileStates(under(roots));

    List<Path> todo = new ArrayList<>();
    Set<String> present = new HashSet<>();
    int unchanged = 0;
    for (Path file : scan.images()) {
      String key = file.toAbsolutePath().normalize().toString();
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
    int[] counts = process(todo, progress);
    index.commit();
    double seconds = (System.nanoTime() - start) / 1e9;
    return new IndexStats(
        scan.images().size(), unchanged, counts[0], counts[1], removed, scan.ignored(), seconds);
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

  /** Decodes, embeds and indexes {@code files}; returns {indexed, failed}. */
  private int[] process(List<Path> files, Progress progress) throws IOException {
    progress.start("indexing", files.size());
    int indexed = 0;
    int failed = 0;
    int done = 0;
    int sinceCommit = 0;
    int lookahead = Math.max(2 * batchSize, 4 * decodeThreads);
    ExecutorService pool = Executors.newFixedThreadPool(decodeThreads, Indexer::decodeThread);
    Deque<Pending> pending = new ArrayDeque<>();
    List<Analyzed> batch = new ArrayList<>(batchSize);
    try {
      int next = 0;
      while (next < files.size() || !pending.isEmpty()) {
        while (next < files.size() && pending.size() < lookahead) {
          Path f = files.get(next++);
          pending.add(new Pending(f, pool.submit(() -> analyzer.decode(f))));
        }
        Pending p = pending.poll();
        try {
          batch.add(p.result().get());
        } catch (ExecutionException e) {
          recordFailure(p.file(), e.getCause());
          failed++;
          done++;
          sinceCommit++;
        }
        if (batch.size() == batchSize || (pending.isEmpty() && next == files.size())) {
          int written = write(batch);
          indexed += written;
          failed += batch.size() - written;
          done += batch.size();
          sinceCommit += batch.size();
          batch.clear();
          progress.update(done);
          if (sinceCommit >= COMMIT_EVERY) {
            index.commit();
            sinceCommit = 0;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("indexing interrupted", e);
    } finally {
      batch.forEach(Analyzed::close);
      for (Pending p : pending) {
        if (!p.result().cancel(true) && p.result().state() == Future.State.SUCCESS) {
          p.result().resultNow().close();
        }
      }
      pool.shutdownNow();
      progress.finish();
    }
    return new int[] {indexed, failed};
  }

  /**
   * Embeds and indexes a batch; returns how many were indexed. When the model rejects the batch,
   * each image is tried alone so that one bad image costs only itself.
   */
  private int write(List<Analyzed> batch) throws IOException {
    try {
      List<ImageRecord> records;
      try {
        records = analyzer.records(batch);
      } catch (RuntimeException e) {
        if (batch.size() == 1) {
          recordFailure(batch.get(0).image().path(), e);
          return 0;
        }
        int written = 0;
        for (Analyzed one : batch) {
          written += write(List.of(one));
        }
        return written;
      }
      for (ImageRecord r : records) {
        index.put(r);
      }
      return records.size();
    } finally {
      batch.forEach(Analyzed::close);
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
