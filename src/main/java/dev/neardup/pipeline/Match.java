package dev.neardup.pipeline;

import dev.neardup.group.Evidence;
import dev.neardup.index.ImageRecord;

/**
 * An indexed image that a queried image resembles.
 *
 * @param image the indexed image
 * @param evidence similarity and pixel-diff result; {@code evidence.duplicate()} is the verdict
 */
public record Match(ImageRecord image, Evidence evidence) {}
