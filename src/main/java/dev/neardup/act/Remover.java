package dev.neardup.act;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
  private final SidecarPolicy sidecarPolicy;

  /** A remover that moves same-stem {@code .txt}, {@code .xml} and {@code .json} sidecars too. */
  public Remover(Clock clock) {
    this(clock, SidecarPolicy.DEFAULT);
  }

  /**
   * @param sidecars which label files travel with their image ({@link SidecarPolicy#NONE}: none)
   */
  public Remover(Clock clock, SidecarPolicy sidecars) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sidecarPolicy = Objects.requireNonNull(sidecars, "sidecars");
  }

  /**
   * Moves every file to {@code destination}, keeping its path below its root (the root's own name
   * first, so that several roots never collide); a taken name gets a {@code ~N} suffix. Each
   * image's sidecars go beside it (a labels-folder sidecar into the mirrored labels folder below
   * {@code destination}) under the image's new stem, each written to the manifest before anything
   * moves.
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
    List<Path> sidecarsDone = new ArrayList<>();
    List<ActionResult.Skipped> skipped = new ArrayList<>();
    Sidecars finder = new Sidecars(sidecarPolicy);
    Set<Path> leaving = leaving(removals);
    try (Manifest manifest = Manifest.create(manifestFile, clock.instant().toString())) {
      for (Removal r : removals) {
        String why = unchanged(r);
        if (why != null) {
          skipped.add(new ActionResult.Skipped(r.file(), why));
          continue;
        }
        Path target = freeName(dest.resolve(relative(r)));
        List<Sidecar> sidecars = travelling(finder, r, leaving, skipped);
        long size = Files.size(r.file());
        manifest.append(
            ManifestEntry.move(
                r.file().toString(), target.toString(), r.sha256(), size, r.kept().toString()));
        List<Path> sidecarTargets = new ArrayList<>();
        for (Sidecar s : sidecars) {
          Path t = freeName(sidecarTarget(s, target, dest));
          sidecarTargets.add(t);
          manifest.append(
              ManifestEntry.moveSidecar(
                  s.file().toString(),
                  t.toString(),
                  FileMover.sha256(s.file()),
                  Files.size(s.file()),
                  r.file().toString()));
        }
        try {
          FileMover.move(r.file(), target);
          done.add(r.file());
        } catch (FileAlreadyExistsException e) {
          skipped.add(new ActionResult.Skipped(r.file(), "target appeared meanwhile: " + target));
          continue; // its sidecars stay with it
        }
        for (int i = 0; i < sidecars.size(); i++) {
          Path from = sidecars.get(i).file();
          try {
            FileMover.move(from, sidecarTargets.get(i));
            sidecarsDone.add(from);
          } catch (FileAlreadyExistsException e) {
            skipped.add(
                new ActionResult.Skipped(
                    from,
                    "sidecar of "
                        + r.file()
                        + ": target appeared meanwhile: "
                        + sidecarTargets.get(i)));
          }
        }
      }
    }
    return new ActionResult(done, skipped, manifestFile, sidecarsDone);
  }

  /**
   * Deletes every file for good, with its sidecars; the manifest records what was deleted but
   * cannot bring it back.
   */
  public ActionResult delete(List<Removal> removals, Path manifestFile) throws IOException {
    List<Path> done = new ArrayList<>();
    List<Path> sidecarsDone = new ArrayList<>();
    List<ActionResult.Skipped> skipped = new ArrayList<>();
    Sidecars finder = new Sidecars(sidecarPolicy);
    Set<Path> leaving = leaving(removals);
    try (Manifest manifest = Manifest.create(manifestFile, clock.instant().toString())) {
      for (Removal r : removals) {
        String why = unchanged(r);
        if (why != null) {
          skipped.add(new ActionResult.Skipped(r.file(), why));
          continue;
        }
        List<Sidecar> sidecars = travelling(finder, r, leaving, skipped);
        manifest.append(
            ManifestEntry.delete(
                r.file().toString(), r.sha256(), Files.size(r.file()), r.kept().toString()));
        for (Sidecar s : sidecars) {
          manifest.append(
              ManifestEntry.deleteSidecar(
                  s.file().toString(),
                  FileMover.sha256(s.file()),
                  Files.size(s.file()),
                  r.file().toString()));
        }
        Files.delete(r.file());
        done.add(r.file());
        for (Sidecar s : sidecars) {
          Files.delete(s.file());
          sidecarsDone.add(s.file());
        }
      }
    }
    return new ActionResult(done, skipped, manifestFile, sidecarsDone);
  }

  private static Set<Path> leaving(List<Removal> removals) {
    Set<Path> out = new HashSet<>();
    for (Removal r : removals) {
      out.add(r.file().toAbsolutePath().normalize());
    }
    return out;
  }

  /**
   * The sidecars of {@code r} that go with it: all of them, unless another image with the same stem
   * stays in the folder and owns them too (then they stay, and are reported).
   */
  private static List<Sidecar> travelling(
      Sidecars finder, Removal r, Set<Path> leaving, List<ActionResult.Skipped> skipped)
      throws IOException {
    List<Sidecar> sidecars = finder.find(r.file(), r.root());
    if (sidecars.isEmpty()) {
      return sidecars;
    }
    for (Path sibling : finder.stemSiblings(r.file())) {
      if (!leaving.contains(sibling)) {
        for (Sidecar s : sidecars) {
          skipped.add(
              new ActionResult.Skipped(
                  s.file(),
                  "sidecar of "
                      + r.file()
                      + " and of "
                      + sibling
                      + ", which stays: left in place"));
        }
        return List.of();
      }
    }
    return sidecars;
  }

  /** Beside the moved image under its new stem, or in the mirrored labels folder. */
  static Path sidecarTarget(Sidecar s, Path imageTarget, Path dest) {
    String name = Sidecars.stem(imageTarget.getFileName().toString()) + "." + s.extension();
    if (s.mirrorDir() == null) {
      return imageTarget.resolveSibling(name);
    }
    return dest.resolve(s.mirrorDir()).resolve(name);
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
