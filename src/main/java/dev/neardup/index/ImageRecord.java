package dev.neardup.index;

import dev.neardup.image.GrayImage;
import dev.neardup.image.Signatures;
import java.util.Objects;

/**
 * Everything neardup keeps about one readable image: one index document.
 *
 * @param path absolute, normalised path (the document's key)
 * @param sha256 hex SHA-256 of the file's bytes
 * @param fileSize bytes
 * @param mtimeMillis last-modified time, to skip unchanged files on the next run
 * @param format the format found in the file's content (e.g. {@code JPEG})
 * @param width full-resolution width after EXIF orientation
 * @param height full-resolution height after EXIF orientation
 * @param camera camera id from the file name, or null
 * @param timestampMillis capture time from the file name, or {@link Long#MIN_VALUE}
 * @param vector L2-normalised embedding, or null when the embedding stage was off or a listing did
 *     not load it (see {@link IndexSnapshot#vector})
 * @param phash 64-bit DCT perceptual hash
 * @param thumbnail small grayscale copy used by the pixel-diff check; null when a listing did not
 *     load it (see {@link IndexSnapshot#thumbnail})
 * @param signatures the values search and pruning read, computed from {@code thumbnail} by the
 *     analyzer ({@link Signatures#of}); null when a listing did not load them (see {@link
 *     IndexSnapshot#signature} and its siblings)
 */
public record ImageRecord(
    String path,
    String sha256,
    long fileSize,
    long mtimeMillis,
    String format,
    int width,
    int height,
    String camera,
    long timestampMillis,
    float[] vector,
    long phash,
    GrayImage thumbnail,
    Signatures signatures) {

  public ImageRecord {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(sha256, "sha256");
    if (vector != null) {
      for (int i = 0; i < vector.length; i++) {
        if (!Float.isFinite(vector[i])) {
          throw new IllegalArgumentException(
              "vector of " + path + " has a non-finite value at " + i + ": " + vector[i]);
        }
      }
    }
  }

  /** Number of pixels at full resolution. */
  public long pixels() {
    return (long) width * height;
  }

  /** True when the file name gave a camera id and capture time. */
  public boolean isCameraFrame() {
    return camera != null && timestampMillis != Long.MIN_VALUE;
  }
}
