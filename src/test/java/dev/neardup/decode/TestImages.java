package dev.neardup.decode;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/** Small helpers to make odd files from the shared real images ({@link dev.neardup.TestData}). */
final class TestImages {
  private TestImages() {}

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

  /** A minimal little-endian TIFF block (as inside EXIF) holding only the orientation tag. */
  static byte[] exifTiff(int orientation) {
    return new byte[] {
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
  }

  /** Inserts an {@code eXIf} chunk with the orientation tag right after a PNG's IHDR chunk. */
  static byte[] withPngExif(byte[] png, int orientation) {
    byte[] tiff = exifTiff(orientation);
    int at = 8 + 8 + 13 + 4; // signature, IHDR length+type, IHDR data, CRC
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(png, 0, at);
    byte[] head = new byte[8];
    putU32be(head, 0, tiff.length);
    head[4] = 'e';
    head[5] = 'X';
    head[6] = 'I';
    head[7] = 'f';
    out.write(head, 0, 8);
    out.write(tiff, 0, tiff.length);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(head, 4, 4);
    crc.update(tiff);
    byte[] c = new byte[4];
    putU32be(c, 0, crc.getValue());
    out.write(c, 0, 4);
    out.write(png, at, png.length - at);
    return out.toByteArray();
  }

  /**
   * Turns a simple lossy WebP ({@code VP8 } chunk) of {@code width x height} into the extended
   * layout (VP8X with the EXIF flag, the VP8 chunk, an {@code EXIF} chunk with the orientation).
   */
  static byte[] withWebpExif(byte[] webp, int width, int height, int orientation) {
    byte[] tiff = exifTiff(orientation);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.write('W');
    body.write('E');
    body.write('B');
    body.write('P');
    byte[] vp8x = new byte[18];
    vp8x[0] = 'V';
    vp8x[1] = 'P';
    vp8x[2] = '8';
    vp8x[3] = 'X';
    vp8x[4] = 10; // chunk size
    vp8x[8] = 0x08; // EXIF present
    putU24le(vp8x, 12, width - 1);
    putU24le(vp8x, 15, height - 1);
    body.write(vp8x, 0, vp8x.length);
    body.write(webp, 12, webp.length - 12); // the VP8 chunk as it was
    byte[] exif = {'E', 'X', 'I', 'F', (byte) tiff.length, 0, 0, 0};
    body.write(exif, 0, exif.length);
    body.write(tiff, 0, tiff.length);
    if (tiff.length % 2 == 1) {
      body.write(0);
    }
    byte[] b = body.toByteArray();
    byte[] out = new byte[8 + b.length];
    out[0] = 'R';
    out[1] = 'I';
    out[2] = 'F';
    out[3] = 'F';
    int size = b.length;
    out[4] = (byte) size;
    out[5] = (byte) (size >> 8);
    out[6] = (byte) (size >> 16);
    out[7] = (byte) (size >> 24);
    System.arraycopy(b, 0, out, 8, b.length);
    return out;
  }

  private static void putU24le(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >> 8);
    b[at + 2] = (byte) (v >> 16);
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
