package dev.neardup.act;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Takes duplicate files out of the way: moves them into a folder (the default way) or, only when
 * the caller confirmed it explicitly, deletes them. Every operation is written to a {@link
 * Manifest} and forced to disk before it happens.
 *
 * <p>A file whose content changed since it was indexed is left alone (its SHA-256 no longer
 * matches): the verdict was about other bytes.
 */
public final class Remover {
  private final Clock clock;

  public Remover(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Moves every file to {@code destination}, keeping its path below its root (the root's own name
   * first, so that several roots never collide); a taken name gets a {@code ~N} suffix.
   */
  public ActionResult move(List<Removal> removals, Path destination, Path manifestFile)
      throws IOException {
    Path dest = destination.toAbsolutePath().normalize();
    for (Removal r : removals) {
      if (r.file().toAbsolutePath().normalize().startsWith(dest)) {
        throw new IllegalArgumentException(
            "--move-to "
                + dest
                + " is inside a scanned folder next to "
                + r.file()
                + "; choose a folder outside the scanned ones");
      }
    }
    List<Path> done = new ArrayList<>();
    List<ActionResult.Skipped> skipped = new ArrayList<>();
    try (Manifest manifest = Manifest.create(manifestFile, clock.instant().toString())) {
      for (Removal r : removals) {
        String why = unchanged(r);
        if (why != null) {
          skipped.add(new ActionResult.Skipped(r.file(), why));
          continue;
        }
        Path target = freeName(dest.resolve(relative(r)));
        long size = Files.size(r.file());
        manifest.append(
            ManifestEntry.move(
                r.file().toString(), target.toString(), r.sha256(), size, r.kept().toString()));
        try {
          FileMover.move(r.file(), target);
          done.add(r.file());
        } catch (FileAlreadyExistsException e) {
          skipped.add(new ActionResult.Skipped(r.file(), "target appeared meanwhile: " + target));
        }
      }
    }
    return new ActionResult(done, skipped, manifestFile);
  }

  /**
   * Deletes every file for good; the manifest records what was deleted but cannot bring it back.
   */
  public ActionResult delete(List<Removal> removals, Path manifestFile) throws IOException {
    List<Path> done = new ArrayList<>();
    List<ActionResult.Skipped> skipped = new ArrayList<>();
    try (Manifest manifest = Manifest.create(manifestFile, clock.instant().toString())) {
      for (Removal r : removals) {
        String why = unchanged(r);
        if (why != null) {
          skipped.add(new ActionResult.Skipped(r.file(), why));
          continue;
        }
        manifest.append(
            ManifestEntry.delete(
                r.file().toString(), r.sha256(), Files.size(r.file()), r.kept().toString()));
        Files.delete(r.file());
        done.add(r.file());
      }
    }
    return new ActionResult(done, skipped, manifestFile);
  }

  /** Null when the file is still the one indexed, else why it is left alone. */
  static String unchanged(Removal r) throws IOException {
    if (!Files.isRegularFile(r.file())) {
      return "no longer exists";
    }
    if (!Files.isRegularFile(r.kept())) {
      return "the kept image " + r.kept() + " no longer exists";
    }
    if (!FileMover.sha256(r.file()).equals(r.sha256())) {
      return "content changed since it was indexed";
    }
    return null;
  }

  static Path relative(Removal r) {
    Path root = r.root().toAbsolutePath().normalize();
    Path file = r.file().toAbsolutePath().normalize();
    if (root.equals(file) || !file.startsWith(root)) {
      return file.getFileName();
    }
    Path name = root.getFileName() == null ? Path.of("root") : root.getFileName();
    return name.resolve(root.relativize(file));
  }

  static Path freeName(Path target) {
    if (!Files.exists(target)) {
      return target;
    }
    String name = target.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot) : "";
    for (int i = 2; ; i++) {
      Path candidate = target.resolveSibling(stem + "~" + i + ext);
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }
}
