/**
 * Verification of candidate near-duplicate pairs: the classic pixel-diff, and the aligned and
 * same-scene levels that see through geometric edits.
 *
 * <p>The embedding index proposes pairs that <em>look</em> alike; this package decides whether they
 * are alike pixel for pixel, with the classic frame-difference check the users' team already trusts
 * (grayscale, optional Gaussian blurs, black border strips, absolute difference, binary threshold,
 * dilation, external contours, summed contour area against a fraction of the frame). {@link
 * dev.neardup.verify.PixelDiff} is the algorithm; {@link dev.neardup.verify.PixelDiffParams} and
 * {@link dev.neardup.verify.BorderMask} its settings; {@link dev.neardup.verify.DiffResult} its
 * answer.
 *
 * <p>A pair is checked on the two images' verification images ({@link dev.neardup.image.GrayImage},
 * made by {@link dev.neardup.image.Thumbnails#verificationImage}: the whole image up to {@link
 * dev.neardup.image.Thumbnails#FULL_RESOLUTION_PIXELS}, else a thumbnail), decoded from the files
 * ({@code image/FilePixels}) or, with {@code store-pixels}, read from the index; {@link
 * dev.neardup.verify.PixelDiff#compareThumbnails} scales the minimum contour area to a thumbnail's
 * resolution.
 *
 * <p><b>The fast identity check.</b> {@link dev.neardup.verify.PixelVerifier} gives {@code
 * PixelDiff}'s verdict on stored images without running its OpenCV steps per pair: each image is
 * blurred once when a blur is set; two of one size go through {@code MaskWorkspace} (difference,
 * threshold with an early stop, dilation, on the rectangle the border mask leaves) and {@code
 * ExternalContours} (OpenCV's external border following, in Java), on pooled buffers that each
 * check borrows. {@link dev.neardup.verify.OpenCvPixelCheck} is the same check with OpenCV's
 * contours, kept as the oracle of the exactness test and the "before" of {@code bench pixeldiff
 * --against}.
 *
 * <p><b>Align, then diff.</b> The plain check is blind to geometric edits: a mirrored, rotated,
 * cropped or resized copy differs everywhere pixel for pixel. {@link
 * dev.neardup.verify.GeometricVerifier} (the aligned level) registers the candidate onto the kept
 * image with the alignment library in {@code verify/align/} and runs the same check on the overlap
 * only; {@link dev.neardup.verify.SceneCheck} is the opt-in same-scene level (homography inliers,
 * {@link dev.neardup.verify.SceneParams}, {@link dev.neardup.verify.SceneResult}) for photos of one
 * object from other viewpoints.
 *
 * <p>The thresholds are measured, not guessed: {@code docs/alignment.md} has the distributions of
 * true and false pairs they were chosen from, and the time per pair of each level.
 *
 * <p>Every public class here is immutable and thread-safe, and releases each native {@code Mat} it
 * creates; the pooled workspaces of the fast check are package-private.
 */
package dev.neardup.verify;
