package dev.neardup.eval;

import dev.neardup.config.CacheBudget;
import dev.neardup.group.CandidateSource;
import dev.neardup.group.Grouper;
import dev.neardup.group.Grouping;
import dev.neardup.group.GroupingOptions;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Groups one indexed set of images again and again with different settings, and scores each
 * grouping against truth labels: index once, regroup many times (grouping is cheap next to
 * embedding).
 *
 * <p>Every grouping verifies at the level of {@code base} ({@link GroupingOptions#verify()}: the
 * configured {@code --verify}, {@link VerifyMode#ALIGNED} by default), so the figures are about the
 * settings users run with; a base that does not verify ({@link VerifyMode#NONE}) is scored at
 * {@link VerifyMode#PIXEL}, since a figure needs a check. Not thread-safe (the snapshot is not).
 */
public final class Evaluator {
  private final IndexSnapshot snapshot;
  private final List<IndexedImage> images;
  private final GroupingOptions base;
  private final PixelDiffParams pixel;
  private final CacheBudget cache;

  /**
   * @param snapshot the index view that lists {@code images}
   * @param images the images to group
   * @param base grouping settings; the threshold is replaced per setting
   * @param pixel pixel-diff settings; the fraction is replaced per setting
   * @param cache the engine's cache budget, which each grouping's prepared images stay within
   */
  public Evaluator(
      IndexSnapshot snapshot,
      List<IndexedImage> images,
      GroupingOptions base,
      PixelDiffParams pixel,
      CacheBudget cache) {
    this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
    this.images = List.copyOf(images);
    this.base = Objects.requireNonNull(base, "base");
    this.pixel = Objects.requireNonNull(pixel, "pixel");
    this.cache = Objects.requireNonNull(cache, "cache");
  }

  /**
   * Whether the images carry embeddings, i.e. whether {@link CandidateSource#EMBEDDING} can run.
   */
  public boolean hasVectors() {
    return !images.isEmpty() && snapshot.vector(images.get(0).docId()) != null;
  }

  /** Absolute paths of the images, in the order given. */
  public List<String> paths() {
    return images.stream().map(i -> i.record().path()).toList();
  }

  /**
   * Groups the images with one setting.
   *
   * @throws IllegalArgumentException for {@link CandidateSource#EMBEDDING} on an index without
   *     embeddings
   */
  public Grouping group(Setting s) {
    if (s.stage() == CandidateSource.EMBEDDING && !hasVectors()) {
      throw new IllegalArgumentException(
          "stage embedding needs an index with embeddings; this one was made without a model");
    }
    GroupingOptions options =
        base.toBuilder()
            .threshold(s.threshold() != null ? s.threshold() : base.threshold())
            .build()
            .toBuilder()
            .verify(base.verify() == VerifyMode.NONE ? VerifyMode.PIXEL : base.verify())
            .build();
    return Grouper.create(options, pixel.withFraction(s.fraction()), s.stage(), cache)
        .group(snapshot, images, null);
  }

  /** Groups and scores every setting in turn. */
  public List<Sweep.Row> sweep(List<Setting> settings, Map<String, String> labels) {
    List<Sweep.Row> rows = new ArrayList<>();
    for (Setting s : settings) {
      long start = System.nanoTime();
      Grouping g = group(s);
      double seconds = (System.nanoTime() - start) / 1e9;
      rows.add(new Sweep.Row(s, Scoring.score(g, labels), seconds));
    }
    return rows;
  }
}
