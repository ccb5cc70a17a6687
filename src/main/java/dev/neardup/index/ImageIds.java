package dev.neardup.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable public ids of indexed images: the first 16 hex digits (64 bits) of the SHA-256 of the
 * image's absolute, normalised path (UTF-8).
 *
 * <p>Why the path and not the content: the index is keyed by path (two files with the same bytes
 * are two documents), and an id must not change when nothing about the document changed. It does
 * change when a file is moved, which makes it another document. 64 bits keep URLs short; a
 * collision needs ~4 billion images before it becomes likely (birthday bound), and a lookup that
 * finds two documents for one id reports all of them rather than guessing.
 */
public final class ImageIds {
  private ImageIds() {}

  /** The id of the document keyed by {@code absolutePath}. */
  public static String of(String absolutePath) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(absolutePath.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** True when {@code id} has the shape of an image id (16 lowercase hex digits). */
  public static boolean isWellFormed(String id) {
    return id != null && id.matches("[0-9a-f]{16}");
  }
}
