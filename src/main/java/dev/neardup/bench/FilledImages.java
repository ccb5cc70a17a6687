package dev.neardup.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The images of a benchmark that needs more of them than a folder holds ({@code bench embed
 * --fill-with-edits}): the folder's images, then seeded edited copies of them ({@link
 * ScaleFolders#photos}: re-encodes, rescales, crops, turns and flips, as JPEG) written to a
 * temporary folder that {@link #close} deletes. Why edits rather than repeats: a repeated file
 * would decode from a warm page cache and hash to the same pixels, which is cheaper than a new
 * photo; an edited copy costs what a new photo of its size costs.
 */
public final class FilledImages implements AutoCloseable {
  private final List<Path> images;
  private final int edited;
  private final Path pool;

  private FilledImages(List<Path> images, int edited, Path pool) {
    this.images = images;
    this.edited = edited;
    this.pool = pool;
  }

  /**
   * The first {@code count} images of {@code folder}; with {@code fill}, exactly {@code count}
   * (every image of the folder, then edited copies made with {@code seed}). The same folder and
   * seed give the same names and bytes.
   *
   * @throws IllegalArgumentException when {@code count < 1}, or {@code fill} and the folder holds
   *     no image
   */
  public static FilledImages of(Path folder, int count, boolean fill, long seed)
      throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1; got " + count);
    }
    List<Path> found = BenchSuite.firstImages(folder, fill ? Integer.MAX_VALUE : count);
    if (found.size() >= count || !fill) {
      return new FilledImages(
          List.copyOf(found.subList(0, Math.min(count, found.size()))), 0, null);
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no images in " + folder + " to make edited copies of");
    }
    Path pool = Files.createTempDirectory("neardup-bench-fill");
    try {
      List<Path> images =
          ScaleFolders.photos(found, seed).generate(count, pool).stream()
              .map(pool::resolve)
              .toList();
      return new FilledImages(images, count - found.size(), pool);
    } catch (IOException | RuntimeException e) {
      deleteTree(pool);
      throw e;
    }
  }

  /** The images, in order: the folder's own first, then the edited copies. */
  public List<Path> images() {
    return images;
  }

  /** How many of {@link #images} are edited copies. */
  public int edited() {
    return edited;
  }

  /** Deletes the edited copies (the folder's own images are never touched). */
  @Override
  public void close() throws IOException {
    if (pool != null) {
      deleteTree(pool);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
