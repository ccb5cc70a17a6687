package dev.neardup.act;

import java.nio.file.Path;

/**
 * One sidecar of an image.
 *
 * @param file the sidecar (absolute)
 * @param kind what pairs it with the same sidecar of another image: {@code .txt} for a same-stem
 *     file, {@code labels:DIR/.txt} for one in a labels folder
 * @param mirrorDir for a labels-folder sidecar, its folder below the destination ({@code
 *     labels/train} for {@code /data/labels/train/a.txt}); null for a same-stem sidecar, which
 *     lands beside its image
 */
public record Sidecar(Path file, String kind, Path mirrorDir) {
  /** The file's extension as on disk, without the dot. */
  public String extension() {
    String n = file.getFileName().toString();
    return n.substring(n.lastIndexOf('.') + 1);
  }
}
