package dev.neardup.decode;

/**
 * Walks a JPEG's marker segments: finds the frame size (SOFn) and whether the file ends with an
 * end-of-image marker. (The EXIF orientation is read by {@link ExifOrientation}.)
 *
 * <p>The EOI check exists because libjpeg, and so OpenCV, decodes a truncated JPEG "successfully",
 * filling the missing rows with gray; such an image would look like a near-duplicate of nothing and
 * must be refused instead. The check walks the structure rather than looking at the last two bytes,
 * because real files carry trailing bytes after EOI, and an embedded EXIF thumbnail has its own EOI
 * that must not count.
 */
final class JpegStructure {
  private static final int SOI = 0xD8;
  private static final int EOI = 0xD9;
  private static final int SOS = 0xDA;

  private JpegStructure() {}

  /**
   * Reads the frame size from the segments before the first frame header; the orientation is left
   * at 1 for {@link ImageHeader#read} to fill in.
   *
   * @throws DecodeException when no frame header precedes the image data or the file ends first
   */
  static ImageHeader header(ByteView v) throws DecodeException {
    int pos = 2;
    while (true) {
      int at = nextMarker(v.bytes(), pos);
      if (at < 0) {
        throw new DecodeException(v.file(), "truncated JPEG header");
      }
      int marker = v.u8(at + 1);
      if (isStandalone(marker)) {
        pos = at + 2;
        continue;
      }
      if (marker == EOI || marker == SOS) {
        throw v.corrupt("no frame (SOF) marker before the image data");
      }
      int length = v.u16be(at + 2);
      if (length < 2) {
        throw v.corrupt("segment length " + length + " at offset " + at);
      }
      if (isStartOfFrame(marker)) {
        int height = v.u16be(at + 5);
        int width = v.u16be(at + 7);
        if (width == 0 || height == 0) {
          throw v.corrupt("frame size " + width + "x" + height);
        }
        return new ImageHeader(ImageFormat.JPEG, width, height, 1);
      }
      pos = at + 2 + length;
    }
  }

  /**
   * Whether the marker structure reaches an end-of-image marker: segments, then entropy-coded data
   * (where {@code FF 00} is a stuffed byte and {@code FF D0..D7} are restart markers), then more
   * segments and scans for progressive files, until EOI.
   */
  static boolean hasEndOfImage(byte[] b) {
    int pos = 2;
    while (true) {
      int at = nextMarker(b, pos);
      if (at < 0) {
        return false;
      }
      int marker = b[at + 1] & 0xFF;
      if (marker == EOI) {
        return true;
      }
      if (isStandalone(marker)) {
        pos = at + 2;
        continue;
      }
      if (at + 3 >= b.length) {
        return false;
      }
      int length = (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
      pos = at + 2 + length;
      if (marker == SOS) {
        pos = skipEntropyCodedData(b, pos);
      }
    }
  }

  /**
   * Offset of the first {@code FF xx} after {@code pos} that is a real marker, or -1 at the end.
   */
  private static int skipEntropyCodedData(byte[] b, int pos) {
    for (int i = Math.max(pos, 0); i + 1 < b.length; i++) {
      if (b[i] == (byte) 0xFF) {
        int next = b[i + 1] & 0xFF;
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
          return i;
        }
      }
    }
    return b.length;
  }

  /**
   * Offset of the next marker at or after {@code pos}: skips fill bytes ({@code FF FF}) and, like
   * libjpeg, stray bytes before a marker. Returns -1 when the bytes end before a marker byte.
   */
  private static int nextMarker(byte[] b, int pos) {
    int i = Math.max(pos, 0);
    while (i + 1 < b.length) {
      if (b[i] == (byte) 0xFF && b[i + 1] != (byte) 0xFF && b[i + 1] != 0) {
        return i;
      }
      i++;
    }
    return -1;
  }

  private static boolean isStandalone(int marker) {
    return marker == SOI || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }
}
