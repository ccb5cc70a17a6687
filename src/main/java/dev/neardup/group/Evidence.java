package dev.neardup.group;

import dev.neardup.verify.DiffResult;

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
public record Evidence(String via, Float cosine, int hamming, DiffResult diff, boolean duplicate) {}
