package dev.neardup.group;

import dev.neardup.embed.PerceptualHash;
import dev.neardup.index.ImageRecord;
import dev.neardup.verify.DiffResult;
import dev.neardup.verify.GrayImage;
import dev.neardup.verify.PixelDiff;

/**
 * Why one image was judged a duplicate of another (or not).
 *
 * @param via the candidate stage that proposed the pair: {@code exact} (same SHA-256), {@code
 *     embedding} (cosine ≥ threshold) or {@code phash} (hash distance ≤ max), or {@code scan}
 *     (brute-force scan for evaluation, see {@link CandidateSource#SCAN})
 * @param cosine cosine similarity of the embeddings, or null without embeddings
 * @param hamming pHash distance in bits
 * @param diff the pixel-diff check's result, or null when it was not run (exact copies, {@code
 *     --verify none})
 * @param duplicate the verdict
 */
public record Evidence(String via, Float cosine, int hamming, DiffResult diff, boolean duplicate) {

  /**
   * Checks a candidate pair: pHash distance always, and the pixel-diff check on the two stored
   * thumbnails unless {@code verify} is {@link VerifyMode#NONE}. The check compares at the smaller
   * image's full resolution (see {@link PixelDiff#compareThumbnails}).
   *
   * @param via the candidate stage that proposed the pair
   * @param cosine cosine similarity, or null without embeddings
   */
  public static Evidence of(
      String via,
      Float cosine,
      ImageRecord a,
      GrayImage thumbA,
      ImageRecord b,
      GrayImage thumbB,
      VerifyMode verify,
      PixelDiff pixelDiff) {
    int hamming = PerceptualHash.hamming(a.phash(), b.phash());
    if (verify == VerifyMode.NONE) {
      return new Evidence(via, cosine, hamming, null, true);
    }
    DiffResult diff = pixelDiff.compareThumbnails(thumbA, thumbB, Math.min(a.pixels(), b.pixels()));
    return new Evidence(via, cosine, hamming, diff, diff.duplicate());
  }
}
