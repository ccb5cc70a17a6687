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
 * <p>Holds the stored verification image, the pixels the pixel check compares (the same array
 * unless a blur is set), and its {@link BlockSignature}. A level that needs more per-image work
 * (local features for alignment) keeps it in {@link #memo}, computed on first use.
 */
public final class Prepared {
  private final StoredImage image;
  private final byte[] checked;
  private volatile BlockSignature signature;
  private volatile Object memo;

  Prepared(StoredImage image, byte[] checked) {
    this.image = Objects.requireNonNull(image, "image");
    this.checked = Objects.requireNonNull(checked, "checked");
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

  /**
   * The pixels the fast check compares inside the unmasked rectangle: the stored image's own when
   * no blur is set, else the blurred copy ({@link PixelDiff#checkedPixels}); not to be modified.
   */
  byte[] checked() {
    return checked;
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
   * Bytes held on the heap, for cache budgets: the stored image, the blurred copy when there is
   * one, and the memo's local features once computed. A cache weighs an entry when it is put, so a
   * holder that computes the features later puts it again to be re-weighed.
   */
  public long heapBytes() {
    Object m = memo;
    long memoBytes = m instanceof dev.neardup.verify.align.Features f ? f.heapBytes() : 0;
    byte[] own = image.gray().pixels();
    return own.length + (checked == own ? 0 : (long) checked.length) + 64 + memoBytes;
  }
}
