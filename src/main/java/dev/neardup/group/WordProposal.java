package dev.neardup.group;

import dev.neardup.verify.align.Vocabulary;
import dev.neardup.verify.align.WordBag;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The same-scene candidate stage for one probe ({@code --verify scene}): the kept images whose
 * local features share the most visual words with the probe's, so that two views of one object,
 * whose pHash and histograms (or embeddings, below the cosine threshold) differ, still reach the
 * scene check. It needs no model; with one, its proposals are tried after the embedding's
 * candidates ({@link CandidateOrder}).
 *
 * <p><b>What it proposes, precisely:</b> the {@link #MAX_PROPOSALS} kept images with the highest
 * {@link WordIndex} score among those sharing at least {@link #MIN_SHARED} keypoints' words with
 * the probe (ties by the order they were kept). Words are the probe's and the kept images' AKAZE
 * descriptors of the image as it is (not the mirror: views of one scene are not mirrored; mirrored
 * copies are proposed by the pHash variants) quantised by the shipped {@link Vocabulary#akaze()}
 * tree. An image without features (flat, tiny, a thin strip), or with features of another detector,
 * has an empty bag: it proposes and is proposed nothing.
 *
 * <p><b>Why these numbers.</b> Measured on the 200 shared UKBench photos (docs/alignment.md): the
 * top 5 hold 0.64 of the same-object pairs, the top 10 0.72; each proposal costs an aligned and a
 * scene check (about 2–5 ms with cached features). The scene check needs {@code
 * SceneParams.DEFAULT_MIN_INLIERS} = 12 inliers, each a matched keypoint pair, and matched
 * keypoints mostly fall in one word: a pair sharing fewer words rarely passes.
 *
 * <p>Computed once per probe, on first use, from the kept images' {@link WordIndex} ({@link
 * KeptImages#sceneProposals}), or by scoring every kept image in the plain scan (the same set). Not
 * thread-safe: one per probe search.
 */
final class WordProposal {
  /** How many kept images one probe proposes at most. */
  static final int MAX_PROPOSALS = 5;

  /** Least shared keypoints' words (the sum of the per-word minimum counts) to be proposed. */
  static final int MIN_SHARED = 12;

  private final KeptImages kept;
  private final Vocabulary vocabulary;
  private final Supplier<WordBag> probe;
  private final Function<KeptImages.Entry, WordBag> bags;
  private final boolean scan;
  private BitSet proposed;
  private List<WordIndex.Scored> scored;

  /**
   * @param probe the probe's bag, asked for once (empty when it has no features)
   * @param bags a kept image's bag (empty when it has none), asked for once per kept image
   * @param scan score every kept image instead of asking the index (the plain scan)
   */
  WordProposal(
      KeptImages kept,
      Vocabulary vocabulary,
      Supplier<WordBag> probe,
      Function<KeptImages.Entry, WordBag> bags,
      boolean scan) {
    this.kept = kept;
    this.vocabulary = vocabulary;
    this.probe = probe;
    this.bags = bags;
    this.scan = scan;
  }

  /** Whether the stage proposes the pair of the probe and {@code k}. */
  boolean proposes(KeptImages.Entry k) {
    return proposed().get(k.rank);
  }

  /** Passes every proposed kept image to {@code out}, best first. */
  void forEach(Consumer<KeptImages.Entry> out) {
    proposed();
    for (WordIndex.Scored s : scored) {
      out.accept(s.entry());
    }
  }

  private BitSet proposed() {
    if (proposed == null) {
      WordBag mine = probe.get();
      scored =
          mine.keypoints() == 0
              ? List.of()
              : kept.sceneProposals(vocabulary, bags, mine, MAX_PROPOSALS, MIN_SHARED, scan);
      proposed = new BitSet();
      for (WordIndex.Scored s : scored) {
        proposed.set(s.entry().rank);
      }
    }
    return proposed;
  }
}
