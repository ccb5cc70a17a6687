package dev.neardup.image;

import dev.neardup.decode.DecodeException;
import dev.neardup.decode.DecodedImage;
import dev.neardup.decode.ImageDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads the verification image of an indexed file from the file itself, exactly as the analyzer
 * made it when the file was indexed: the index then stores only the image's signatures, and the
 * pixel check is the check of the file's own pixels by construction.
 *
 * <p>Why it can be trusted. The file is decoded as indexing decoded it (the same JPEG reduction:
 * {@link Thumbnails#decodeMinSide}), and the result is accepted only when
 *
 * <ol>
 *   <li>the bytes read have the SHA-256 the index recorded (the decoder hashes every byte it reads,
 *       so this costs nothing extra), and
 *   <li>the verification image made from them has exactly the block signature the index recorded:
 *       the sums of every tile agree, so the pixel check and the pruning bound see one image.
 * </ol>
 *
 * Anything else, a file that is gone, changed, unreadable or decoding differently, is {@link
 * NotVerifiableException}: the pair is refused, never judged on other pixels.
 */
public final class FilePixels {
  private FilePixels() {}

  /**
   * The verification image of {@code path} as it was indexed.
   *
   * @param sha256 the content hash the index recorded
   * @param pixels the original's pixels as indexed (the decoder's limit: it was accepted then)
   * @param indexed the block signature the index recorded
   * @param thumbnailMaxSide the index's thumbnail side (as the analyzer that indexed it used)
   * @param modelInput whether the index was made with a model (its JPEG decodes kept the model's
   *     input side as well)
   * @throws NotVerifiableException when the file is gone, changed, unreadable or decodes otherwise
   */
  public static GrayImage read(
      String path,
      String sha256,
      long pixels,
      BlockSignature indexed,
      int thumbnailMaxSide,
      boolean modelInput) {
    Path file = Path.of(path);
    if (!Files.exists(file)) {
      throw new NotVerifiableException(path, "the file is gone since it was indexed");
    }
    int maxSide = thumbnailMaxSide;
    long limit = Math.max(ImageDecoder.DEFAULT_MAX_PIXELS, pixels);
    GrayImage gray;
    try (DecodedImage d =
        new ImageDecoder(limit)
            .decode(
                file,
                Thumbnails.decodeMinSide(maxSide, modelInput),
                Thumbnails.FULL_RESOLUTION_PIXELS)) {
      if (!d.sha256().equals(sha256)) {
        throw new NotVerifiableException(
            path, "the file changed since it was indexed (its SHA-256 differs): index it again");
      }
      gray = Thumbnails.verificationImage(d.bgr(), maxSide);
    } catch (DecodeException e) {
      throw new NotVerifiableException(path, "cannot be read as it was indexed: " + e.reason());
    }
    BlockSignature now = BlockSignature.of(gray);
    if (now.width() != indexed.width()
        || now.height() != indexed.height()
        || now.block() != indexed.block()
        || !Arrays.equals(now.sums(), indexed.sums())) {
      throw new NotVerifiableException(
          path,
          "its pixels decode to another verification image than when it was indexed ("
              + gray.width()
              + "x"
              + gray.height()
              + " vs "
              + indexed.width()
              + "x"
              + indexed.height()
              + "): index it again");
    }
    return gray;
  }
}
