package dev.neardup.decode;

import java.nio.file.Path;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * One image file decoded once, with everything later stages need: pixels for embedding and
 * verification, the content hash for exact-duplicate detection, and the facts a report shows.
 *
 * <p>{@link #bgr()} holds native memory outside the Java heap, so close every instance (use
 * try-with-resources); closing twice is harmless. The pixels are always 8-bit 3-channel BGR and
 * already turned the right way up by EXIF orientation. They may be smaller than {@link #width()} x
 * {@link #height()} by {@link #reduction()} when a reduced decode was asked for: {@code bgr()} is
 * {@code ceil(width / reduction)} x {@code ceil(height / reduction)}.
 */
public final class DecodedImage implements AutoCloseable {
  private final Path path;
  private final ImageHeader header;
  private final Mat bgr;
  private final int reduction;
  private final String sha256;
  private final long fileSize;
  private volatile boolean closed;

  DecodedImage(
      Path path, ImageHeader header, Mat bgr, int reduction, String sha256, long fileSize) {
    this.path = Objects.requireNonNull(path, "path");
    this.header = Objects.requireNonNull(header, "header");
    this.bgr = Objects.requireNonNull(bgr, "bgr");
    this.reduction = reduction;
    this.sha256 = Objects.requireNonNull(sha256, "sha256");
    this.fileSize = fileSize;
  }

  /** The file as it was given to the decoder. */
  public Path path() {
    return path;
  }

  /** The format recognised from the content (not the extension). */
  public ImageFormat format() {
    return header.format();
  }

  /** The header as read from the file: stored size (before orientation) and EXIF orientation. */
  public ImageHeader header() {
    return header;
  }

  /** Full-resolution width as displayed, after EXIF orientation. */
  public int width() {
    return header.orientedWidth();
  }

  /** Full-resolution height as displayed, after EXIF orientation. */
  public int height() {
    return header.orientedHeight();
  }

  /**
   * The pixels, CV_8UC3 BGR, oriented; possibly reduced (see {@link #reduction()}). The Mat stays
   * owned by this object: do not release it, and do not use it after {@link #close()}.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  public Mat bgr() {
    if (closed) {
      throw new IllegalStateException("decoded image already closed: " + path);
    }
    return bgr;
  }

  /**
   * 1, 2, 4 or 8: how many times smaller {@link #bgr()} is than {@link #width()}/{@link #height()}.
   */
  public int reduction() {
    return reduction;
  }

  /** Lower-case hex SHA-256 of the file's bytes: equal hashes mean byte-identical files. */
  public String sha256() {
    return sha256;
  }

  /** The file's size in bytes, as read. */
  public long fileSize() {
    return fileSize;
  }

  /**
   * Whether the file's extension names an image format other than its content, e.g. JPEG bytes
   * named {@code .png}. False when the extension is not an image extension at all.
   */
  public boolean extensionMismatch() {
    ImageFormat claimed = ImageFormat.fromExtension(path);
    return claimed != ImageFormat.UNKNOWN && claimed != header.format();
  }

  /** Releases the pixels' native memory. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      bgr.release();
    }
  }

  @Override
  public String toString() {
    return path
        + " ("
        + format().displayName()
        + " "
        + width()
        + "x"
        + height()
        + (reduction > 1 ? ", reduced 1/" + reduction : "")
        + ")";
  }
}
