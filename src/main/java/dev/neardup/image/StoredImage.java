package dev.neardup.image;

import java.util.Objects;

/**
 * One image as the verifiers see it: the grayscale verification image the index stores, and the
 * size of the original it stands for.
 *
 * @param gray the stored verification image (full resolution for small images, a thumbnail for
 *     large ones: see {@link Thumbnails#verificationImage})
 * @param width full-resolution width of the original, after EXIF orientation
 * @param height full-resolution height of the original
 */
public record StoredImage(GrayImage gray, int width, int height) {
  public StoredImage {
    Objects.requireNonNull(gray, "gray");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException(
          "original width and height must be > 0; got " + width + "x" + height);
    }
  }

  /** Pixels of the original, {@code width * height}. */
  public long pixels() {
    return (long) width * height;
  }
}
