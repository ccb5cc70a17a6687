package dev.neardup.decode;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An image's format and stored size, read from its header without decoding any pixels.
 *
 * <p>Reading the header first is what lets the decoder refuse decompression bombs (a 50 KB PNG that
 * claims 100000x100000 pixels) before allocating anything, and report broken or non-image files
 * with a precise reason.
 *
 * @param format the format recognised from the content, never {@link ImageFormat#UNKNOWN} or {@link
 *     ImageFormat#SVG}
 * @param width stored width in pixels, before EXIF orientation; > 0
 * @param height stored height in pixels, before EXIF orientation; > 0
 * @param exifOrientation EXIF orientation 1..8 (tag 0x0112 from a JPEG's APP1, a PNG's eXIf chunk,
 *     a WebP's EXIF chunk, or a TIFF's IFD0); 1 when absent, broken or out of range, as browsers
 *     treat it
 */
public record ImageHeader(ImageFormat format, int width, int height, int exifOrientation) {

  /**
   * @throws IllegalArgumentException naming the bad value when a size is not positive or the
   *     orientation is not 1..8
   */
  public ImageHeader {
    Objects.requireNonNull(format, "format");
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size must be positive; got " + width + "x" + height);
    }
    if (exifOrientation < 1 || exifOrientation > 8) {
      throw new IllegalArgumentException("exifOrientation must be 1..8; got " + exifOrientation);
    }
  }

  /**
   * Identifies the format from {@code bytes} and parses its header.
   *
   * @param file the file the bytes came from, only for error messages
   * @param bytes the file's content (all of it, or at least enough to cover the header)
   * @throws DecodeException with reason {@code "empty file"}, {@code "not an image (starts with
   *     bytes ..)"}, {@code "unsupported format: SVG (vector image)"}, {@code "truncated <format>
   *     header"} or {@code "corrupt <format> header: ..."}
   */
  public static ImageHeader read(Path file, byte[] bytes) throws DecodeException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0) {
      throw new DecodeException(file, "empty file");
    }
    ImageFormat format = ImageFormat.detect(bytes);
    ByteView v = new ByteView(file, format, bytes);
    ImageHeader stored =
        switch (format) {
          case JPEG -> JpegStructure.header(v);
          case PNG -> HeaderParsers.png(v);
          case GIF -> HeaderParsers.gif(v);
          case BMP -> HeaderParsers.bmp(v);
          case WEBP -> HeaderParsers.webp(v);
          case TIFF -> HeaderParsers.tiff(v);
          case PNM -> HeaderParsers.pnm(v);
          case SVG -> throw new DecodeException(file, "unsupported format: SVG (vector image)");
          case UNKNOWN ->
              throw new DecodeException(
                  file, "not an image (starts with bytes " + leadingHex(bytes) + ")");
        };
    return switch (format) {
      // TIFF's orientation is IFD0's own tag, read with its size.
      case JPEG, PNG, WEBP ->
          new ImageHeader(
              format, stored.width(), stored.height(), ExifOrientation.read(format, bytes));
      default -> stored;
    };
  }

  /** Whether EXIF orientation swaps width and height (orientations 5..8 turn by 90°). */
  public boolean transposed() {
    return exifOrientation >= 5;
  }

  /** Width as displayed, after EXIF orientation. */
  public int orientedWidth() {
    return transposed() ? height : width;
  }

  /** Height as displayed, after EXIF orientation. */
  public int orientedHeight() {
    return transposed() ? width : height;
  }

  /** Number of pixels, computed in {@code long} so that huge claims cannot overflow. */
  public long pixels() {
    return (long) width * height;
  }

  private static String leadingHex(byte[] bytes) {
    int n = Math.min(4, bytes.length);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(HexFormat.of().toHexDigits(bytes[i]));
    }
    return sb.toString();
  }
}
