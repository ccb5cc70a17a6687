package dev.neardup.verify;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.neardup.verify.align.Transform;
import java.util.Locale;
import java.util.Objects;

/**
 * What the verifier chain decided for one pair, and why.
 *
 * @param duplicate the verdict
 * @param level the level that decided (see {@link Level})
 * @param diff the pixel-diff result, or null when no pixel check ran ({@code none}, {@code pruned},
 *     {@code exact})
 * @param note a sentence for a pruned or not comparable pair, else null
 * @param transform how the candidate was registered onto the kept image ({@code aligned}, {@code
 *     scene}), else null
 * @param inliers feature inliers of that registration, 0 without one
 */
public record Verdict(
    boolean duplicate,
    Level level,
    DiffResult diff,
    String note,
    Transform transform,
    int inliers) {

  /**
   * The level of the chain that decided a pair. Its lower-case name is what reports and the API
   * print ({@code "identity"}, {@code "aligned"}, ...), so the enum is the one list of them.
   */
  public enum Level {
    /** Same bytes (same SHA-256): no pixel was read. */
    EXACT,
    /** The classic pixel-diff check as the images are. */
    IDENTITY,
    /** Registered onto the kept image, then the same check on the overlap. */
    ALIGNED,
    /** The same scene (homography inliers), opt-in. */
    SCENE,
    /** Provably fails the check, from the block signatures or the changed-pixel count alone. */
    PRUNED,
    /** {@code --verify none}: not checked, every candidate is a duplicate. */
    NONE,
    /** The check threw: not judged (see {@link Verdict#failed}). */
    FAILED;

    /** The lower-case name, as JSON and text print it. */
    @JsonValue
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public Verdict {
    Objects.requireNonNull(level, "level");
  }

  /** The verdict of {@code --verify none}: every candidate is a duplicate. */
  public static final Verdict UNCHECKED = new Verdict(true, Level.NONE, null, null, null, 0);

  /** The verdict on a byte-identical pair: a duplicate, no pixel read. */
  public static final Verdict SAME_BYTES = new Verdict(true, Level.EXACT, null, null, null, 0);

  static Verdict identity(DiffResult diff) {
    return new Verdict(diff.duplicate(), Level.IDENTITY, diff, diff.note(), null, 0);
  }

  static Verdict pruned(String why) {
    return new Verdict(false, Level.PRUNED, null, why, null, 0);
  }

  /**
   * The verdict on a pair whose check failed unexpectedly (an exception from a level): not a
   * duplicate, and not judged; the note says why ({@code "not judged: <reason>"}).
   */
  public static Verdict failed(String reason) {
    return new Verdict(false, Level.FAILED, null, "not judged: " + reason, null, 0);
  }

  /** True when the pair's check failed unexpectedly: not judged (and not a duplicate). */
  public boolean isFailed() {
    return level == Level.FAILED;
  }

  /** What a person reads next to the match: {@code identity}, {@code mirrored}, ... */
  public String label() {
    return transform != null ? transform.label() : level.toString();
  }
}
