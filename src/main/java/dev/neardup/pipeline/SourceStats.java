package dev.neardup.pipeline;

import java.time.Instant;

/**
 * The submissions of one source, for paying per accepted image.
 *
 * @param source the submitter id
 * @param submissions {@code uniques + duplicatesOfOwn + duplicatesOfOthers}
 * @param uniques its images in the index now (durable: read from the index, so deletes count)
 * @param duplicatesOfOwn its submissions rejected as duplicates of its own earlier images
 * @param duplicatesOfOthers its submissions rejected as duplicates of images another source (or no
 *     source) sent
 * @param duplicatedByOthers submissions of other sources rejected as duplicates of its images
 * @param duplicatesCountedSince rejected submissions are counted in memory from this instant (the
 *     service's start); they are not in the index
 */
public record SourceStats(
    String source,
    long submissions,
    long uniques,
    long duplicatesOfOwn,
    long duplicatesOfOthers,
    long duplicatedByOthers,
    Instant duplicatesCountedSince) {}
