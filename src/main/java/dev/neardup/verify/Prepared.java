package dev.neardup.verify;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.StoredImage;
import java.util.Objects;
import java.util.function.Function;

/**
 * One image made ready for many pair checks: done once per image by {@link Verifier#prepare} and
 * reused for every pair the image is in (a kept camera frame is compared with thousands of later
 * frames).
 *
 * <p>Holds the stored verification image, the same image blurred and border-masked as the pixel
 * check needs it, and its {@link BlockSignature}. A level that needs more per-image work (local
 * features for alignment) keeps it in {@link #memo}, computed on first use.
 */
public final class Prepared {
  private final StoredImage image;
  private final byte[] masked;
  private volatile BlockSignature signature;
  private volatile Object memo;

  Prepared(StoredImage image, byte[] masked) {
    this.image = Objects.requireNonNull(image, "image");
    this.masked = Objects.requireNonNull(masked, "masked");
  }

  /** The stored image this was made from. */
  public StoredImage image() {
    return image;
  }

  /**
   * The signature of the stored (unmasked, unblurred) verification image, computed on first use
   * (most probes of a camera sequence match the first frame they are compared with and never need
   * it).
   */
  public BlockSignature signature() {
    BlockSignature s = signature;
    if (s == null) {
      s = BlockSignature.of(image.gray());
      signature = s;
    }
    return s;
  }

  /** The verification image after blur and border mask, row-major; not to be modified. */
  byte[] masked() {
    return masked;
  }

  /**
   * The per-image value a level keeps, computed by {@code compute} on first use (at most a few
   * times under a race, which is harmless: the value is a pure function of the image).
   */
  @SuppressWarnings("unchecked")
  public <T> T memo(Class<T> type, Function<StoredImage, T> compute) {
    Object m = memo;
    if (!type.isInstance(m)) {
      m = compute.apply(image);
      memo = m;
    }
    return (T) m;
  }

  /**
   * Bytes held on the heap, for cache budgets: the masked image (twice: the stored image is the
   * same size) and the memo's local features once computed. A cache weighs an entry when it is put,
   * so a holder that computes the features later puts it again to be re-weighed.
   */
  public long heapBytes() {
    Object m = memo;
    long memoBytes = m instanceof dev.neardup.verify.align.Features f ? f.heapBytes() : 0;
    return 2L * masked.length + 64 + memoBytes;
  }
}
