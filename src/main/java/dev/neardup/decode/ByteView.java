package dev.neardup.decode;

import java.nio.file.Path;

/**
 * Bounds-checked reads of unsigned integers from a file's bytes, for the header parsers.
 *
 * <p>Headers come from untrusted files, so every read is checked; reading past the end is reported
 * as a {@link DecodeException} naming the format ("truncated PNG header") rather than an
 * index-out-of-bounds error.
 */
final class ByteView {
  private final Path file;
  private final ImageFormat format;
  private final byte[] bytes;

  ByteView(Path file, ImageFormat format, byte[] bytes) {
    this.file = file;
    this.format = format;
    this.bytes = bytes;
  }

  Path file() {
    return file;
  }

  ImageFormat format() {
    return format;
  }

  byte[] bytes() {
    return bytes;
  }

  int length() {
    return bytes.length;
  }

  int u8(int offset) throws DecodeException {
    check(offset, 1);
    return bytes[offset] & 0xFF;
  }

  int u16be(int offset) throws DecodeException {
    check(offset, 2);
    return (bytes[offset] & 0xFF) << 8 | (bytes[offset + 1] & 0xFF);
  }

  int u16le(int offset) throws DecodeException {
    check(offset, 2);
    return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
  }

  int u24le(int offset) throws DecodeException {
    check(offset, 3);
    return (bytes[offset] & 0xFF)
        | (bytes[offset + 1] & 0xFF) << 8
        | (bytes[offset + 2] & 0xFF) << 16;
  }

  long u32be(int offset) throws DecodeException {
    check(offset, 4);
    return (long) u16be(offset) << 16 | u16be(offset + 2);
  }

  long u32le(int offset) throws DecodeException {
    check(offset, 4);
    return u16le(offset) | (long) u16le(offset + 2) << 16;
  }

  int u16(int offset, boolean littleEndian) throws DecodeException {
    return littleEndian ? u16le(offset) : u16be(offset);
  }

  long u32(int offset, boolean littleEndian) throws DecodeException {
    return littleEndian ? u32le(offset) : u32be(offset);
  }

  /** A refusal naming the format: {@code "corrupt <format> header: <detail>"}. */
  DecodeException corrupt(String detail) {
    return new DecodeException(file, "corrupt " + format.displayName() + " header: " + detail);
  }

  private void check(int offset, int size) throws DecodeException {
    if (offset < 0 || offset > bytes.length - size) {
      throw new DecodeException(file, "truncated " + format.displayName() + " header");
    }
  }
}
