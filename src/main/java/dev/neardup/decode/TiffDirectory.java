package dev.neardup.decode;

/**
 * Reads chosen tags from the first image file directory (IFD0) of a TIFF structure, in either byte
 * order. Used for TIFF files themselves and for the TIFF block inside a JPEG's EXIF segment.
 */
final class TiffDirectory {
  static final int TAG_IMAGE_WIDTH = 256;
  static final int TAG_IMAGE_LENGTH = 257;
  static final int TAG_ORIENTATION = 0x0112;

  private static final int TYPE_SHORT = 3;
  private static final int TYPE_LONG = 4;

  private TiffDirectory() {}

  /**
   * Looks up {@code tags} in IFD0.
   *
   * @param v the bytes, starting at the TIFF header ({@code II*\0} or {@code MM\0*})
   * @return for each tag, its SHORT or LONG value, or -1 when the tag is absent or of another type
   * @throws DecodeException when the header is not classic TIFF or the directory runs off the end
   */
  static long[] readIfd0(ByteView v, int... tags) throws DecodeException {
    boolean le;
    if (v.u8(0) == 'I' && v.u8(1) == 'I') {
      le = true;
    } else if (v.u8(0) == 'M' && v.u8(1) == 'M') {
      le = false;
    } else {
      throw v.corrupt("byte order mark is neither II nor MM");
    }
    int magic = v.u16(2, le);
    if (magic == 43) {
      throw new DecodeException(v.file(), "unsupported format: BigTIFF");
    }
    if (magic != 42) {
      throw v.corrupt("magic number " + magic + " instead of 42");
    }
    long ifd = v.u32(4, le);
    if (ifd < 8 || ifd > v.length()) {
      throw v.corrupt("first directory offset " + ifd + " outside the file");
    }
    int entries = v.u16((int) ifd, le);
    long[] values = new long[tags.length];
    java.util.Arrays.fill(values, -1);
    for (int e = 0; e < entries; e++) {
      int at = (int) ifd + 2 + 12 * e;
      int tag = v.u16(at, le);
      for (int t = 0; t < tags.length; t++) {
        if (tags[t] == tag) {
          int type = v.u16(at + 2, le);
          if (type == TYPE_SHORT) {
            values[t] = v.u16(at + 8, le);
          } else if (type == TYPE_LONG) {
            values[t] = v.u32(at + 8, le);
          }
        }
      }
    }
    return values;
  }
}
