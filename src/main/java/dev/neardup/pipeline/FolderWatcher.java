package dev.neardup.pipeline;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.ImageScanner;
import dev.neardup.index.FileState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deduplicates the images dropped into a folder as they arrive ({@code neardup watch}): each new or
 * changed file is handed to {@link Ingestor#ingestFile} — unique images are indexed in place,
 * duplicates moved to the quarantine with a manifest.
 *
 * <p><b>Files still being written are not read half-way:</b> a file is taken only once its size and
 * modification time have stayed the same for {@code settle} (measured with the injected clock
 * between two {@link #poll} calls). Writers that create the file under a temporary name and rename
 * it when complete are served at once on the first poll after {@code settle}. A file that is still
 * unreadable after settling (a truncated upload) is recorded as unreadable and looked at again when
 * it changes.
 *
 * <p>Why polling rather than {@link java.nio.file.WatchService}: inotify events say a file was
 * created or written, never that the writer is done, so a stability check is needed anyway; and
 * polling also works on network and container-mounted folders where inotify is silent. One poll
 * costs a walk of the folder (a {@code stat} per file).
 *
 * <p>Not thread-safe: call {@link #poll} from one thread.
 */
public final class FolderWatcher {
  private final Ingestor ingestor;
  private final Path folder;
  private final Duration settle;
  private final Clock clock;
  private final List<Path> exclude;
  private final Map<Path, FileState> done = new HashMap<>();
  private final Map<Path, Seen> pending = new HashMap<>();

  /** What happened to one file. */
  public record Outcome(Path file, IngestResult result, String error) {}

  private record Seen(long size, long mtime, Instant since) {}

  /**
   * @param known files already indexed (path → size and mtime), skipped while unchanged
   * @param settle how long a file must stay unchanged before it is read
   */
  public FolderWatcher(
      Ingestor ingestor, Path folder, Map<String, FileState> known, Duration settle, Clock clock) {
    this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
    this.folder = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(this.folder)) {
      throw new IllegalArgumentException("watch folder is not a folder: " + folder);
    }
    if (settle.isNegative()) {
      throw new IllegalArgumentException("settle time must be >= 0; got " + settle);
    }
    this.settle = settle;
    this.clock = Objects.requireNonNull(clock, "clock");
    List<Path> ex = new ArrayList<>();
    if (ingestor.quarantine() != null) {
      Path q = ingestor.quarantine().folder();
      if (this.folder.startsWith(q)) {
        throw new IllegalArgumentException(
            "watch folder " + this.folder + " lies inside the quarantine " + q);
      }
      ex.add(q);
    }
    if (ingestor.storage() != null) {
      ex.add(ingestor.storage().resolve(".incoming"));
    }
    this.exclude = List.copyOf(ex);
    known.forEach((p, s) -> done.put(Path.of(p), s));
  }

  /** The watched folder (absolute). */
  public Path folder() {
    return folder;
  }

  /** Scans the folder once and ingests every file that has settled; returns what happened. */
  public List<Outcome> poll() throws IOException {
    Instant now = clock.instant();
    List<Outcome> out = new ArrayList<>();
    List<Path> files = new ImageScanner().scan(List.of(folder), exclude).images();
    pending.keySet().retainAll(files);
    for (Path f : files) {
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(f, BasicFileAttributes.class);
      } catch (IOException e) {
        continue; // vanished since the scan
      }
      long size = a.size();
      long mtime = a.lastModifiedTime().toMillis();
      FileState d = done.get(f);
      if (d != null && d.fileSize() == size && d.mtimeMillis() == mtime) {
        continue;
      }
      Seen s = pending.get(f);
      if (s == null || s.size() != size || s.mtime() != mtime) {
        pending.put(f, new Seen(size, mtime, now));
        if (!settle.isZero()) {
          continue;
        }
        s = pending.get(f);
      }
      if (Duration.between(s.since(), now).compareTo(settle) < 0) {
        continue;
      }
      pending.remove(f);
      out.add(ingest(f, size, mtime));
    }
    return out;
  }

  private Outcome ingest(Path f, long size, long mtime) throws IOException {
    try {
      IngestResult r = ingestor.ingestFile(f, folder);
      if (r.status() == IngestResult.Status.UNIQUE || r.quarantinedAt() == null) {
        done.put(f, new FileState(size, mtime, false)); // stays here: do not look again
      }
      return new Outcome(f, r, null);
    } catch (DecodeException e) {
      done.put(f, new FileState(size, mtime, true));
      return new Outcome(f, null, e.reason());
    }
  }
}
