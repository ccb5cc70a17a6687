package dev.neardup.decode;

/**
 * Loads OpenCV's native library once per process.
 *
 * <p>{@code nu.pattern.OpenCV.loadLocally()} unpacks the library bundled in the openpnp jar (no
 * network) and takes ~0.4 s, so every class that touches {@code org.opencv} calls {@link #load()}
 * first; later calls cost nothing.
 */
public final class OpenCv {
  private static volatile boolean loaded;

  private OpenCv() {}

  /** Makes sure the native library is loaded; safe to call from any thread, any number of times. */
  public static void load() {
    if (loaded) {
      return;
    }
    synchronized (OpenCv.class) {
      if (!loaded) {
        nu.pattern.OpenCV.loadLocally();
        loaded = true;
      }
    }
  }
}
