package dev.neardup.act;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which files travel with an image when it is moved or deleted: its <em>sidecars</em>, the
 * annotations ML datasets keep beside each image under the same stem ({@code img_001.jpg} + {@code
 * img_001.txt} for YOLO, {@code .xml} for Pascal VOC, {@code .json}), or in a parallel folder that
 * mirrors the scanned one ({@code images/train/a.jpg} + {@code labels/train/a.txt}).
 *
 * @param extensions sidecar extensions without the dot, lower case; matched case-insensitively
 * @param labelsDirs folders that mirror the scanned folders: the sidecars of {@code ROOT/rel/a.jpg}
 *     are {@code DIR/rel/a.EXT} for each extension
 */
public record SidecarPolicy(List<String> extensions, List<Path> labelsDirs) {
  /** The extensions that travel by default: YOLO, Pascal VOC, JSON annotations. */
  public static final List<String> DEFAULT_EXTENSIONS = List.of("txt", "xml", "json");

  /** Same-stem {@code .txt}, {@code .xml} and {@code .json} files move with their image. */
  public static final SidecarPolicy DEFAULT = new SidecarPolicy(DEFAULT_EXTENSIONS, List.of());

  /** Nothing but the image moves ({@code --no-sidecars}). */
  public static final SidecarPolicy NONE = new SidecarPolicy(List.of(), List.of());

  /**
   * @throws IllegalArgumentException for an empty or path-like extension, or an image extension (an
   *     image is never the sidecar of another image)
   */
  public SidecarPolicy {
    List<String> clean = new ArrayList<>();
    for (String e : extensions) {
      String x = e.strip();
      x = x.startsWith(".") ? x.substring(1) : x;
      if (x.isEmpty() || x.contains("/") || x.contains("\\") || x.contains(".")) {
        throw new IllegalArgumentException(
            "a sidecar extension must be a plain extension such as txt; got '" + e + "'");
      }
      if (dev.neardup.decode.ImageFormat.fromExtension(Path.of("x." + x))
          != dev.neardup.decode.ImageFormat.UNKNOWN) {
        throw new IllegalArgumentException(
            "a sidecar extension cannot be an image extension; got '" + e + "'");
      }
      clean.add(x.toLowerCase(Locale.ROOT));
    }
    extensions = List.copyOf(clean);
    labelsDirs = labelsDirs.stream().map(d -> d.toAbsolutePath().normalize()).toList();
    if (extensions.isEmpty() && !labelsDirs.isEmpty()) {
      throw new IllegalArgumentException("--labels-dir needs at least one sidecar extension");
    }
  }

  /** True when nothing but images moves. */
  public boolean isOff() {
    return extensions.isEmpty();
  }

  /** True when {@code extension} (no dot, any case) is a sidecar extension. */
  boolean matches(String extension) {
    return extensions.contains(extension.toLowerCase(Locale.ROOT));
  }
}
