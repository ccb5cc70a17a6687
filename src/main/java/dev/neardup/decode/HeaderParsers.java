package dev.neardup.decode;

/**
 * Dimension parsers for the non-JPEG formats, each reading only the few header bytes it needs.
 *
 * <p>Layouts: PNG IHDR (big-endian width/height at 16/20); GIF logical screen (little-endian at
 * 6/8); BMP BITMAPCOREHEADER (16-bit) or BITMAPINFOHEADER and later (signed 32-bit, negative height
 * = top-down); WebP simple lossy (VP8 frame header), lossless (VP8L 14-bit fields) or extended
 * (VP8X 24-bit canvas size); TIFF IFD0 tags 256/257; Netpbm ASCII tokens with {@code #} comments.
 */
final class HeaderParsers {
  private HeaderParsers() {}

  static ImageHeader png(ByteView v) throws DecodeException {
    if (v.u8(12) != 'I' || v.u8(13) != 'H' || v.u8(14) != 'D' || v.u8(15) != 'R') {
      throw v.corrupt("first chunk is not IHDR");
    }
    return sized(v, v.u32be(16), v.u32be(20), 1);
  }

  static ImageHeader gif(ByteView v) throws DecodeException {
    return sized(v, v.u16le(6), v.u16le(8), 1);
  }

  static ImageHeader bmp(ByteView v) throws DecodeException {
    long dibSize = v.u32le(14);
    if (dibSize == 12) {
      return sized(v, v.u16le(18), v.u16le(20), 1);
    }
    int width = (int) v.u32le(18);
    int height = (int) v.u32le(22);
    // A negative height means rows are stored top-down; the size is its magnitude.
    return sized(v, width, height == Integer.MIN_VALUE ? 0 : Math.abs(height), 1);
  }

  static ImageHeader webp(ByteView v) throws DecodeException {
    String chunk =
        new String(new char[] {(char) v.u8(12), (char) v.u8(13), (char) v.u8(14), (char) v.u8(15)});
    switch (chunk) {
      case "VP8 " -> {
        if (v.u8(23) != 0x9D || v.u8(24) != 0x01 || v.u8(25) != 0x2A) {
          throw v.corrupt("VP8 frame start code missing");
        }
        return sized(v, v.u16le(26) & 0x3FFF, v.u16le(28) & 0x3FFF, 1);
      }
      case "VP8L" -> {
        if (v.u8(20) != 0x2F) {
          throw v.corrupt("VP8L signature byte is " + v.u8(20) + ", expected 47");
        }
        long bits = v.u32le(21);
        return sized(v, (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, 1);
      }
      case "VP8X" -> {
        return sized(v, v.u24le(24) + 1L, v.u24le(27) + 1L, 1);
      }
      default -> throw v.corrupt("unknown first chunk '" + chunk.strip() + "'");
    }
  }

  static ImageHeader tiff(ByteView v) throws DecodeException {
    long[] tags =
        TiffDirectory.readIfd0(
            v,
            TiffDirectory.TAG_IMAGE_WIDTH,
            TiffDirectory.TAG_IMAGE_LENGTH,
            TiffDirectory.TAG_ORIENTATION);
    if (tags[0] < 0 || tags[1] < 0) {
      throw v.corrupt("first directory has no ImageWidth/ImageLength tags");
    }
    int orientation = tags[2] >= 1 && tags[2] <= 8 ? (int) tags[2] : 1;
    return sized(v, tags[0], tags[1], orientation);
  }

  static ImageHeader pnm(ByteView v) throws DecodeException {
    int[] pos = {2};
    long width = pnmNumber(v, pos, "width");
    long height = pnmNumber(v, pos, "height");
    return sized(v, width, height, 1);
  }

  /** The next decimal token after whitespace and {@code #} comments; {@code pos[0]} advances. */
  private static long pnmNumber(ByteView v, int[] pos, String what) throws DecodeException {
    int i = pos[0];
    while (true) {
      int c = v.u8(i);
      if (c == '#') {
        while (v.u8(i) != '\n' && v.u8(i) != '\r') {
          i++;
        }
      } else if (ImageFormat.isPnmWhitespace((byte) c)) {
        i++;
      } else {
        break;
      }
    }
    long value = 0;
    int start = i;
    while (i < v.length() && v.u8(i) >= '0' && v.u8(i) <= '9') {
      value = value * 10 + (v.u8(i) - '0');
      if (value > Integer.MAX_VALUE) {
        throw v.corrupt(what + " is larger than " + Integer.MAX_VALUE);
      }
      i++;
    }
    if (i == start) {
      throw v.corrupt(what + " is not a number (byte " + v.u8(i) + " at offset " + i + ")");
    }
    pos[0] = i;
    return value;
  }

  private static ImageHeader sized(ByteView v, long width, long height, int orientation)
      throws DecodeException {
    if (width <= 0 || height <= 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
      throw v.corrupt("image size " + width + "x" + height);
    }
    return new ImageHeader(v.format(), (int) width, (int) height, orientation);
  }
}
