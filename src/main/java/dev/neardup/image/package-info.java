/**
 * The base image types every stage shares: the gray verification image ({@link
 * dev.neardup.image.GrayImage}) and how it is made ({@link dev.neardup.image.Thumbnails}), what an
 * index stores of it ({@link dev.neardup.image.StoredImage}), and the per-image signatures that
 * search and pruning read ({@link dev.neardup.image.BlockSignature}, {@link
 * dev.neardup.image.GrayHistogram}); {@link dev.neardup.image.Box} is a rectangle in pixels.
 *
 * <p>Why its own package: decode/, index/, group/ and verify/ all read these values, and none of
 * them should need the verifier to do so.
 */
package dev.neardup.image;
