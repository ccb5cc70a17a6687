package dev.neardup.image;

import java.util.Objects;

/**
 * The per-image values that search and pruning read, all computed from an image's verification
 * image (the stored gray thumbnail): its block signature, geometric pHash variants, gray histogram
 * and content-box hashes.
 *
 * <p>{@link #of} is the one place they are computed: the analyzer calls it once per image, and an
 * index calls it only for a document written before it stored one of them (from that document's
 * stored thumbnail, which gives the same values). The indexes themselves only encode and decode
 * them.
 *
 * @param signature block sums of the verification image
 * @param phashVariants pHashes of the verification image under the geometric edits ({@link
 *     PerceptualHash#variants})
 * @param histogram gray histogram of the verification image ({@link GrayHistogram#of})
 * @param content the pHash variants and histogram inside the image's uniform borders ({@link
 *     ContentHashes#NONE} when it has none)
 */
public record Signatures(
    BlockSignature signature, long[] phashVariants, float[] histogram, ContentHashes content) {

  public Signatures {
    Objects.requireNonNull(signature, "signature");
    Objects.requireNonNull(phashVariants, "phashVariants");
    Objects.requireNonNull(histogram, "histogram");
    Objects.requireNonNull(content, "content");
  }

  /** Every value of {@code verificationImage}. */
  public static Signatures of(GrayImage verificationImage) {
    return new Signatures(
        BlockSignature.of(verificationImage),
        PerceptualHash.variants(verificationImage),
        GrayHistogram.of(verificationImage),
        ContentHashes.of(verificationImage));
  }
}
