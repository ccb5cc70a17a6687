package dev.neardup.pipeline;

import dev.neardup.act.Quarantine;
import dev.neardup.index.ImageRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where uploaded bytes live: a storage folder holding each unique upload at its content-addressed
 * name {@code <sha[0..2]>/<sha256>.<format>}, and its {@code .incoming/} folder holding uploads
 * still being received or decided.
 *
 * <p>Why a folder of its own, with these steps: an upload is acknowledged only once it survives a
 * crash. It is written and forced to disk under {@code .incoming/} (the same file system, so the
 * rename into its final place is atomic), then renamed and its directory forced, before its
 * document is put. A crash leaves either a temporary file ({@link #clearIncoming} deletes it) or a
 * stored file whose document may be missing ({@link Reconciler#recover} settles it). The name is
 * the content's hash, so identical bytes never need two files.
 */
final class UploadStore {
  private static final String INCOMING = ".incoming";

  private final Path folder;
  private final Path incoming;

  /** Opens {@code folder} (absolute and normalised), creating it and its {@code .incoming/}. */
  UploadStore(Path folder) throws IOException {
    this.folder = folder.toAbsolutePath().normalize();
    this.incoming = this.folder.resolve(INCOMING);
    Files.createDirectories(incoming);
  }

  /** The storage folder. */
  Path folder() {
    return folder;
  }

  /**
   * Writes {@code content} to a new temporary file under {@code .incoming/}, forced to disk. The
   * caller deletes it unless it is ingested.
   *
   * @throws TooLargeException when the content is longer than {@code maxBytes}
   */
  Path receive(InputStream content, long maxBytes) throws IOException {
    Path tmp = incoming.resolve(UUID.randomUUID() + ".part");
    try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = content.read(buf)) > 0; ) {
        total += n;
        if (total > maxBytes) {
          throw new TooLargeException("upload is larger than the limit of " + maxBytes + " bytes");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    return tmp;
  }

  /** The content-addressed place of {@code r}'s bytes in the storage. */
  Path storedName(ImageRecord r) {
    return folder.resolve(r.sha256().substring(0, 2)).resolve(fileName(r));
  }

  /**
   * Renames the received file {@code probe} was analysed from into its {@link #storedName} and
   * forces the directory, so the file survives a crash; returns {@code probe} at its new path.
   */
  ImageRecord moveIn(Path received, ImageRecord probe) throws IOException {
    Path target = storedName(probe);
    Files.createDirectories(target.getParent());
    Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
    fsyncDirectory(target.getParent());
    return withPath(probe, target);
  }

  /**
   * Moves a received duplicate into {@code quarantine}'s {@code uploads/} folder under its content
   * name (deleting it when the same bytes were quarantined before); returns where it is, or null
   * when there is no quarantine (the caller deletes it).
   */
  static String setAside(ImageRecord probe, Quarantine quarantine) throws IOException {
    if (quarantine == null) {
      return null;
    }
    Path received = Path.of(probe.path());
    Path target = quarantine.folder().resolve("uploads").resolve(fileName(probe));
    Files.createDirectories(target.getParent());
    if (Files.exists(target)) {
      Files.delete(received); // the same bytes were quarantined before
    } else {
      Files.move(received, target, StandardCopyOption.ATOMIC_MOVE);
    }
    return target.toString();
  }

  /**
   * Deletes {@code p} when it is a stored upload (under the storage folder, not still incoming);
   * returns whether it is one. Other files are never touched.
   */
  boolean deleteIfHeld(Path p) throws IOException {
    if (!p.startsWith(folder) || p.startsWith(incoming)) {
      return false;
    }
    Files.deleteIfExists(p);
    return true;
  }

  /** Deletes every temporary file under {@code .incoming/} (none is acknowledged). */
  void clearIncoming() throws IOException {
    try (Stream<Path> tmp = Files.list(incoming)) {
      for (Path p : tmp.toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Every stored file (regular files under the storage folder, not under {@code .incoming/}). */
  List<Path> storedFiles() throws IOException {
    try (Stream<Path> all = Files.walk(folder)) {
      return all.filter(Files::isRegularFile).filter(p -> !p.startsWith(incoming)).toList();
    }
  }

  private static String fileName(ImageRecord r) {
    return r.sha256() + "." + r.format().toLowerCase(Locale.ROOT);
  }

  private static ImageRecord withPath(ImageRecord r, Path path) {
    return new ImageRecord(
        path.toString(),
        r.sha256(),
        r.fileSize(),
        r.mtimeMillis(),
        r.format(),
        r.width(),
        r.height(),
        r.camera(),
        r.timestampMillis(),
        r.vector(),
        r.phash(),
        r.thumbnail(),
        r.signatures());
  }

  private static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // some file systems cannot open directories; the file itself was forced already
    }
  }
}
