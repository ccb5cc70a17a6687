/**
 * Pixel-difference verification of candidate near-duplicate pairs.
 *
 * <p>The embedding index proposes pairs that <em>look</em> alike; this package decides whether they
 * are alike pixel for pixel, with the classic frame-difference check the users' team already trusts
 * (grayscale, optional Gaussian blurs, black border strips, absolute difference, binary threshold,
 * dilation, external contours, summed contour area against a fraction of the frame). {@link
 * dev.neardup.verify.PixelDiff} is the algorithm; {@link dev.neardup.verify.PixelDiffParams} and
 * {@link dev.neardup.verify.BorderMask} its settings; {@link dev.neardup.verify.DiffResult} its
 * answer.
 *
 * <p>The index stores a small grayscale thumbnail per image ({@link dev.neardup.verify.GrayImage},
 * made by {@link dev.neardup.verify.Thumbnails#gray}) so that verifying a pair never re-decodes the
 * originals; {@link dev.neardup.verify.PixelDiff#compareThumbnails} scales the minimum contour area
 * to the thumbnail's resolution. At {@link dev.neardup.verify.Thumbnails#DEFAULT_MAX_SIDE} the
 * thumbnail verdict agrees with the full-resolution verdict on at least 99% of the measured pairs.
 *
 * <p>Every class here is immutable and thread-safe, and releases each native {@code Mat} it
 * creates.
 */
package dev.neardup.verify;
