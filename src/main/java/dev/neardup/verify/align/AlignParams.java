package dev.neardup.verify.align;

/**
 * Settings of the aligned pixel-diff level ({@link Aligner}, {@link AlignedDiff}, {@link
 * AlignedCheck}); validated on construction so that a bad setting fails when it is read.
 *
 * <p>The defaults were chosen from measured distributions of true pairs (synthetic crops, flips,
 * rotations, resizes and zooms of real photos, and the imagededup/JImageHash peer copies) and false
 * pairs (different photos of {@code stills/}, different UKBench objects); the figures are in {@link
 * #defaults()} and {@code docs/alignment.md}.
 *
 * @param features detector and resolution of the features the transform is fitted to
 * @param ratio Lowe's ratio test: a match is kept when its distance is below {@code ratio} times
 *     the second-best distance, in {@code (0, 1]}
 * @param ransacThreshold RANSAC reprojection threshold in pixels <em>at feature resolution</em>
 *     (scaled to the kept image's resolution before fitting), {@code > 0}
 * @param minInliers fewest RANSAC inliers a transform must have, {@code >= 3}
 * @param minScale smallest plausible candidate/kept scale, {@code > 0}
 * @param maxScale largest plausible candidate/kept scale, {@code >= minScale}
 * @param maxAnisotropy largest plausible ratio of the x and y scales ({@code >= 1}); 640×480 →
 *     300×300 is 1.33
 * @param maxShear largest plausible shear, {@code >= 0}
 * @param minOverlap the pair is a duplicate only when the compared overlap covers at least this
 *     share of the smaller image's content footprint, in {@code [0, 1]}
 * @param coverageErosion pixels eroded from the warped candidate's coverage mask, so that
 *     interpolated border pixels are not compared, {@code >= 0}
 * @param eccRefine whether to refine the transform with ECC when the diff fails close to the
 *     threshold
 * @param eccWindow ECC runs when {@code fraction < changed fraction <= eccWindow * fraction},
 *     {@code >= 1}
 */
public record AlignParams(
    FeatureParams features,
    double ratio,
    double ransacThreshold,
    int minInliers,
    double minScale,
    double maxScale,
    double maxAnisotropy,
    double maxShear,
    double minOverlap,
    int coverageErosion,
    boolean eccRefine,
    double eccWindow) {

  /**
   * Validates every setting.
   *
   * @throws IllegalArgumentException naming the first bad setting and its value
   * @throws NullPointerException when {@code features} is null
   */
  public AlignParams {
    if (features == null) {
      throw new NullPointerException("features must not be null");
    }
    if (!(ratio > 0 && ratio <= 1)) {
      throw new IllegalArgumentException("ratio must be in (0, 1]; got " + ratio);
    }
    if (!(ransacThreshold > 0) || Double.isInfinite(ransacThreshold)) {
      throw new IllegalArgumentException(
          "ransac_threshold must be > 0 and finite; got " + ransacThreshold);
    }
    if (minInliers < 3) {
      throw new IllegalArgumentException("min_inliers must be >= 3; got " + minInliers);
    }
    if (!(minScale > 0) || !(maxScale >= minScale) || Double.isInfinite(maxScale)) {
      throw new IllegalArgumentException(
          "scale range must satisfy 0 < min_scale <= max_scale < inf; got ["
              + minScale
              + ", "
              + maxScale
              + "]");
    }
    if (!(maxAnisotropy >= 1) || Double.isInfinite(maxAnisotropy)) {
      throw new IllegalArgumentException(
          "max_anisotropy must be >= 1 and finite; got " + maxAnisotropy);
    }
    if (!(maxShear >= 0) || Double.isInfinite(maxShear)) {
      throw new IllegalArgumentException("max_shear must be >= 0 and finite; got " + maxShear);
    }
    if (!(minOverlap >= 0 && minOverlap <= 1)) {
      throw new IllegalArgumentException("min_overlap must be in [0, 1]; got " + minOverlap);
    }
    if (coverageErosion < 0) {
      throw new IllegalArgumentException("coverage_erosion must be >= 0; got " + coverageErosion);
    }
    if (!(eccWindow >= 1) || Double.isInfinite(eccWindow)) {
      throw new IllegalArgumentException("ecc_window must be >= 1 and finite; got " + eccWindow);
    }
  }

  /**
   * The measured defaults: AKAZE at 256 px, ratio 0.8, RANSAC 3 px, 12 inliers, scale [0.125, 8],
   * anisotropy 2, shear 0.2, overlap 0.8, erosion 2 px, ECC on within 3× of the fraction.
   *
   * <p>Why 12 inliers: the best plausible fit (plain or mirrored, floor 3) of 20,930 false pairs
   * (all 19,600 UKBench pairs of different objects, 1,225 more of one photo per object, all 105
   * pairs of {@code stills/}) reached at most 6 inliers; true geometric edits of 65 real photos (13
   * kinds, 845 pairs) had at least 34, except two edits of the 259×194 {@code HappyFish.jpg} shrunk
   * to 121×121 and 130×97 (4 and 10 inliers, not registered). 12 keeps a 2× margin over the false
   * pairs. Ratio 0.8 and RANSAC 3 px are the prototype's settings that registered every crop, flip,
   * turn and zoom; the scale, anisotropy and shear bounds only reject degenerate fits (no measured
   * true edit came near them: 640×480 → 300×300 is anisotropy 1.33).
   */
  public static AlignParams defaults() {
    return new AlignParams(
        FeatureParams.defaults(), 0.8, 3.0, 12, 0.125, 8.0, 2.0, 0.2, 0.8, 2, true, 3.0);
  }

  /** A builder holding these settings: {@code params.toBuilder().minInliers(8).build()}. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes some settings of an {@link AlignParams}; {@link #build()} validates them as the
   * record's constructor does.
   */
  public static final class Builder {
    private FeatureParams features;
    private double ratio;
    private double ransacThreshold;
    private int minInliers;
    private double minScale;
    private double maxScale;
    private double maxAnisotropy;
    private double maxShear;
    private double minOverlap;
    private int coverageErosion;
    private boolean eccRefine;
    private double eccWindow;

    private Builder(AlignParams p) {
      features = p.features;
      ratio = p.ratio;
      ransacThreshold = p.ransacThreshold;
      minInliers = p.minInliers;
      minScale = p.minScale;
      maxScale = p.maxScale;
      maxAnisotropy = p.maxAnisotropy;
      maxShear = p.maxShear;
      minOverlap = p.minOverlap;
      coverageErosion = p.coverageErosion;
      eccRefine = p.eccRefine;
      eccWindow = p.eccWindow;
    }

    /** See {@link AlignParams#features()}. */
    public Builder features(FeatureParams v) {
      features = v;
      return this;
    }

    /** See {@link AlignParams#ratio()}. */
    public Builder ratio(double v) {
      ratio = v;
      return this;
    }

    /** See {@link AlignParams#ransacThreshold()}. */
    public Builder ransacThreshold(double v) {
      ransacThreshold = v;
      return this;
    }

    /** See {@link AlignParams#minInliers()}. */
    public Builder minInliers(int v) {
      minInliers = v;
      return this;
    }

    /** See {@link AlignParams#minScale()}. */
    public Builder minScale(double v) {
      minScale = v;
      return this;
    }

    /** See {@link AlignParams#maxScale()}. */
    public Builder maxScale(double v) {
      maxScale = v;
      return this;
    }

    /** See {@link AlignParams#maxAnisotropy()}. */
    public Builder maxAnisotropy(double v) {
      maxAnisotropy = v;
      return this;
    }

    /** See {@link AlignParams#maxShear()}. */
    public Builder maxShear(double v) {
      maxShear = v;
      return this;
    }

    /** See {@link AlignParams#minOverlap()}. */
    public Builder minOverlap(double v) {
      minOverlap = v;
      return this;
    }

    /** See {@link AlignParams#coverageErosion()}. */
    public Builder coverageErosion(int v) {
      coverageErosion = v;
      return this;
    }

    /** See {@link AlignParams#eccRefine()}. */
    public Builder eccRefine(boolean v) {
      eccRefine = v;
      return this;
    }

    /** See {@link AlignParams#eccWindow()}. */
    public Builder eccWindow(double v) {
      eccWindow = v;
      return this;
    }

    /** The settings, validated. */
    public AlignParams build() {
      return new AlignParams(
          features,
          ratio,
          ransacThreshold,
          minInliers,
          minScale,
          maxScale,
          maxAnisotropy,
          maxShear,
          minOverlap,
          coverageErosion,
          eccRefine,
          eccWindow);
    }
  }
}
