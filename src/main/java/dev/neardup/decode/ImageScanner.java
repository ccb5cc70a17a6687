package dev.neardup.decode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds the candidate image files under some folders.
 *
 * <p>A candidate is a regular file with an image extension ({@code jpg jpeg png bmp tif tiff gif
 * webp ppm pgm pbm pnm svg}, any case) or, whatever its name, whose first bytes are an image magic
 * ({@link ImageFormat#detect}). Candidates are only that: the decoder still decides, so corrupt
 * {@code .jpg} files are returned here and refused later with a reason. Other files are counted as
 * ignored.
 *
 * <p>Walking rules: hidden folders are walked; symbolic links are not followed, neither to folders
 * (no loops, no leaving the tree) nor to files (moving a link frees nothing, and its target is
 * usually scanned anyway); they are counted in {@link Scan#skippedLinks()}. A root given on its own
 * may be a single file, or a link to a folder, which is then followed (its files are reported under
 * the link's real path). Folders under an {@code exclude} path (such as the index folder) are
 * skipped. Unreadable folders are listed, not fatal.
 *
 * <p>Stateless and thread-safe.
 */
public final class ImageScanner {

  /**
   * What a scan found.
   *
   * @param images absolute, normalised candidate paths, sorted, without duplicates (overlapping
   *     roots list a file once)
   * @param ignored files seen that are not image candidates
   * @param skippedLinks symbolic links met while walking and not followed
   * @param unreadable folders or files that could not be listed or probed, sorted
   */
  public record Scan(List<Path> images, int ignored, int skippedLinks, List<Path> unreadable) {
    public Scan {
      images = List.copyOf(images);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** Same as {@link #scan(List, List)} with nothing excluded. */
  public Scan scan(List<Path> roots) {
    return scan(roots, List.of());
  }

  /**
   * Walks every root recursively and collects the candidate image files.
   *
   * @param roots folders or single files; at least one
   * @param exclude paths whose whole subtree is skipped (e.g. the index folder); may be empty
   * @throws IllegalArgumentException when {@code roots} is empty or a root does not exist, naming
   *     it
   * @throws UncheckedIOException when a root cannot be walked at all
   */
  public Scan scan(List<Path> roots, List<Path> exclude) {
    Objects.requireNonNull(roots, "roots");
    Objects.requireNonNull(exclude, "exclude");
    if (roots.isEmpty()) {
      throw new IllegalArgumentException("roots must name at least one folder or file; got none");
    }
    List<Path> absoluteRoots = new ArrayList<>();
    for (Path root : roots) {
      Path abs = root.toAbsolutePath().normalize();
      if (!Files.exists(abs)) {
        throw new IllegalArgumentException("root does not exist: " + root);
      }
      absoluteRoots.add(abs);
    }
    List<Path> excluded = exclude.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    Walker walker = new Walker(excluded);
    for (Path root : absoluteRoots) {
      try {
        if (Files.isDirectory(root)) {
          // A root that is a link to a folder was named by the user: follow it, once.
          Files.walkFileTree(Files.isSymbolicLink(root) ? root.toRealPath() : root, walker);
        } else {
          walker.consider(root, Files.readAttributes(root, BasicFileAttributes.class));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot scan " + root + ": " + e.getMessage(), e);
      }
    }
    return new Scan(
        new ArrayList<>(walker.images),
        walker.ignored,
        walker.skippedLinks,
        new ArrayList<>(walker.unreadable));
  }

  /** Whether a file with this name and these first bytes is a candidate image. */
  static boolean isCandidate(Path file) throws IOException {
    if (ImageFormat.fromExtension(file) != ImageFormat.UNKNOWN) {
      return true;
    }
    return ImageFormat.detect(head(file)) != ImageFormat.UNKNOWN;
  }

  private static byte[] head(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return in.readNBytes(ImageFormat.MAGIC_PROBE_BYTES);
    }
  }

  private static final class Walker extends SimpleFileVisitor<Path> {
    private final List<Path> excluded;
    private final SortedSet<Path> images = new TreeSet<>();
    private final SortedSet<Path> unreadable = new TreeSet<>();
    private final SortedSet<Path> counted = new TreeSet<>();
    private int ignored;
    private int skippedLinks;

    Walker(List<Path> excluded) {
      this.excluded = excluded;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      return isExcluded(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      consider(file, attrs);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) {
      unreadable.add(file);
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult postVisitDirectory(Path dir, IOException e) {
      if (e != null) {
        unreadable.add(dir);
      }
      return FileVisitResult.CONTINUE;
    }

    void consider(Path file, BasicFileAttributes attrs) {
      Path abs = file.toAbsolutePath().normalize();
      // Overlapping roots visit a file twice; count it once.
      if (isExcluded(abs) || !counted.add(abs)) {
        return;
      }
      if (attrs.isSymbolicLink()) {
        skippedLinks++;
        return;
      }
      if (!attrs.isRegularFile()) {
        ignored++;
        return;
      }
      try {
        if (isCandidate(abs)) {
          images.add(abs);
        } else {
          ignored++;
        }
      } catch (IOException e) {
        unreadable.add(abs);
      }
    }

    private boolean isExcluded(Path p) {
      for (Path e : excluded) {
        if (p.startsWith(e)) {
          return true;
        }
      }
      return false;
    }
  }
}
