package dev.neardup.act;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Moves one file without ever overwriting anything and without a moment where the file exists
 * nowhere.
 *
 * <p>On one file system the move is a hard link to the new name (which fails if the name is taken:
 * no race with another writer) followed by removal of the old name; a crash between the two leaves
 * both names on one inode. Across file systems the file is copied to a temporary name beside the
 * target, forced to disk, given its final name, and only then removed from its old place.
 */
final class FileMover {
  private FileMover() {}

  /** Moves {@code from} to {@code to}; throws {@link FileAlreadyExistsException} if taken. */
  static void move(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    try {
      Files.createLink(to, from);
    } catch (FileAlreadyExistsException e) {
      throw e;
    } catch (IOException | UnsupportedOperationException e) {
      copyDurably(from, to); // other file system, or no hard links there
    }
    Manifest.fsyncDirectory(to.getParent());
    Files.delete(from);
    Manifest.fsyncDirectory(from.getParent());
  }

  private static void copyDurably(Path from, Path to) throws IOException {
    Path tmp = to.resolveSibling(to.getFileName() + ".neardup-partial");
    Files.copy(from, tmp, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    if (Files.exists(to)) {
      Files.delete(tmp);
      throw new FileAlreadyExistsException(to.toString());
    }
    Files.move(tmp, to, StandardCopyOption.ATOMIC_MOVE);
    if (Files.size(to) != Files.size(from)) {
      throw new IOException("copy of " + from + " to " + to + " has the wrong size");
    }
  }

  /** Hex SHA-256 of a file's content. */
  static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
