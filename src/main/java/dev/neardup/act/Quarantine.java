package dev.neardup.act;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A folder that duplicates found by a long-running process (the service, {@code neardup watch}) are
 * moved into one at a time, with the same guarantees as {@link Remover#move}: each move is written
 * to a {@link Manifest} and forced to disk before it happens, nothing is ever overwritten, and
 * {@code neardup undo MANIFEST} puts every file back.
 *
 * <p>One manifest per process start, named {@code manifest-<UTC time>.jsonl} in the folder, created
 * on the first move. Thread-safe.
 */
public final class Quarantine implements Closeable {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

  private final Path folder;
  private final Clock clock;
  private Manifest manifest;

  /**
   * @param folder where duplicates go (created when needed)
   */
  public Quarantine(Path folder, Clock clock) {
    this.folder = folder.toAbsolutePath().normalize();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The quarantine folder (absolute). */
  public Path folder() {
    return folder;
  }

  /** The manifest this process writes, or null before the first move. */
  public synchronized Path manifestFile() {
    return manifest == null ? null : manifest.file();
  }

  /**
   * Moves {@code file}, a duplicate of {@code kept}, into the folder, keeping its path below {@code
   * root} (as {@code dedup --move-to} does).
   *
   * @param sha256 the file's content hash as analysed; a file that changed since is left alone
   * @return where the file went
   * @throws IOException when the file changed or vanished since it was analysed, or the move fails
   */
  public synchronized Path move(Path file, Path root, String sha256, Path kept) throws IOException {
    Removal r = new Removal(file.toAbsolutePath().normalize(), root, sha256, kept);
    if (r.file().startsWith(folder)) {
      throw new IllegalArgumentException(file + " is already inside the quarantine " + folder);
    }
    String why = Remover.unchanged(r);
    if (why != null) {
      throw new IOException(file + " was not moved: " + why);
    }
    Path target = Remover.freeName(folder.resolve(Remover.relative(r)));
    if (manifest == null) {
      Files.createDirectories(folder);
      String created = clock.instant().toString();
      manifest =
          Manifest.create(
              folder.resolve("manifest-" + STAMP.format(clock.instant()) + ".jsonl"), created);
    }
    manifest.append(
        ManifestEntry.move(
            r.file().toString(), target.toString(), sha256, Files.size(r.file()), kept.toString()));
    FileMover.move(r.file(), target);
    return target;
  }

  @Override
  public synchronized void close() throws IOException {
    if (manifest != null) {
      manifest.close();
    }
  }
}
