/**
 * Registration of one image onto another, for the aligned and same-scene levels of verify/.
 *
 * <ul>
 *   <li>{@link dev.neardup.verify.align.Features} (made with {@link
 *       dev.neardup.verify.align.FeatureParams}): AKAZE keypoints and descriptors of an image and
 *       of its mirror, on the heap, encodable for storage;
 *   <li>{@link dev.neardup.verify.align.Matching} and {@link dev.neardup.verify.align.Aligner}:
 *       ratio-test matches and a RANSAC similarity or affine fit, giving a {@link
 *       dev.neardup.verify.align.Transform} (matrix, and what it means: mirrored, rotated, scaled,
 *       cropped) under {@link dev.neardup.verify.align.AlignParams}; {@link
 *       dev.neardup.verify.align.Aligner#warp} brings the candidate into the kept frame with a
 *       coverage mask ({@link dev.neardup.verify.align.Geometry}: the 3×3 matrix arithmetic);
 *   <li>{@link dev.neardup.verify.align.AlignedDiff}: the pixel-diff on the coverage, with ECC
 *       refinement when the verdict is close, giving an {@link
 *       dev.neardup.verify.align.AlignedResult};
 *   <li>{@link dev.neardup.verify.align.AlignedCheck}: the whole level for one pair, with the
 *       identity guard (an identity transform keeps the plain verdict: fixed cameras are
 *       unaffected).
 * </ul>
 *
 * <p>Why its own package: it is a library of geometry that the levels use, and a reader changing
 * the classic check or the chain should not have to read it.
 */
package dev.neardup.verify.align;
