/**
 * The base image types every stage shares: the gray verification image ({@link
 * dev.neardup.image.GrayImage}) and how it is made ({@link dev.neardup.image.Thumbnails}), what an
 * index stores of it ({@link dev.neardup.image.StoredImage}), and the per-image values that search
 * and pruning read ({@link dev.neardup.image.BlockSignature}, {@link
 * dev.neardup.image.GrayHistogram}, the pHash and its geometric variants in {@link
 * dev.neardup.image.PerceptualHash}, the hashes inside uniform borders in {@link
 * dev.neardup.image.ContentHashes} and {@link dev.neardup.image.ContentBox}), all computed at once
 * by {@link dev.neardup.image.Signatures#of}; {@link dev.neardup.image.Box} is a rectangle in
 * pixels.
 *
 * <p>Why its own package: decode/, index/, group/ and verify/ all read these values, and none of
 * them should need the verifier (or the embedding stage) to do so.
 */
package dev.neardup.image;
