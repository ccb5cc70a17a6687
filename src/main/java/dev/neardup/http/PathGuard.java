package dev.neardup.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Decides whether a path sent by a client lies under one of the configured roots.
 *
 * <p>Both the written path and the real one are checked: {@code ..} segments are normalised away
 * before the check ({@code /data/../etc} is {@code /etc}), and symbolic links are resolved ({@code
 * /data/link-to-etc} is refused because its target is outside). Roots are compared by their real
 * paths too, so a root that is itself a link works. Relative paths are refused: the client cannot
 * know the server's working directory.
 */
final class PathGuard {
  private final List<Path> roots;
  private final List<Path> realRoots;

  PathGuard(List<Path> roots) throws IOException {
    this.roots = roots;
    this.realRoots = roots.stream().map(PathGuard::real).toList();
  }

  /**
   * The checked absolute path.
   *
   * @throws Forbidden when it is relative, malformed, missing, or outside every root
   */
  Path check(String requested) {
    Path p;
    try {
      p = Path.of(requested);
    } catch (InvalidPathException e) {
      throw new Forbidden("not a valid path: " + requested);
    }
    if (!p.isAbsolute()) {
      throw new Forbidden("path must be absolute: " + requested);
    }
    Path norm = p.normalize();
    if (!isUnder(norm, roots) && !isUnder(norm, realRoots)) {
      throw new Forbidden(requested + " is outside the configured roots " + roots);
    }
    if (!Files.exists(norm)) {
      throw new Forbidden(requested + " does not exist");
    }
    if (!isUnder(real(norm), realRoots)) {
      throw new Forbidden(requested + " leads outside the configured roots (symbolic link)");
    }
    return norm;
  }

  /** The root {@code p} lies under (the deepest one). */
  Path rootOf(Path p) {
    Path best = null;
    for (Path r : roots) {
      if (p.startsWith(r) && (best == null || r.getNameCount() > best.getNameCount())) {
        best = r;
      }
    }
    return best == null ? p.getParent() : best;
  }

  static boolean isUnder(Path p, List<Path> roots) {
    for (Path r : roots) {
      if (p.startsWith(r)) {
        return true;
      }
    }
    return false;
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      return p.toAbsolutePath().normalize();
    }
  }

  /** A path outside the roots: 403. */
  static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Forbidden(String message) {
      super(message);
    }
  }
}
