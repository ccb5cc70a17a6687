package dev.neardup.group;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.neardup.config.CacheBudget;
import dev.neardup.image.BlockSignature;
import dev.neardup.image.GrayImage;
import dev.neardup.image.PerceptualHash;
import dev.neardup.image.StoredImage;
import dev.neardup.image.TileHistograms;
import dev.neardup.index.Decisions;
import dev.neardup.index.ImageRecord;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.verify.Prepared;
import dev.neardup.verify.Verdict;
import dev.neardup.verify.Verifier;
import dev.neardup.verify.VerifyMode;
import dev.neardup.verify.align.Features;
import dev.neardup.verify.align.Vocabulary;
import dev.neardup.verify.align.WordBag;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one place that finds the kept images a probe is a verified duplicate of. Grouping ({@code
 * dedup}, {@code eval}, the review page, {@code /api/v1/groups}) asks for the first one; query and
 * ingest ({@code query}, {@code serve}, {@code watch}) use the same search, so the same pair gets
 * the same verdict everywhere.
 *
 * <p><b>The definition.</b> A probe is a duplicate of a kept image {@code k} when
 *
 * <ol>
 *   <li>the camera rule allows the pair ({@code --same-camera}: both frames of one camera), and no
 *       person marked the pair "not a duplicate";
 *   <li>the candidate stage admits it: with embeddings, cosine ≥ threshold; with {@link
 *       CandidateSource#PHASH}, pHash distance ≤ max; without embeddings (and with {@link
 *       CandidateSource#SCAN}) every kept image is a candidate; at {@code --verify scene} the
 *       same-scene proposals ({@link WordProposal}: the kept images sharing the most visual words)
 *       are candidates as well, with or without embeddings;
 *   <li>and the {@link Verifier} accepts it (byte-identical files need no check).
 * </ol>
 *
 * <p><b>Making it fast without changing it.</b> Candidates are tried most likely first: the kept
 * frame of the probe's camera nearest in time, then by cosine (with embeddings) or pHash distance,
 * then by age. A pair whose block signatures prove that the check fails is skipped without reading
 * pixels ({@link Verifier#cannotPass}); without embeddings the kept images are indexed by
 * signature, pHash variants and histogram ({@link KeptImages}), so that only those that may pass or
 * be proposed are reached at all. The k-NN search runs among the kept images only, and widens until
 * its last neighbour falls below the threshold, so no top-K limit cuts candidates off. The only
 * shortcuts that can change an answer are the opt-in {@code --max-checks} and {@code --window}; the
 * {@link SearchStats} count every time they bite.
 *
 * <p>One {@link Session} per index snapshot and thread: it caches prepared images.
 */
public final class CandidateFinder {
  private final GroupingOptions options;
  private final Verifier verifier;
  private final CandidateSource source;
  private final CacheBudget cache;
  private final boolean plainScan;
  private final boolean parallelChecks;
  private final ResizedSignatures resizedKept;

  /**
   * @param cache the budget whose {@link CacheBudget#preparedBytes() prepared-image share} each
   *     session may hold (an evicted image is prepared again: the answers stay the same)
   * @throws IllegalArgumentException for {@link CandidateSource#SCAN} with {@link VerifyMode#NONE}:
   *     every pair would be a duplicate
   */
  public CandidateFinder(
      GroupingOptions options, Verifier verifier, CandidateSource source, CacheBudget cache) {
    this(
        options,
        verifier,
        source,
        cache,
        false,
        Runtime.getRuntime().availableProcessors() > 1,
        new ResizedSignatures(cache.resizedSignatureBytes()));
  }

  private CandidateFinder(
      GroupingOptions options,
      Verifier verifier,
      CandidateSource source,
      CacheBudget cache,
      boolean plainScan,
      boolean parallelChecks,
      ResizedSignatures resizedKept) {
    this.plainScan = plainScan;
    this.resizedKept = resizedKept;
    this.parallelChecks = parallelChecks;
    this.options = Objects.requireNonNull(options, "options");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.source = Objects.requireNonNull(source, "source");
    this.cache = Objects.requireNonNull(cache, "cache");
    if (source == CandidateSource.SCAN && verifier.mode() == VerifyMode.NONE) {
      throw new IllegalArgumentException(
          "candidate source SCAN needs a verifier; with --verify none every pair is a duplicate");
    }
  }

  /** This finder's verifier and source with other settings. */
  public CandidateFinder withOptions(GroupingOptions other) {
    return new CandidateFinder(
        other, verifier, source, cache, plainScan, parallelChecks, resizedKept);
  }

  /**
   * This finder without the kept images' indexes ({@link CandidateOrder}): every kept image is
   * tried in turn, as the definition reads; the same answers, slower. The oracle of the tests, and
   * the baseline of the benchmarks.
   */
  public CandidateFinder withPlainScan() {
    return new CandidateFinder(options, verifier, source, cache, true, parallelChecks, resizedKept);
  }

  /**
   * This finder checking one pair at a time, on the session's thread: the same answers, the same
   * counts and the same pairs listed, without the speculative checks of {@link Checks}. The oracle
   * of the tests and the baseline of the benchmarks.
   */
  public CandidateFinder withSequentialChecks() {
    return new CandidateFinder(options, verifier, source, cache, plainScan, false, resizedKept);
  }

  /** The budget this finder's sessions cache prepared images within. */
  public CacheBudget cacheBudget() {
    return cache;
  }

  public GroupingOptions options() {
    return options;
  }

  public Verifier verifier() {
    return verifier;
  }

  /** A search session over {@code snapshot}, every pair in scope. */
  public Session open(IndexSnapshot snapshot) {
    return new Session(snapshot, Scope.ALL, null);
  }

  /** A search session over {@code snapshot} comparing only the pairs {@code scope} allows. */
  public Session open(IndexSnapshot snapshot, Scope scope) {
    return new Session(snapshot, scope, null);
  }

  /**
   * A search session over {@code snapshot}, every pair in scope, whose prepared images are also
   * kept in {@code shared} for later sessions (the service's requests).
   */
  public Session open(IndexSnapshot snapshot, SharedPrepared shared) {
    return new Session(snapshot, Scope.ALL, Objects.requireNonNull(shared, "shared"));
  }

  /**
   * An image looking for its duplicates.
   *
   * @param record its metadata (path, hash, size, camera, pHash)
   * @param image its verification image; null for an indexed image, whose image is then read from
   *     the index (or its file) when a check first needs it
   * @param vector its embedding, or null without a model
   * @param doc its doc id when it is an indexed image (grouping), else -1: its stored signature,
   *     pHash variants and histogram are then read, not recomputed, and its prepared image is kept
   *     for when it becomes a kept image
   */
  public record Probe(ImageRecord record, StoredImage image, float[] vector, int doc) {
    public Probe {
      if (image == null && doc < 0) {
        throw new IllegalArgumentException(
            "a probe that is not indexed needs its image: " + record.path());
      }
    }

    /** A probe that is not in the index (a query, an arriving upload). */
    public Probe(ImageRecord record, StoredImage image, float[] vector) {
      this(record, image, vector, -1);
    }
  }

  /**
   * A kept image the probe is a verified duplicate of.
   *
   * @param doc the kept image's doc id
   * @param kept its metadata
   * @param evidence the pair's evidence
   */
  public record Found(int doc, ImageRecord kept, Evidence evidence) {}

  /** Searches over one snapshot; not thread-safe. */
  public final class Session {
    private final IndexSnapshot snapshot;
    private final Decisions decisions;

    /**
     * This session's prepared images by doc. With a shared cache (the service's requests) only a
     * sixteenth of the budget: the shared cache holds the images, and a full-size one here kept up
     * to a second budget's worth alive past the shared cache's evictions.
     */
    private final Cache<Integer, Prepared> preparedImages;

    private final SearchStats.Counter stats = new SearchStats.Counter();

    /** Docs whose preparation failed, with the reason (tried once). */
    private final Map<Integer, String> unpreparable = new HashMap<>();

    private final List<FailedCheck> failures = new ArrayList<>();
    private final boolean phashGate;
    private final Scope scope;
    private final CandidateOrder order;
    private final SharedPrepared shared;

    /** The same-scene stage's vocabulary ({@code --verify scene}), or null when it is off. */
    private final Vocabulary vocabulary;

    Session(IndexSnapshot snapshot, Scope scope, SharedPrepared shared) {
      this.snapshot = snapshot;
      this.shared = shared;
      this.preparedImages =
          preparedCache(shared == null ? cache.preparedBytes() : cache.preparedBytes() / 16);
      this.scope = Objects.requireNonNull(scope, "scope");
      this.decisions = snapshot.decisions();
      boolean useVectors = source == CandidateSource.EMBEDDING && snapshot.hasVectors();
      this.vocabulary = verifier.mode() == VerifyMode.SCENE ? Vocabulary.akaze() : null;
      // --verify none trusts the candidate stage: without embeddings that stage is the pHash.
      this.phashGate =
          source == CandidateSource.PHASH || (verifier.mode() == VerifyMode.NONE && !useVectors);
      this.order =
          new CandidateOrder(snapshot, options, verifier, useVectors, phashGate, plainScan, stats);
    }

    /** What the searches of this session did so far. */
    public SearchStats stats() {
      return stats.snapshot();
    }

    /**
     * The checks of this session that failed unexpectedly and were contained, in the order they
     * failed: each pair not judged, and each image whose preparation failed (once).
     */
    public List<FailedCheck> failures() {
      return List.copyOf(failures);
    }

    private void remember(int doc, ImageRecord record, Prepared p) {
      preparedImages.asMap().putIfAbsent(doc, p);
      if (shared != null) {
        shared.put(record, p);
      }
    }

    /** The stored image of a doc, prepared (cached here, and in the shared cache if any). */
    public Prepared prepared(int doc) {
      Prepared p = preparedImages.getIfPresent(doc);
      if (p == null) {
        ImageRecord r = snapshot.record(doc);
        p = shared == null ? prepare(doc, r) : shared.get(r, () -> prepare(doc, r));
        preparedImages.put(doc, p);
      }
      return p;
    }

    private Prepared prepare(int doc, ImageRecord r) {
      return verifier.prepare(
          new StoredImage(snapshot.verificationImage(doc), r.width(), r.height()));
    }

    /*
     * Containment (STYLE.md rule 20): every call into the verifier goes through the three methods
     * below, so that an exception from one level on one pair (an OpenCV assertion on a thin strip,
     * say) becomes that pair's "not judged" evidence, or that one image's failed preparation, and
     * never unwinds a grouping, a query, an upload or a start-up. Errors (out of memory) are not
     * caught: they are not about one pair.
     */

    /**
     * The prepared stored image of the kept {@code doc}, or null when its preparation failed (then
     * or earlier: it is tried once, recorded once, and its reason is in {@link #unpreparable}).
     */
    private Prepared preparedOrNull(int doc) {
      if (unpreparable.containsKey(doc)) {
        return null;
      }
      try {
        return prepared(doc);
      } catch (RuntimeException e) {
        String path = snapshot.record(doc).path();
        unprepared(doc, path, FailedCheck.reason("preparing " + path, e));
        return null;
      }
    }

    private void unprepared(int doc, String path, String reason) {
      if (doc >= 0) {
        unpreparable.put(doc, reason);
      }
      stats.unprepared++;
      failures.add(new FailedCheck(path, null, reason));
    }

    /**
     * The kept side of a check on the session's thread: {@code k} prepared, or why it cannot be. A
     * first failure to prepare it is recorded only when the check is reached ({@link
     * Checks.Step#recordKeptFailure}), as a check made one at a time would.
     */
    private Checks.Kept gather(KeptImages.Entry k, Prepared mine) {
      if (mine == null) {
        return new Checks.Kept(null, null, false);
      }
      String known = unpreparable.get(k.doc);
      if (known != null) {
        return new Checks.Kept(null, known, false);
      }
      try {
        return new Checks.Kept(prepared(k.doc), null, false);
      } catch (RuntimeException e) {
        return new Checks.Kept(null, FailedCheck.reason("preparing " + k.record.path(), e), true);
      }
    }

    /**
     * The verdict on one pair, or {@link Verdict#failed} when either image could not be prepared or
     * the check threw. Touches nothing of the session: safe on any thread.
     *
     * @param mine the probe prepared, or null when that failed
     * @param mineFailed why the probe could not be prepared, when {@code mine} is null
     * @param align whether the geometric levels may run
     */
    Verdict verdict(Checks.Kept theirs, Prepared mine, String mineFailed, boolean align) {
      Verdict v;
      if (mine == null) {
        v = Verdict.failed(mineFailed);
      } else if (theirs.prepared() == null) {
        v = Verdict.failed(theirs.failure());
      } else {
        try {
          v = verifier.verify(theirs.prepared(), mine, align);
        } catch (RuntimeException e) {
          String level = verifier.mode().name().toLowerCase(Locale.ROOT);
          v = Verdict.failed(FailedCheck.reason("the " + level + " check", e));
        }
      }
      if (v == null) {
        v = Verdict.failed("the " + verifier.mode() + " verifier returned no verdict");
      }
      return v;
    }

    /** Counts and records a failed pair, on the session's thread. */
    private void recordVerdict(ImageRecord image, KeptImages.Entry k, Verdict v) {
      if (v.isFailed()) {
        stats.failed++;
        failures.add(new FailedCheck(image.path(), k.record.path(), v.note()));
      }
    }

    /**
     * The visual words of a prepared image ({@link WordBag#EMPTY} when it is null, has no features
     * of the vocabulary's detector, or they cannot be computed: it is then neither proposed nor
     * proposing; its checks meet the failure themselves). Computing the features grows the image's
     * weight, so a cached image is put again to be re-weighed within the budget.
     */
    private WordBag words(int doc, Prepared p) {
      if (p == null) {
        return WordBag.EMPTY;
      }
      WordBag bag;
      try {
        Features f = verifier.features(p);
        bag =
            f == null || f.detector() != vocabulary.detector() ? WordBag.EMPTY : vocabulary.bag(f);
      } catch (RuntimeException e) {
        return WordBag.EMPTY;
      }
      if (doc >= 0 && preparedImages.getIfPresent(doc) == p) {
        preparedImages.put(doc, p);
      }
      if (doc >= 0 && shared != null) {
        shared.reweigh(snapshot.record(doc), p);
      }
      return bag;
    }

    /**
     * The first kept image that {@code probe} is a verified duplicate of, in the order of the
     * search, or null when there is none; every pair verified is passed to {@code onCheck}.
     */
    public Found first(Probe probe, KeptImages kept, PairLog onCheck) {
      return first(probe, kept, onCheck, null);
    }

    /**
     * {@link #first(Probe, KeptImages, PairLog)}, never pairing the probe with the kept image at
     * {@code skipPath} (an arriving file that is already indexed under its own path), when not
     * null.
     */
    public Found first(Probe probe, KeptImages kept, PairLog onCheck, String skipPath) {
      List<Found> f = search(probe, kept, onCheck, true, skipPath);
      return f.isEmpty() ? null : f.get(0);
    }

    /** Every kept image that {@code probe} is a verified duplicate of, in the search's order. */
    public List<Found> all(Probe probe, KeptImages kept) {
      return search(probe, kept, null, false, null);
    }

    /**
     * {@link #all}, each found image with the pass of the search that found it: what phase 1 of the
     * two-phase dedup records ({@link EarlierNeighbours}), so that phase 2 can tell which kept
     * image {@link #first} would have returned.
     */
    List<EarlierNeighbour.Tiered> tiered(Probe probe, KeptImages kept) {
      stats.probes++;
      Search s = new Search(probe, kept, null, false, null);
      s.sameBytes(kept);
      int same = s.found.size();
      s.identityPass(order.of(probe, kept, s.proposal, s.resized));
      int identity = s.found.size();
      s.geometricPass();
      List<EarlierNeighbour.Tiered> out = new ArrayList<>(s.found.size());
      for (int i = 0; i < s.found.size(); i++) {
        EarlierNeighbour.Tier t =
            i < same
                ? EarlierNeighbour.Tier.SAME_BYTES
                : i < identity ? EarlierNeighbour.Tier.IDENTITY : EarlierNeighbour.Tier.GEOMETRIC;
        out.add(new EarlierNeighbour.Tiered(s.found.get(i), t));
      }
      return out;
    }

    /** Whether the search may pair {@code image} with {@code other}: scope, camera rule, people. */
    boolean allows(ImageRecord image, ImageRecord other) {
      return allowed(image, other);
    }

    /**
     * The search, in three steps after the byte-identical kept images: the candidates in order
     * ({@link CandidateOrder}), the identity check on each ({@link Search#identityPass}), then the
     * geometric levels on those a geometric stage proposed and the identity check did not accept
     * ({@link Search#geometricPass}). Which kept image is tried first never changes whether a
     * duplicate exists, and the cheap check decides most pairs.
     */
    private List<Found> search(
        Probe probe, KeptImages kept, PairLog onCheck, boolean firstOnly, String skipPath) {
      stats.probes++;
      Search s = new Search(probe, kept, onCheck, firstOnly, skipPath);
      if (!s.sameBytes(kept) && !s.identityPass(order.of(probe, kept, s.proposal, s.resized))) {
        s.geometricPass();
      }
      return s.found;
    }

    /** One probe's search: what its steps share. */
    private final class Search {
      private final Probe probe;
      private final ImageRecord image;
      private final PairLog onCheck;
      private final boolean firstOnly;

      /** The path of a kept image this search never pairs the probe with, or null. */
      private final String skipPath;

      private final boolean geometric =
          verifier.mode() == VerifyMode.ALIGNED || verifier.mode() == VerifyMode.SCENE;

      /** Whether kept images' tile histograms are worth keeping: the bound that uses them holds. */
      private final boolean keepsTiles = verifier.signatureBound() != null && !plainScan;

      private final GeometricProposal proposal;
      final List<Found> found = new ArrayList<>();

      /**
       * The candidates left to the geometric pass, in the identity pass's order: those proposed
       * that the identity check rejected or that were pruned.
       */
      private final List<Map.Entry<KeptImages.Entry, Float>> toAlign = new ArrayList<>();

      /** The probe at smaller kept images' sizes, for the signature bound across grids. */
      final ResizedProbe resized = new ResizedProbe(this::probeGray);

      private Prepared mine;
      private String mineFailed;
      private BlockSignature mySig;
      private boolean geometryFailed;
      private int checks;

      Search(Probe probe, KeptImages kept, PairLog onCheck, boolean firstOnly, String skipPath) {
        this.probe = probe;
        this.image = probe.record();
        this.onCheck = onCheck;
        this.firstOnly = firstOnly;
        this.skipPath = skipPath;
        WordProposal words = null;
        if (vocabulary != null) {
          words =
              new WordProposal(
                  kept,
                  vocabulary,
                  this::myWords,
                  e -> words(e.doc, preparedOrNull(e.doc)),
                  plainScan);
        }
        this.proposal =
            new GeometricProposal(
                snapshot,
                options.maxHamming(),
                probe.doc(),
                image.signatures(),
                probe.image(),
                words);
      }

      /**
       * The probe's verification image as its checks compare it, or null when it cannot be read; a
       * failure is not recorded here (the probe's first check meets and records it).
       */
      private GrayImage probeGray() {
        if (mine != null) {
          return mine.image().gray();
        }
        if (probe.image() != null) {
          return probe.image().gray();
        }
        if (mineFailed != null) {
          return null;
        }
        try {
          return prepared(probe.doc()).image().gray();
        } catch (RuntimeException e) {
          return null;
        }
      }

      /** The probe's visual words (it is prepared first, if it was not yet). */
      private WordBag myWords() {
        prepareMine();
        return words(probe.doc(), mine);
      }

      /** The allowed kept images with the probe's bytes: duplicates without a check. */
      boolean sameBytes(KeptImages kept) {
        for (KeptImages.Entry e : kept.withSha(image.sha256())) {
          if (allowed(image, e.record) && !e.record.path().equals(skipPath)) {
            stats.sameSha++;
            found.add(new Found(e.doc, e.record, Evidence.sameBytes()));
            if (firstOnly) {
              return true;
            }
          }
        }
        return false;
      }

      /**
       * The identity check on every allowed candidate, in order; the first is checked at once (the
       * nearest kept frame usually matches, and the check has its own early exit), later ones are
       * pruned from signatures first. A pair a geometric stage proposes is not decided here unless
       * it is a duplicate or its check failed: it goes to {@link #geometricPass}.
       *
       * @return whether the search is over (a first duplicate found, or {@code --max-checks})
       */
      boolean identityPass(Map<KeptImages.Entry, Float> candidates) {
        Checks batch = new Checks(parallel());
        int queued = checks;
        for (Map.Entry<KeptImages.Entry, Float> c : candidates.entrySet()) {
          KeptImages.Entry k = c.getKey();
          if (!allowed(image, k.record)
              || image.sha256().equals(k.record.sha256())
              || k.record.path().equals(skipPath)) {
            continue;
          }
          prepareMine();
          Checks.Step step = new Checks.Step(c);
          step.mayAlign = geometric && alignable(image, k) && proposed(k, c.getValue(), step);
          if ((queued > 0 && prunable(k)) || largerPrunable(k)) {
            batch.add(step);
            if (batch.checks() == 0 && process(batch, false)) {
              return true;
            }
            continue;
          }
          if (capReached()) {
            if (step.hashingFailure != null) {
              unprepared(-1, image.path(), step.hashingFailure);
            }
            return true;
          }
          step.kept = gather(k, mine);
          step.boundFirst = largerBoundApplies(k);
          queued++;
          batch.add(step);
          if (batch.checks() >= (queued == 1 ? 1 : batch.limit()) && process(batch, false)) {
            return true;
          }
        }
        return process(batch, false);
      }

      /** The geometric levels on the pairs the identity pass left to them, in its order. */
      void geometricPass() {
        Checks batch = new Checks(parallel());
        for (int i = 0; i < toAlign.size(); i++) {
          if (capReached()) {
            return;
          }
          Checks.Step step = new Checks.Step(toAlign.get(i));
          step.kept = gather(step.candidate.getKey(), mine);
          batch.add(step);
          // The first alone (often the match), then as many at once as the batch holds.
          if ((i == 0 || batch.checks() >= batch.limit() || i == toAlign.size() - 1)
              && process(batch, true)) {
            return;
          }
        }
      }

      /** Whether checks may run ahead in parallel: never with the {@code --max-checks} cap. */
      private boolean parallel() {
        return parallelChecks && options.maxChecks() == 0;
      }

      /**
       * Verifies the batch's pairs (in parallel when it may), then takes the steps in order as a
       * search one pair at a time would: counts, records, lists and decides each, and drops the
       * rest once the search is over.
       *
       * @return whether the search is over
       */
      private boolean process(Checks batch, boolean align) {
        batch.verify(
            st -> {
              if (st.boundFirst != null && largerFails(st)) {
                st.pruned = true;
                return null;
              }
              if (keepsTiles
                  && st.kept.prepared() != null
                  && st.candidate.getKey().tiles() == null) {
                st.tiles = TileHistograms.of(st.kept.prepared().image().gray());
              }
              return verdict(st.kept, mine, mineFailed, align);
            });
        for (Checks.Step st : batch.drain()) {
          KeptImages.Entry k = st.candidate.getKey();
          if (st.tiles != null) {
            // Kept with the entry, in the search's order: later probes' bound uses it
            // (CandidateOrder), and a search one pair at a time keeps the same ones.
            k.tiles(st.tiles);
          }
          if (st.hashingFailure != null) {
            unprepared(-1, image.path(), st.hashingFailure);
          }
          if (st.kept == null || st.pruned) {
            stats.pruned++;
            if (st.mayAlign) {
              toAlign.add(st.candidate);
            }
            continue;
          }
          if (st.kept.newFailure() && !unpreparable.containsKey(k.doc)) {
            unprepared(k.doc, k.record.path(), st.kept.failure());
          }
          checks++;
          stats.checked++;
          Verdict v = st.verdict;
          recordVerdict(image, k, v);
          if (!align && !v.duplicate() && st.mayAlign && !v.isFailed()) {
            // Decided (and listed) by the geometric pass; when this pass finds a duplicate first,
            // the pair is only counted in the stats.
            toAlign.add(st.candidate);
            continue;
          }
          if (decided(st.candidate, v)) {
            return true;
          }
        }
        return false;
      }

      /** Prepares the probe on its first allowed candidate (tried once, recorded when it fails). */
      private void prepareMine() {
        if (mine != null || mineFailed != null) {
          return;
        }
        try {
          if (probe.doc() >= 0 && probe.image() == null) {
            mine = prepared(probe.doc());
          } else {
            mine = verifier.prepare(probe.image());
            if (probe.doc() >= 0) {
              remember(probe.doc(), image, mine);
            }
          }
        } catch (RuntimeException e) {
          mineFailed = FailedCheck.reason("preparing " + image.path(), e);
          unprepared(probe.doc(), image.path(), mineFailed);
        }
      }

      /**
       * Whether a geometric candidate stage proposes the pair: the embedding when it admitted it,
       * else {@link GeometricProposal}; a failure there loses the probe's geometric stage (recorded
       * once), not its pixel check.
       */
      private boolean proposed(KeptImages.Entry k, Float cosine, Checks.Step step) {
        if (cosine != null) {
          return true;
        }
        if (mine == null || geometryFailed) {
          return false;
        }
        try {
          return proposal.proposes(k);
        } catch (RuntimeException e) {
          geometryFailed = true;
          // Recorded when the step is taken (a search that ends before it never hashed it).
          step.hashingFailure = FailedCheck.reason("hashing " + image.path(), e);
          return false;
        }
      }

      /**
       * Whether the block signatures prove that the identity check fails on the pair: the two
       * images' own, or, across sizes, the smaller one's and the larger one's resized to it ({@link
       * ResizedProbe}, {@link ResizedSignatures}).
       */
      private boolean prunable(KeptImages.Entry k) {
        BlockSignature sig = mySignature();
        if (sig == null) {
          return false;
        }
        try {
          return resized.fails(
              verifier, k.signature(snapshot), sig, Math.min(image.pixels(), k.record.pixels()));
        } catch (RuntimeException e) {
          return false;
        }
      }

      /**
       * Whether the signature bound proves the identity check fails for a kept image larger than
       * the probe, on its signature at the probe's size ({@link ResizedSignatures}), when that is
       * cached. Asked of every candidate, the first too: the kept-image indexes do not apply it
       * ({@link CandidateOrder} reaches these images), so the search and the plain scan skip the
       * same pairs only if it is asked wherever a pair would be checked. A signature not cached yet
       * is made by the check itself ({@link #largerFails}, in parallel), with the same verdict on
       * the pair: pruned there exactly when pruned here.
       */
      private boolean largerPrunable(KeptImages.Entry k) {
        BlockSignature sig = mySignature();
        if (sig == null) {
          return false;
        }
        try {
          return failsAtProbeSize(
              resizedKept.cached(k.record.sha256(), k.signature(snapshot), sig), k);
        } catch (RuntimeException e) {
          return false;
        }
      }

      /**
       * Whether the bound proves the pair fails on {@code keptAt}, {@code k} at the probe's size.
       */
      private boolean failsAtProbeSize(ResizedSignatures.AtSize keptAt, KeptImages.Entry k) {
        return keptAt != null
            && keptAt.fails(verifier, mySig, Math.min(image.pixels(), k.record.pixels()));
      }

      /**
       * The kept image's signature when it has more stored pixels than the probe (its copy at the
       * probe's size is then what the check compares, and the bound on it is asked first), else
       * null. On the session thread.
       */
      private BlockSignature largerBoundApplies(KeptImages.Entry k) {
        BlockSignature sig = mySignature();
        if (sig == null) {
          return null;
        }
        try {
          BlockSignature keptSig = k.signature(snapshot);
          return (long) keptSig.width() * keptSig.height() > (long) sig.width() * sig.height()
              ? keptSig
              : null;
        } catch (RuntimeException e) {
          return null;
        }
      }

      /**
       * Whether the bound proves the step's pair fails on the kept image's copy at the probe's
       * size, made from the prepared kept image (and cached for later probes of that size). Runs on
       * the checks' threads: touches only the step, the thread-safe cache and the verifier.
       */
      private boolean largerFails(Checks.Step st) {
        if (st.kept.prepared() == null || mySig == null) {
          return false;
        }
        KeptImages.Entry k = st.candidate.getKey();
        try {
          return failsAtProbeSize(
              resizedKept.at(
                  k.record.sha256(), st.boundFirst, mySig, () -> st.kept.prepared().image().gray()),
              k);
        } catch (RuntimeException e) {
          return false;
        }
      }

      /** The probe's block signature, read or made once; null when there is none yet. */
      private BlockSignature mySignature() {
        if (mySig == null && (probe.doc() >= 0 || mine != null)) {
          if (probe.doc() >= 0) {
            mySig = snapshot.signature(probe.doc());
          } else {
            mySig = image.signatures() != null ? image.signatures().signature() : signature(mine);
          }
        }
        return mySig;
      }

      /** Whether {@code --max-checks} stops the search before one more check (counted). */
      private boolean capReached() {
        if (options.maxChecks() > 0 && checks == options.maxChecks()) {
          stats.capHits++;
          return true;
        }
        return false;
      }

      /**
       * Lists the verdict on a pair and keeps the kept image when it is a duplicate; whether the
       * search is over (the first duplicate was asked for and found).
       */
      private boolean decided(Map.Entry<KeptImages.Entry, Float> c, Verdict v) {
        KeptImages.Entry k = c.getKey();
        Evidence ev = new Evidence(via(c.getValue()), c.getValue(), hamming(image, k.record), v);
        if (onCheck != null) {
          onCheck.checked(image, k.record, ev);
        }
        if (v.duplicate()) {
          found.add(new Found(k.doc, k.record, ev));
          return firstOnly;
        }
        return false;
      }
    }

    /**
     * Whether a geometric level may run on the pair at all: never for two frames of one camera (a
     * fixed camera does not move: its alignment is the identity).
     */
    private boolean alignable(ImageRecord image, KeptImages.Entry k) {
      return !(image.isCameraFrame()
          && k.record.isCameraFrame()
          && image.camera().equals(k.record.camera()));
    }

    /** The probe's block signature, or null (no pruning: every pair is checked) when it throws. */
    private BlockSignature signature(Prepared p) {
      try {
        return p.signature();
      } catch (RuntimeException e) {
        return null;
      }
    }

    private boolean allowed(ImageRecord image, ImageRecord k) {
      if (!scope.allows(image.path(), k.path())) {
        return false;
      }
      if (options.sameCamera() && !Objects.equals(image.camera(), k.camera())) {
        return false;
      }
      return !decisions.isNotDuplicate(image.path(), k.path());
    }

    private Via via(Float cosine) {
      if (cosine != null) {
        return Via.EMBEDDING;
      }
      return phashGate ? Via.PHASH : Via.SCAN;
    }

    /**
     * At most {@code bytes} of prepared images, weighed by {@link Prepared#heapBytes()}; evictions
     * run on the calling thread (a session is single-threaded, and no pool thread is started for
     * it).
     */
    private static Cache<Integer, Prepared> preparedCache(long bytes) {
      return Caffeine.newBuilder()
          .maximumWeight(bytes)
          .weigher((Integer doc, Prepared p) -> (int) Math.min(Integer.MAX_VALUE, p.heapBytes()))
          .executor(Runnable::run)
          .build();
    }
  }

  /** Receives every verified pair (the report lists them). */
  @FunctionalInterface
  public interface PairLog {
    void checked(ImageRecord image, ImageRecord against, Evidence evidence);
  }

  static int hamming(ImageRecord a, ImageRecord b) {
    return PerceptualHash.hamming(a.phash(), b.phash());
  }
}
