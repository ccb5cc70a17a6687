package dev.neardup.group;

import dev.neardup.config.Defaults;
import dev.neardup.verify.VerifyMode;
import java.util.Objects;

/**
 * Settings of the grouping stage (and of query and ingest, which ask the same question).
 *
 * @param threshold minimum cosine similarity of a candidate pair when the index has embeddings, in
 *     (0, 1]
 * @param searchWidth neighbours fetched by the first k-NN search of a probe; the search widens (×4)
 *     as long as the last neighbour still passes the threshold, so this is a speed setting, never a
 *     cap
 * @param maxHamming pHash distance that makes a pair a candidate for the {@link
 *     CandidateSource#PHASH} stage and for {@code --verify none} without a model
 * @param verify which verifier confirms each candidate
 * @param sameCamera compare camera frames only with frames of the same camera
 * @param keeper visit order for images that are not camera frames
 * @param maxChecks an opt-in speed cap: at most this many pixel checks per image, 0 for none (the
 *     default: exact). When it is hit the answer may differ from the exact one; the run counts it.
 * @param windowMillis an opt-in time window: compare a camera frame only with kept frames of its
 *     own camera from at most this many milliseconds earlier, 0 for none (the default: exact)
 */
public record GroupingOptions(
    double threshold,
    int searchWidth,
    int maxHamming,
    VerifyMode verify,
    boolean sameCamera,
    KeeperPolicy keeper,
    int maxChecks,
    long windowMillis) {

  public GroupingOptions {
    if (!(threshold > 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in (0, 1]; got " + threshold);
    }
    if (searchWidth < 1) {
      throw new IllegalArgumentException("search width must be >= 1; got " + searchWidth);
    }
    if (maxHamming < 0 || maxHamming > 64) {
      throw new IllegalArgumentException("max hamming must be in [0, 64]; got " + maxHamming);
    }
    if (maxChecks < 0) {
      throw new IllegalArgumentException("max checks must be >= 0 (0: no cap); got " + maxChecks);
    }
    if (windowMillis < 0) {
      throw new IllegalArgumentException(
          "window must be >= 0 ms (0: no window); got " + windowMillis);
    }
    Objects.requireNonNull(verify, "verify");
    Objects.requireNonNull(keeper, "keeper");
  }

  /**
   * The table's settings ({@link Defaults}): threshold 0.99, width 64, pHash distance 10, aligned
   * verification, any camera, keep most pixels, no cap, no window.
   */
  public static GroupingOptions defaults() {
    return new GroupingOptions(
        Defaults.THRESHOLD.asDouble(),
        Defaults.SEARCH_WIDTH.asInt(),
        Defaults.MAX_HAMMING.asInt(),
        Defaults.VERIFY.asEnum(VerifyMode.class),
        Defaults.SAME_CAMERA.asBoolean(),
        Defaults.KEEP.asEnum(KeeperPolicy.class),
        Defaults.MAX_CHECKS.asInt(),
        Defaults.WINDOW.asDuration().toMillis());
  }

  /**
   * A builder holding this record's values: {@code options.toBuilder().threshold(0.98).build()}.
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes some settings of a {@link GroupingOptions}; {@link #build()} validates them as the
   * record's constructor does.
   */
  public static final class Builder {
    private double threshold;
    private int searchWidth;
    private int maxHamming;
    private VerifyMode verify;
    private boolean sameCamera;
    private KeeperPolicy keeper;
    private int maxChecks;
    private long windowMillis;

    private Builder(GroupingOptions o) {
      threshold = o.threshold;
      searchWidth = o.searchWidth;
      maxHamming = o.maxHamming;
      verify = o.verify;
      sameCamera = o.sameCamera;
      keeper = o.keeper;
      maxChecks = o.maxChecks;
      windowMillis = o.windowMillis;
    }

    /** See {@link GroupingOptions#threshold()}. */
    public Builder threshold(double v) {
      threshold = v;
      return this;
    }

    /** See {@link GroupingOptions#searchWidth()}. */
    public Builder searchWidth(int v) {
      searchWidth = v;
      return this;
    }

    /** See {@link GroupingOptions#maxHamming()}. */
    public Builder maxHamming(int v) {
      maxHamming = v;
      return this;
    }

    /** See {@link GroupingOptions#verify()}. */
    public Builder verify(VerifyMode v) {
      verify = v;
      return this;
    }

    /** See {@link GroupingOptions#sameCamera()}. */
    public Builder sameCamera(boolean v) {
      sameCamera = v;
      return this;
    }

    /** See {@link GroupingOptions#keeper()}. */
    public Builder keeper(KeeperPolicy v) {
      keeper = v;
      return this;
    }

    /** See {@link GroupingOptions#maxChecks()}. */
    public Builder maxChecks(int v) {
      maxChecks = v;
      return this;
    }

    /** See {@link GroupingOptions#windowMillis()}. */
    public Builder windowMillis(long v) {
      windowMillis = v;
      return this;
    }

    /** The options, validated. */
    public GroupingOptions build() {
      return new GroupingOptions(
          threshold, searchWidth, maxHamming, verify, sameCamera, keeper, maxChecks, windowMillis);
    }
  }
}
