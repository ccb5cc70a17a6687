package dev.neardup.decode;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads OpenCV's native library once per process.
 *
 * <p>The library is bundled in the openpnp jar (no network). {@code
 * nu.pattern.OpenCV.loadLocally()} inflates all 65 MB of it into a new temporary folder on every
 * start, which cost ~0.3 s of each command's start-up. So the library is unpacked once into a cache
 * folder ({@code $XDG_CACHE_HOME/neardup/native}, else {@code ~/.cache/neardup/native}; the system
 * property {@value #CACHE_PROPERTY} overrides it) under its own versioned name, written to a
 * temporary file and renamed into place, so that a killed start leaves no half library behind, and
 * later starts load it from there. A cached file of the wrong size is replaced. Where that cannot
 * work (another platform, a read-only home), it falls back to {@code loadLocally()}.
 *
 * <p>Every class that touches {@code org.opencv} calls {@link #load()} first; later calls cost
 * nothing.
 */
public final class OpenCv {
  /** System property naming the folder the native library is unpacked into. */
  public static final String CACHE_PROPERTY = "neardup.nativeCache";

  private static volatile boolean loaded;

  private OpenCv() {}

  /** Makes sure the native library is loaded; safe to call from any thread, any number of times. */
  public static void load() {
    if (loaded) {
      return;
    }
    synchronized (OpenCv.class) {
      if (!loaded) {
        Path cached = cachedLibrary();
        if (cached != null) {
          System.load(cached.toString());
        } else {
          nu.pattern.OpenCV.loadLocally();
        }
        loaded = true;
      }
    }
  }

  /**
   * The bundled library, unpacked into the cache folder if it is not there yet; null when this
   * platform's library is not bundled in a jar or the folder cannot be written.
   */
  static Path cachedLibrary() {
    String dir = bundledFolder();
    URL url = dir == null ? null : OpenCv.class.getClassLoader().getResource(dir);
    if (url == null) {
      return null;
    }
    try {
      if (!(url.openConnection() instanceof JarURLConnection jar)) {
        return null;
      }
      jar.setUseCaches(false);
      try (JarFile j = jar.getJarFile()) {
        JarEntry entry =
            j.stream()
                .filter(e -> e.getName().startsWith(dir) && e.getName().endsWith(".so"))
                .findFirst()
                .orElse(null);
        if (entry == null) {
          return null;
        }
        String name = entry.getName().substring(dir.length());
        long size = entry.getSize();
        // The name carries OpenCV's version; size and CRC tell two builds of one version apart.
        Path file =
            cacheFolder().resolve(Long.toHexString(entry.getCrc()) + "-" + size + "-" + name);
        if (Files.isRegularFile(file) && Files.size(file) == size) {
          return file;
        }
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), name, ".part");
        try (InputStream in = j.getInputStream(entry)) {
          Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
          if (Files.size(tmp) != size) {
            throw new IOException("short copy of " + entry.getName());
          }
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(tmp);
        }
        return file;
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Where the library is unpacked. */
  static Path cacheFolder() {
    String override = System.getProperty(CACHE_PROPERTY);
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("neardup").resolve("native");
  }

  /** The openpnp jar's folder of this platform's library, or null where it is not one we know. */
  private static String bundledFolder() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return null;
    }
    return switch (arch) {
      case "amd64", "x86_64" -> "nu/pattern/opencv/linux/x86_64/";
      case "aarch64", "arm64" -> "nu/pattern/opencv/linux/ARMv8/";
      default -> null;
    };
  }
}
