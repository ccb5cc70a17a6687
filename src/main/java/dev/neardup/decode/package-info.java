/**
 * Stage 1 of the pipeline: find image files and read them safely into pixels.
 *
 * <p>{@link dev.neardup.decode.ImageScanner} lists candidate files under some folders; {@link
 * dev.neardup.decode.ImageDecoder} turns one file into a {@link dev.neardup.decode.DecodedImage}
 * (oriented 8-bit BGR pixels, SHA-256, format) or refuses it with a {@link
 * dev.neardup.decode.DecodeException} whose reason a person understands. Formats are recognised
 * from content ({@link dev.neardup.decode.ImageFormat}), and sizes from headers ({@link
 * dev.neardup.decode.ImageHeader}) before any pixel is decoded, so decompression bombs, truncated
 * files, vector images and non-images are refused cheaply. Each file is read and decoded once; the
 * result is shared by the embedding and verification stages.
 *
 * <p>OpenCV does the decoding (much faster than ImageIO on JDK 25, and it can decode JPEG at 1/2,
 * 1/4, 1/8 scale); {@code javax.imageio} is used only for GIF, which OpenCV 4.9 lacks. EXIF
 * orientation of JPEG, PNG and WebP is read with metadata-extractor ({@link
 * dev.neardup.decode.ExifOrientation}).
 */
package dev.neardup.decode;
