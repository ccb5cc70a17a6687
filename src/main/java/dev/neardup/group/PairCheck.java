package dev.neardup.group;

/**
 * One candidate pair that was examined, whatever the verdict: the report lists them all.
 *
 * @param image the image being placed
 * @param against the kept image it was compared with
 * @param evidence similarity, pixel-diff result and verdict
 */
public record PairCheck(String image, String against, Evidence evidence) {}
