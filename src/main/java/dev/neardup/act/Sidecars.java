package dev.neardup.act;

import dev.neardup.decode.ImageFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the sidecars of images under a {@link SidecarPolicy} and compares a duplicate's sidecars
 * with its keeper's.
 *
 * <p>Each folder is listed once and its names grouped by stem, so a run over a folder of n images
 * costs one listing, not n. Not thread-safe: one per run.
 */
public final class Sidecars {
  private final SidecarPolicy policy;
  private final Map<Path, Map<String, List<String>>> byStem = new HashMap<>();

  public Sidecars(SidecarPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The policy. */
  public SidecarPolicy policy() {
    return policy;
  }

  /**
   * The sidecars of {@code image}, found under {@code root} (the scanned folder it is in, which
   * labels folders mirror): same-stem files first, then each labels folder's, each in name order.
   */
  public List<Sidecar> find(Path image, Path root) throws IOException {
    if (policy.isOff()) {
      return List.of();
    }
    Path img = image.toAbsolutePath().normalize();
    String stem = stem(img.getFileName().toString());
    List<Sidecar> out = new ArrayList<>();
    for (String name : names(img.getParent(), stem)) {
      String ext = extension(name);
      if (ext != null && policy.matches(ext)) {
        out.add(
            new Sidecar(
                img.resolveSibling(name), "." + ext.toLowerCase(java.util.Locale.ROOT), null));
      }
    }
    Path r = root == null ? null : root.toAbsolutePath().normalize();
    if (r != null && img.startsWith(r) && !img.equals(r)) {
      Path rel = r.relativize(img.getParent());
      for (Path labels : policy.labelsDirs()) {
        Path dir = labels.resolve(rel).normalize();
        Path base = labels.getFileName() == null ? Path.of("labels") : labels.getFileName();
        for (String name : names(dir, stem)) {
          String ext = extension(name);
          if (ext != null && policy.matches(ext)) {
            out.add(
                new Sidecar(
                    dir.resolve(name),
                    "labels:" + labels + "/." + ext.toLowerCase(java.util.Locale.ROOT),
                    base.resolve(rel)));
          }
        }
      }
    }
    return out;
  }

  /**
   * Other images in {@code image}'s folder with the same stem ({@code a.png} beside {@code a.jpg}):
   * their sidecars are the same files, so a sidecar moves only when none of them stays.
   */
  public List<Path> stemSiblings(Path image) throws IOException {
    Path img = image.toAbsolutePath().normalize();
    String own = img.getFileName().toString();
    List<Path> out = new ArrayList<>();
    for (String name : names(img.getParent(), stem(own))) {
      Path p = img.resolveSibling(name);
      if (!name.equals(own) && ImageFormat.fromExtension(p) != ImageFormat.UNKNOWN) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * How {@code duplicate}'s sidecars disagree with {@code kept}'s: one conflict per sidecar of the
   * duplicate whose keeper counterpart (same kind) differs or is missing. A keeper's sidecar
   * without a counterpart is no conflict: nothing labelled is lost.
   */
  public List<SidecarConflict> compare(Path duplicate, Path dupRoot, Path kept, Path keptRoot)
      throws IOException {
    List<Sidecar> mine = find(duplicate, dupRoot);
    if (mine.isEmpty()) {
      return List.of();
    }
    Map<String, Sidecar> theirs = new HashMap<>();
    for (Sidecar s : find(kept, keptRoot)) {
      theirs.putIfAbsent(s.kind(), s);
    }
    List<SidecarConflict> out = new ArrayList<>();
    for (Sidecar s : mine) {
      Sidecar k = theirs.get(s.kind());
      if (k == null) {
        out.add(
            new SidecarConflict(
                duplicate.toString(),
                kept.toString(),
                s.file().toString(),
                null,
                "the kept image has no such sidecar"));
      } else if (!sameLabels(s.file(), k.file())) {
        out.add(
            new SidecarConflict(
                duplicate.toString(),
                kept.toString(),
                s.file().toString(),
                k.file().toString(),
                "labels differ"));
      }
    }
    return out;
  }

  /**
   * True when two sidecars say the same thing: the same file, the same bytes, or the same text once
   * line endings, trailing spaces and trailing blank lines are set aside (an editor's save is not a
   * new label).
   */
  static boolean sameLabels(Path a, Path b) throws IOException {
    if (a.equals(b) || Files.isSameFile(a, b)) {
      return true;
    }
    byte[] x = Files.readAllBytes(a);
    byte[] y = Files.readAllBytes(b);
    return Arrays.equals(x, y) || normalized(x).equals(normalized(y));
  }

  private static String normalized(byte[] bytes) {
    String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n|\r", -1);
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l.stripTrailing()).append('\n');
    }
    return sb.toString().stripTrailing();
  }

  private List<String> names(Path dir, String stem) throws IOException {
    Map<String, List<String>> m = byStem.get(dir);
    if (m == null) {
      m = new HashMap<>();
      if (Files.isDirectory(dir)) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          for (Path p : ds) {
            if (Files.isRegularFile(p)) {
              String n = p.getFileName().toString();
              m.computeIfAbsent(stem(n), k -> new ArrayList<>()).add(n);
            }
          }
        }
        m.values().forEach(l -> l.sort(null));
      }
      byStem.put(dir, m);
    }
    return m.getOrDefault(stem, List.of());
  }

  static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  private static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1) : null;
  }
}
