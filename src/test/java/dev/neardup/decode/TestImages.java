package dev.neardup.decode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** Where the shared real images are, and small helpers to make odd files from them. */
final class TestImages {
  private TestImages() {}

  /** {@code ../shared/data}, as surefire passes it in {@code neardup.sharedData}. */
  static Path shared(String relative) {
    String root = System.getProperty("neardup.sharedData");
    if (root == null) {
      throw new IllegalStateException("system property neardup.sharedData is not set");
    }
    Path p = Path.of(root).resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("shared test data missing: " + p.toAbsolutePath());
    }
    return p;
  }

  /** Encodes {@code image} with OpenCV, e.g. {@code ".jpg"} at JPEG quality 90. */
  static byte[] encode(String extension, Mat image) {
    OpenCv.load();
    MatOfByte out = new MatOfByte();
    MatOfInt params =
        extension.equals(".jpg")
            ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90)
            : new MatOfInt();
    if (!Imgcodecs.imencode(extension, image, out, params)) {
      throw new IllegalStateException("OpenCV could not encode " + extension);
    }
    return out.toArray();
  }

  /**
   * Inserts a minimal little-endian EXIF APP1 segment holding only the orientation tag right after
   * the SOI marker of {@code jpeg}.
   */
  static byte[] withExifOrientation(byte[] jpeg, int orientation) {
    byte[] app1 = {
      (byte) 0xFF,
      (byte) 0xE1,
      0,
      34, // marker, length 34 (2 + 6 + 26)
      'E',
      'x',
      'i',
      'f',
      0,
      0,
      'I',
      'I',
      42,
      0,
      8,
      0,
      0,
      0, // TIFF header, IFD0 at offset 8
      1,
      0, // one entry
      0x12,
      0x01,
      3,
      0,
      1,
      0,
      0,
      0,
      (byte) orientation,
      0,
      0,
      0, // 0x0112 SHORT x1
      0,
      0,
      0,
      0 // no next IFD
    };
    byte[] out = new byte[jpeg.length + app1.length];
    System.arraycopy(jpeg, 0, out, 0, 2);
    System.arraycopy(app1, 0, out, 2, app1.length);
    System.arraycopy(jpeg, 2, out, 2 + app1.length, jpeg.length - 2);
    return out;
  }

  /** A PNG signature and IHDR chunk claiming {@code width x height} RGB pixels, and no data. */
  static byte[] pngHeaderOnly(long width, long height) {
    byte[] b = new byte[33];
    byte[] sig = {
      (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'
    };
    System.arraycopy(sig, 0, b, 0, sig.length);
    putU32be(b, 16, width);
    putU32be(b, 20, height);
    b[24] = 8; // bit depth
    b[25] = 2; // RGB
    return b;
  }

  private static void putU32be(byte[] b, int at, long v) {
    b[at] = (byte) (v >>> 24);
    b[at + 1] = (byte) (v >>> 16);
    b[at + 2] = (byte) (v >>> 8);
    b[at + 3] = (byte) v;
  }
}
