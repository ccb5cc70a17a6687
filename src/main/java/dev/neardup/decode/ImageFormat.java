package dev.neardup.decode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The image formats neardup recognises, identified from a file's first bytes (its magic), never
 * from its name.
 *
 * <p>Real folders hold JPEG bytes named {@code .png}, WebP named {@code .jpg}, and so on; trusting
 * the extension would pick the wrong decoder or skip good images. The extension is only used to
 * pick scan candidates and to report a mismatch ({@link #fromExtension(Path)}).
 *
 * <p>{@link #SVG} is recognised only so that it can be refused with a clear reason: a vector image
 * has no pixels to compare. {@link #UNKNOWN} means no known magic matched.
 */
public enum ImageFormat {
  JPEG("JPEG"),
  PNG("PNG"),
  BMP("BMP"),
  TIFF("TIFF"),
  GIF("GIF"),
  WEBP("WebP"),
  /** Netpbm PBM/PGM/PPM ({@code P1}..{@code P6}), ASCII and binary. */
  PNM("PNM"),
  SVG("SVG"),
  UNKNOWN("unknown");

  /** How many leading bytes {@link #detect(byte[])} may look at (SVG's root tag can come late). */
  public static final int MAGIC_PROBE_BYTES = 4096;

  private final String displayName;

  ImageFormat(String displayName) {
    this.displayName = displayName;
  }

  /** The name people know the format by, used in error messages ("corrupt WebP data"). */
  public String displayName() {
    return displayName;
  }

  /**
   * Identifies the format from the start of a file's content.
   *
   * @param head the file's first bytes; the whole file or at least its first {@link
   *     #MAGIC_PROBE_BYTES} bytes (fewer only when the file is shorter)
   * @return the format, or {@link #UNKNOWN} when nothing matches (including an empty array)
   */
  public static ImageFormat detect(byte[] head) {
    if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
      return JPEG;
    }
    if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return PNG;
    }
    if (startsWith(head, 'G', 'I', 'F', '8')
        && head.length >= 6
        && head[5] == 'a'
        && (head[4] == '7' || head[4] == '9')) {
      return GIF;
    }
    if (startsWith(head, 'I', 'I', 0x2A, 0x00)
        || startsWith(head, 'M', 'M', 0x00, 0x2A)
        || startsWith(head, 'I', 'I', 0x2B, 0x00)
        || startsWith(head, 'M', 'M', 0x00, 0x2B)) {
      return TIFF;
    }
    if (startsWith(head, 'R', 'I', 'F', 'F')
        && head.length >= 12
        && head[8] == 'W'
        && head[9] == 'E'
        && head[10] == 'B'
        && head[11] == 'P') {
      return WEBP;
    }
    if (isBmp(head)) {
      return BMP;
    }
    if (head.length >= 3
        && head[0] == 'P'
        && head[1] >= '1'
        && head[1] <= '6'
        && isPnmWhitespace(head[2])) {
      return PNM;
    }
    if (isSvg(head)) {
      return SVG;
    }
    return UNKNOWN;
  }

  /**
   * The format a file's extension claims, case-insensitively: {@code photo.JPG} → {@link #JPEG}.
   *
   * @return the claimed format, or {@link #UNKNOWN} when the name has no image extension
   */
  public static ImageFormat fromExtension(Path file) {
    Path name = file.getFileName();
    if (name == null) {
      return UNKNOWN;
    }
    String s = name.toString();
    int dot = s.lastIndexOf('.');
    if (dot < 0) {
      return UNKNOWN;
    }
    return switch (s.substring(dot + 1).toLowerCase(Locale.ROOT)) {
      case "jpg", "jpeg", "jpe", "jfif" -> JPEG;
      case "png" -> PNG;
      case "bmp", "dib" -> BMP;
      case "tif", "tiff" -> TIFF;
      case "gif" -> GIF;
      case "webp" -> WEBP;
      case "ppm", "pgm", "pbm", "pnm" -> PNM;
      case "svg" -> SVG;
      default -> UNKNOWN;
    };
  }

  /**
   * "BM" alone is too weak (any text starting with "BM" would match), so the DIB header size at
   * offset 14 must also be one of the sizes Windows and OS/2 define.
   */
  private static boolean isBmp(byte[] head) {
    if (!startsWith(head, 'B', 'M') || head.length < 18) {
      return false;
    }
    long dibSize =
        (head[14] & 0xFFL)
            | (head[15] & 0xFFL) << 8
            | (head[16] & 0xFFL) << 16
            | (head[17] & 0xFFL) << 24;
    return dibSize == 12
        || dibSize == 16
        || dibSize == 40
        || dibSize == 52
        || dibSize == 56
        || dibSize == 64
        || dibSize == 108
        || dibSize == 124;
  }

  /**
   * XML text (optionally after a UTF-8 byte-order mark and whitespace) with an {@code <svg} tag.
   */
  private static boolean isSvg(byte[] head) {
    int i = startsWith(head, 0xEF, 0xBB, 0xBF) ? 3 : 0;
    while (i < head.length && isPnmWhitespace(head[i])) {
      i++;
    }
    if (i >= head.length || head[i] != '<') {
      return false;
    }
    int n = Math.min(head.length, MAGIC_PROBE_BYTES);
    String text = new String(head, i, n - i, StandardCharsets.ISO_8859_1);
    return text.contains("<svg");
  }

  static boolean isPnmWhitespace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
  }

  private static boolean startsWith(byte[] bytes, int... magic) {
    if (bytes.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if ((bytes[i] & 0xFF) != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
