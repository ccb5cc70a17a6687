package dev.neardup.group;

import dev.neardup.image.BlockSignature;
import dev.neardup.image.TileHistograms;
import dev.neardup.verify.Prepared;
import dev.neardup.verify.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * One probe's next few steps of a search, verified ahead of time in parallel, taken in order.
 *
 * <p>Why this keeps the answer: a search takes its candidates in a fixed order and stops at the
 * first verified duplicate. Which pairs it verifies depends only on that order and on the verdicts
 * of the pairs before, and a verdict depends only on the two prepared images ({@link
 * dev.neardup.verify.Verifier} is thread-safe and holds no per-pair state). So the next {@link
 * #limit()} pairs to check are verified at once on the common fork-join pool and the caller's
 * thread, and then the session takes the steps in order exactly as it would one at a time: counts,
 * records, lists and decides each, and drops the verdicts after the first duplicate, uncounted and
 * unlisted. Answers, counts, the pairs in the report and the failures recorded are those of a
 * search one pair at a time (the test: {@code ParallelChecksTest}); only CPU is spent on the
 * dropped verdicts. Everything that touches the session (preparing images, caches, counts) stays on
 * its thread.
 *
 * <p>Not thread-safe: one per search pass.
 */
final class Checks {
  /** Threads that verify a batch: the common pool's and the caller's. */
  static final int THREADS = ForkJoinPool.getCommonPoolParallelism() + 1;

  /**
   * The kept side of a check, gathered on the session's thread.
   *
   * @param prepared the kept image prepared, or null
   * @param failure why it is not, when {@code prepared} is null
   * @param newFailure whether this is the first time it failed (recorded when the step is taken)
   */
  record Kept(Prepared prepared, String failure, boolean newFailure) {}

  /** One candidate's step: pruned ({@code kept} null) or a pair to verify. */
  static final class Step {
    final Map.Entry<KeptImages.Entry, Float> candidate;
    boolean mayAlign;

    /** Why the probe's geometric values could not be computed, first found at this step. */
    String hashingFailure;

    Kept kept;
    Verdict verdict;

    /**
     * The kept image's signature when the bound on its copy at the probe's size is to be asked
     * before the check ({@link ResizedSignatures}, not cached yet), else null.
     */
    BlockSignature boundFirst;

    /** Whether that bound proved the pair fails: pruned, not checked. */
    boolean pruned;

    /**
     * The kept image's tile histograms, made while its pair was verified when the entry had none;
     * given to the entry when the search takes this step, so that which entries have them does not
     * depend on how far ahead the checks ran.
     */
    TileHistograms tiles;

    Step(Map.Entry<KeptImages.Entry, Float> candidate) {
      this.candidate = candidate;
    }
  }

  private final List<Step> steps = new ArrayList<>();
  private final int limit;
  private int checks;

  /**
   * @param parallel whether pairs may be verified ahead; else every batch holds one check
   */
  Checks(boolean parallel) {
    this.limit = parallel && THREADS > 1 ? 2 * THREADS : 1;
  }

  /** How many pairs to verify at once. */
  int limit() {
    return limit;
  }

  /** The pairs to verify among the steps held. */
  int checks() {
    return checks;
  }

  void add(Step step) {
    steps.add(step);
    if (step.kept != null) {
      checks++;
    }
  }

  /** Gives every pair held its verdict, in parallel when there are several. */
  void verify(Function<Step, Verdict> verdict) {
    List<Step> todo = new ArrayList<>(checks);
    for (Step s : steps) {
      if (s.kept != null && s.verdict == null) {
        todo.add(s);
      }
    }
    if (todo.size() == 1) {
      todo.get(0).verdict = verdict.apply(todo.get(0));
    } else if (todo.size() > 1) {
      todo.parallelStream().forEach(s -> s.verdict = verdict.apply(s));
    }
  }

  /** The steps held, in order; the batch is empty afterwards. */
  List<Step> drain() {
    List<Step> out = List.copyOf(steps);
    steps.clear();
    checks = 0;
    return out;
  }
}
