package dev.neardup.verify;

import dev.neardup.verify.align.Transform;

/**
 * What the verifier chain decided for one pair, and why.
 *
 * @param duplicate the verdict
 * @param level the level that decided: {@code identity} (the classic pixel-diff check as the images
 *     are), {@code pruned} (provably fails the check, from the block signatures or the
 *     changed-pixel count alone), {@code none} ({@code --verify none}: not checked), {@code failed}
 *     (the check threw: not judged, see {@link #failed})
 * @param diff the pixel-diff result, or null when no pixel check ran ({@code none}, {@code pruned})
 * @param note a sentence for a pruned or not comparable pair, else null
 * @param transform how the candidate was registered onto the kept image ({@code aligned}, {@code
 *     scene}), else null
 * @param inliers feature inliers of that registration, 0 without one
 */
public record Verdict(
    boolean duplicate,
    String level,
    DiffResult diff,
    String note,
    Transform transform,
    int inliers) {
  /** The verdict of {@code --verify none}: every candidate is a duplicate. */
  public static final Verdict UNCHECKED = new Verdict(true, "none", null, null, null, 0);

  static Verdict identity(DiffResult diff) {
    return new Verdict(diff.duplicate(), "identity", diff, diff.note(), null, 0);
  }

  static Verdict pruned(String why) {
    return new Verdict(false, "pruned", null, why, null, 0);
  }

  /**
   * The verdict on a pair whose check failed unexpectedly (an exception from a level): not a
   * duplicate, and not judged; the note says why ({@code "not judged: <reason>"}).
   */
  public static Verdict failed(String reason) {
    return new Verdict(false, "failed", null, "not judged: " + reason, null, 0);
  }

  /** What a person reads next to the match: {@code identity}, {@code mirrored}, ... */
  public String label() {
    return transform != null ? transform.label() : level;
  }
}
