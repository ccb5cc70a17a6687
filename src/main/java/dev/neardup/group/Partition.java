package dev.neardup.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of {@code count} parts of a job, {@code --partition k/N} (1-based): which worker takes an
 * image is decided by a stable hash of a key, so that every worker, on any machine, agrees without
 * talking to the others.
 *
 * <p>The key is the caller's: the two-phase dedup hashes an image's SHA-256 (so that exact copies,
 * which it collapses, land on one worker) or, under {@code --same-camera}, its camera (a camera's
 * frames are grouped by one worker); {@code index --partition} hashes the file's path (the bytes
 * are not read yet when the walk assigns a file).
 *
 * @param index which part, 1..count
 * @param count how many parts
 */
public record Partition(int index, int count) {
  private static final Pattern SPEC = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d{1,9})\\s*");

  public Partition {
    if (count < 1) {
      throw new IllegalArgumentException("partition count must be >= 1; got " + count);
    }
    if (index < 1 || index > count) {
      throw new IllegalArgumentException(
          "partition must be 1.." + count + " of " + count + "; got " + index + "/" + count);
    }
  }

  /** The whole job as one part. */
  public static final Partition WHOLE = new Partition(1, 1);

  /**
   * Parses {@code k/N}, e.g. {@code 2/3}.
   *
   * @throws IllegalArgumentException naming the value when it is not {@code k/N} with 1 ≤ k ≤ N
   */
  public static Partition parse(String spec) {
    Matcher m = SPEC.matcher(spec == null ? "" : spec);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--partition takes k/N (this worker's part k of N, 1 <= k <= N), e.g. 2/3; got " + spec);
    }
    return new Partition(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Whether this part takes {@code key}: the first 64 bits of its SHA-256, modulo the count. */
  public boolean owns(String key) {
    return partOf(key, count) == index;
  }

  /** The part (1..count) that takes {@code key}. */
  public static int partOf(String key, int count) {
    if (count == 1) {
      return 1;
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return (int) Math.floorMod(v, (long) count) + 1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** {@code k/N}, as the option spells it. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
