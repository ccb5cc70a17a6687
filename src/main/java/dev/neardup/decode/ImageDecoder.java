package dev.neardup.decode;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.opencv.core.CvException;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Reads an image file safely into 8-bit BGR pixels, or refuses it with a reason.
 *
 * <p>Each file is read once: the same bytes are hashed (SHA-256), their header parsed, and decoded
 * from memory. In order, a file is refused when it cannot be read, is empty, is not an image, is an
 * SVG, has a broken header, claims more pixels than {@code maxPixels} (checked before any pixel is
 * allocated, which stops decompression bombs), is a truncated JPEG (no end-of-image marker: OpenCV
 * would fill the missing part with gray) or a PNG without its IEND chunk, or fails to decode.
 *
 * <p>Pixels: JPEG, PNG, BMP, TIFF, WebP and PNM go through OpenCV's {@code imdecode}; GIF (first
 * frame) through {@code javax.imageio}, which OpenCV 4.9 lacks. 16-bit samples become 8-bit, gray
 * becomes BGR, alpha is composited over white. EXIF orientation from a JPEG's APP1, a PNG's eXIf
 * chunk or a WebP's EXIF chunk (read by {@link ExifOrientation}) is applied here, with OpenCV told
 * to ignore it, so full and reduced decodes agree; a TIFF's IFD0 orientation is applied by OpenCV's
 * TIFF codec itself (it cannot be turned off), and only checked here.
 *
 * <p>Thread-safe and immutable: share one instance between worker threads.
 */
public final class ImageDecoder {
  /**
   * Default pixel limit, 178,956,970 (~179 MP, e.g. 13,377 x 13,377): the limit Pillow uses, so
   * images other tools open are accepted and a 3-channel 8-bit copy stays under 512 MiB.
   */
  public static final long DEFAULT_MAX_PIXELS = 178_956_970L;

  /** The largest file {@link Files#readAllBytes} can return. */
  private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 8;

  private static final int[] JPEG_REDUCTIONS = {8, 4, 2};

  private final long maxPixels;

  /**
   * @param maxPixels the most pixels (stored width x height) an image may have; the setting is
   *     {@code decode.max_pixels}
   * @throws IllegalArgumentException when {@code maxPixels <= 0}, naming the value
   */
  public ImageDecoder(long maxPixels) {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("decode.max_pixels must be > 0; got " + maxPixels);
    }
    this.maxPixels = maxPixels;
    OpenCv.load();
  }

  /** The pixel limit this decoder enforces. */
  public long maxPixels() {
    return maxPixels;
  }

  /**
   * Decodes {@code file} at full resolution ({@link DecodedImage#reduction()} is 1).
   *
   * @throws DecodeException when the file is refused; its reason says why
   */
  public DecodedImage decode(Path file) throws DecodeException {
    return decode(file, Integer.MAX_VALUE);
  }

  /**
   * Decodes {@code file}, allowing a JPEG to be decoded at 1/2, 1/4 or 1/8 scale while its shorter
   * side stays at least {@code minShorterSide}. libjpeg then skips most of the IDCT work, a several
   * times faster decode when the next stage (a 224x224 embedding) needs few pixels. Other formats
   * are always decoded at full resolution: their codecs have no cheaper path.
   *
   * @param minShorterSide the fewest pixels the shorter side of {@link DecodedImage#bgr()} may have
   * @throws IllegalArgumentException when {@code minShorterSide < 1}
   * @throws DecodeException when the file is refused; its reason says why
   */
  public DecodedImage decode(Path file, int minShorterSide) throws DecodeException {
    return decode(file, minShorterSide, 0);
  }

  /**
   * Like {@link #decode(Path, int)}, but an image with at most {@code fullBelowPixels} pixels is
   * always decoded at full resolution (its verification image is stored at full size).
   */
  public DecodedImage decode(Path file, int minShorterSide, long fullBelowPixels)
      throws DecodeException {
    Objects.requireNonNull(file, "file");
    if (minShorterSide < 1) {
      throw new IllegalArgumentException("minShorterSide must be >= 1; got " + minShorterSide);
    }
    byte[] bytes = readAll(file);
    String sha256 = sha256Hex(bytes);
    ImageHeader header = ImageHeader.read(file, bytes);
    if (header.pixels() > maxPixels) {
      throw new DecodeException(file, tooManyPixels(header.width(), header.height(), maxPixels));
    }
    checkComplete(file, header.format(), bytes);
    int reduction =
        header.format() == ImageFormat.JPEG && header.pixels() > fullBelowPixels
            ? jpegReduction(header, minShorterSide)
            : 1;
    Mat pixels =
        header.format() == ImageFormat.GIF
            ? GifDecoder.firstFrame(file, bytes, header, maxPixels)
            : openCvDecode(file, bytes, header, reduction);
    // OpenCV's TIFF codec turns the image itself (whatever the flags), so it must not be turned
    // twice; for every other format OpenCV was told to ignore orientation and it is done here.
    boolean codecOriented = header.format() == ImageFormat.TIFF;
    checkSize(file, header, pixels, reduction, codecOriented);
    return new DecodedImage(
        file,
        header,
        codecOriented ? pixels : Pixels.orient(pixels, header.exifOrientation()),
        reduction,
        sha256,
        bytes.length);
  }

  /**
   * The largest JPEG reduction (8, 4, 2) whose decoded shorter side, {@code ceil(side / f)} as
   * libjpeg scales, is still at least {@code minShorterSide}; 1 when none is.
   */
  static int jpegReduction(ImageHeader header, int minShorterSide) {
    int shorter = Math.min(header.width(), header.height());
    for (int f : JPEG_REDUCTIONS) {
      if (Math.ceilDiv(shorter, f) >= minShorterSide) {
        return f;
      }
    }
    return 1;
  }

  /** The reason for a refused size, e.g. "too many pixels: 20000x20000 = 400.0 MP exceeds ...". */
  static String tooManyPixels(long width, long height, long maxPixels) {
    // Rounding the image up and the limit down keeps "exceeds" visibly true in the message.
    return "too many pixels: "
        + width
        + "x"
        + height
        + " = "
        + megapixels(width * height, RoundingMode.CEILING)
        + " MP exceeds the limit of "
        + megapixels(maxPixels, RoundingMode.FLOOR)
        + " MP (decode.max_pixels)";
  }

  private static String megapixels(long pixels, RoundingMode rounding) {
    return BigDecimal.valueOf(pixels).movePointLeft(6).setScale(1, rounding).toPlainString();
  }

  private static byte[] readAll(Path file) throws DecodeException {
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new DecodeException(file, "file too large to read: " + size + " bytes");
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DecodeException(file, "cannot read file: no such file", e);
    } catch (AccessDeniedException e) {
      throw new DecodeException(file, "cannot read file: permission denied", e);
    } catch (IOException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new DecodeException(file, "cannot read file: " + message, e);
    }
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK must provide SHA-256", e);
    }
  }

  /** Refuses files whose decoders would silently return partial images or lack a feature. */
  private static void checkComplete(Path file, ImageFormat format, byte[] bytes)
      throws DecodeException {
    switch (format) {
      case JPEG -> {
        if (!JpegStructure.hasEndOfImage(bytes)) {
          throw new DecodeException(file, "truncated JPEG: no end-of-image marker");
        }
      }
      case PNG -> {
        if (lastIndexOf(bytes, new byte[] {'I', 'E', 'N', 'D'}) < 0) {
          throw new DecodeException(file, "truncated PNG: no IEND chunk");
        }
      }
      case WEBP -> {
        // VP8X flag bit 1 marks an animation, which OpenCV 4.9's WebP codec cannot decode.
        if (bytes.length > 20 && bytes[15] == 'X' && (bytes[20] & 0x02) != 0) {
          throw new DecodeException(file, "unsupported format: animated WebP");
        }
      }
      default -> {}
    }
  }

  private static Mat openCvDecode(Path file, byte[] bytes, ImageHeader header, int reduction)
      throws DecodeException {
    int flags =
        switch (reduction) {
          case 1 ->
              header.format() == ImageFormat.JPEG
                  ? Imgcodecs.IMREAD_COLOR | Imgcodecs.IMREAD_IGNORE_ORIENTATION
                  // UNCHANGED keeps alpha and 16-bit samples so that Pixels can convert them
                  // properly.
                  : Imgcodecs.IMREAD_UNCHANGED;
          case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
          case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
          case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8 | Imgcodecs.IMREAD_IGNORE_ORIENTATION;
          default ->
              throw new IllegalArgumentException(
                  "reduction must be 1, 2, 4 or 8; got " + reduction);
        };
    String corrupt =
        "corrupt " + header.format().displayName() + " data: OpenCV could not decode it";
    Mat decoded;
    MatOfByte buffer = new MatOfByte(bytes);
    try {
      decoded = Imgcodecs.imdecode(buffer, flags);
    } catch (CvException e) {
      throw new DecodeException(file, corrupt, e);
    } finally {
      buffer.release();
    }
    if (decoded.empty()) {
      decoded.release();
      throw new DecodeException(file, corrupt);
    }
    return Pixels.toBgr8(file, header.format(), decoded);
  }

  /**
   * A decoder that returns another size than the header's is reading something else: refuse.
   *
   * @param oriented whether the codec already applied the orientation (then width and height are
   *     swapped for orientations 5..8)
   */
  private static void checkSize(
      Path file, ImageHeader header, Mat pixels, int reduction, boolean oriented)
      throws DecodeException {
    int w = Math.ceilDiv(oriented ? header.orientedWidth() : header.width(), reduction);
    int h = Math.ceilDiv(oriented ? header.orientedHeight() : header.height(), reduction);
    if (pixels.cols() != w || pixels.rows() != h) {
      String got = pixels.cols() + "x" + pixels.rows();
      pixels.release();
      throw new DecodeException(
          file,
          "corrupt "
              + header.format().displayName()
              + " data: decoded size "
              + got
              + " differs from the header's "
              + w
              + "x"
              + h);
    }
  }

  private static int lastIndexOf(byte[] bytes, byte[] pattern) {
    for (int i = bytes.length - pattern.length; i >= 0; i--) {
      int j = 0;
      while (j < pattern.length && bytes[i + j] == pattern[j]) {
        j++;
      }
      if (j == pattern.length) {
        return i;
      }
    }
    return -1;
  }
}
