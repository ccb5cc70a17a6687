package dev.neardup.pipeline;

import dev.neardup.index.ImageIds;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.Origin;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-source statistics of one ingestor: who sent the image a duplicate matched, and per source its
 * unique images (read from the index) and rejected duplicates (counted here, in memory, from the
 * ingestor's start).
 *
 * <p>Why two places: a unique image is indexed with its source, so counting it from the index is
 * durable and follows deletes; a rejected duplicate is never indexed, so nothing but a counter
 * remembers it.
 */
final class SourceTally {
  /** The rejected duplicates that concern one source. */
  private static final class Rejected {
    /** Its submissions rejected as duplicates of its own earlier images. */
    final LongAdder duplicatesOfOwn = new LongAdder();

    /** Its submissions rejected as duplicates of another source's (or no source's) images. */
    final LongAdder duplicatesOfOthers = new LongAdder();

    /** Other sources' submissions rejected as duplicates of its images. */
    final LongAdder duplicatedByOthers = new LongAdder();
  }

  private static final Rejected NONE = new Rejected();

  private final ImageIndex index;
  private final Instant countingSince;
  private final Map<String, Rejected> rejected = new ConcurrentHashMap<>();

  /**
   * @param countingSince when counting starts (the ingestor's start)
   */
  SourceTally(ImageIndex index, Instant countingSince) {
    this.index = index;
    this.countingSince = countingSince;
  }

  /**
   * Answers the duplicate {@code r} of a submission from {@code origin} with the origin of the
   * indexed image it matched, and counts it against both sources. Called after the decision: the
   * matched image may have been deleted since, then its origin is unknown.
   */
  Submitted rejected(IngestResult r, Origin origin) throws IOException {
    Origin matched = Origin.UNKNOWN;
    try (IndexSnapshot s = index.snapshot()) {
      List<Integer> docs = s.withId(ImageIds.of(r.duplicateOf().image().path()));
      if (!docs.isEmpty()) {
        matched = s.origin(docs.get(0));
      }
    }
    Submitted out = new Submitted(r, origin, matched);
    if (origin.source() != null) {
      Rejected c = of(origin.source());
      (out.sameSource() ? c.duplicatesOfOwn : c.duplicatesOfOthers).increment();
    }
    if (matched.source() != null && !out.sameSource()) {
      of(matched.source()).duplicatedByOthers.increment();
    }
    return out;
  }

  /**
   * The submissions of {@code source}: its images in the index, and its (and others') rejected
   * duplicates since counting started.
   *
   * @throws IllegalArgumentException when {@code source} is not a well-formed source id
   */
  SourceStats stats(String source) throws IOException {
    Origin.requireSource(source);
    int uniques;
    try (IndexSnapshot s = index.snapshot()) {
      uniques = s.countFromSource(source);
    }
    Rejected c = rejected.getOrDefault(source, NONE);
    long own = c.duplicatesOfOwn.sum();
    long others = c.duplicatesOfOthers.sum();
    return new SourceStats(
        source,
        uniques + own + others,
        uniques,
        own,
        others,
        c.duplicatedByOthers.sum(),
        countingSince);
  }

  private Rejected of(String source) {
    return rejected.computeIfAbsent(source, k -> new Rejected());
  }
}
