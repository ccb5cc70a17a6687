package dev.neardup.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.neardup.act.SidecarConflict;
import dev.neardup.group.FailedCheck;
import dev.neardup.group.SearchStats;
import dev.neardup.image.Box;
import dev.neardup.index.FailedFile;
import java.util.List;

/**
 * The JSON report of one {@code dedup} run (written with Jackson, snake_case keys). Every group
 * member can be traced to a pair in {@link #pairs}; which other checked pairs are listed is the
 * run's {@link PairSelection}, and {@link #pairsLeftOut} counts the ones that are not.
 *
 * @param sidecarConflicts duplicates whose label files disagree with their keeper's: for a training
 *     set the most important finding (empty with {@code --no-sidecars})
 * @param failedChecks checks that failed unexpectedly and were contained: each pair not judged
 *     (counted as not a duplicate) with both files and the reason, and each image that could not be
 *     prepared ({@code against} absent); empty when every check ran
 */
public record DedupReport(
    String tool,
    String timestamp,
    List<String> folders,
    String index,
    ModelSection model,
    Settings settings,
    Totals totals,
    List<FailedFile> unreadable,
    List<GroupEntry> groups,
    List<PairEntry> pairs,
    PairsLeftOut pairsLeftOut,
    ActionSection action,
    SearchStats search,
    String scope,
    List<SidecarConflict> sidecarConflicts,
    List<FailedCheck> failedChecks) {

  /** A report without sidecar findings or failed checks. */
  public DedupReport(
      String tool,
      String timestamp,
      List<String> folders,
      String index,
      ModelSection model,
      Settings settings,
      Totals totals,
      List<FailedFile> unreadable,
      List<GroupEntry> groups,
      List<PairEntry> pairs,
      PairsLeftOut pairsLeftOut,
      ActionSection action,
      SearchStats search,
      String scope) {
    this(
        tool,
        timestamp,
        folders,
        index,
        model,
        settings,
        totals,
        unreadable,
        groups,
        pairs,
        pairsLeftOut,
        action,
        search,
        scope,
        List.of(),
        List.of());
  }

  /**
   * This report with {@code action} as its action section: the report is built once, before any
   * file moves (its pictures are made from the originals), and told what the action did after.
   */
  public DedupReport withAction(ActionSection action) {
    return new DedupReport(
        tool,
        timestamp,
        folders,
        index,
        model,
        settings,
        totals,
        unreadable,
        groups,
        pairs,
        pairsLeftOut,
        action,
        search,
        scope,
        sidecarConflicts,
        failedChecks);
  }

  /**
   * The checked pairs the report does not list ({@code --report-pairs notable}, the default).
   *
   * @param count how many
   * @param byLevel how many each verifier level rejected ({@code pruned}, {@code identity}, ...)
   * @param listedAre which pairs are listed instead
   */
  public record PairsLeftOut(int count, java.util.Map<String, Integer> byLevel, String listedAre) {}

  /** The settings that decided the verdicts. */
  public record Settings(
      double threshold,
      double fraction,
      String verify,
      List<Integer> blur,
      String mask,
      double minContourArea,
      int thumbnailMaxSide,
      int searchWidth,
      int maxHamming,
      boolean sameCamera,
      String keep) {}

  /** Counts a person reads first. */
  public record Totals(
      int images,
      int unreadable,
      int ignoredNonImages,
      int indexedNow,
      int unchanged,
      int removedFromIndex,
      int similarPairs,
      int duplicatePairs,
      int groups,
      int kept,
      int toRemove,
      double indexSeconds) {}

  /** A kept image and its duplicates. */
  public record GroupEntry(
      int id, String kept, int width, int height, String keptBecause, List<MemberEntry> members) {}

  /**
   * A duplicate with the evidence against its group's kept image.
   *
   * @param regions changed regions, in pixels of the scored resolution {@code scoredWidth x
   *     scoredHeight} (scale them by {@code width / scoredWidth} to draw them over a picture)
   * @param scoredWidth columns of the resolution the pixel-diff check scored, or null when it did
   *     not run
   * @param scoredHeight rows of that resolution, or null
   * @param match how it matched: {@code exact}, {@code identity}, or the registration that made it
   *     a duplicate ({@code mirrored}, {@code rotated 90}, {@code cropped 6 %}, ...)
   */
  @JsonPropertyOrder({
    "path",
    "via",
    "cosine",
    "hamming",
    "score",
    "changedFraction",
    "regions",
    "scoredWidth",
    "scoredHeight",
    "match"
  })
  public record MemberEntry(String path, @JsonIgnore EvidenceView evidence) {
    @JsonProperty
    public String via() {
      return evidence.via();
    }

    @JsonProperty
    public Float cosine() {
      return evidence.cosine();
    }

    @JsonProperty
    public int hamming() {
      return evidence.hamming();
    }

    @JsonProperty
    public Double score() {
      return evidence.score();
    }

    @JsonProperty
    public Double changedFraction() {
      return evidence.changedFraction();
    }

    @JsonProperty
    public List<Box> regions() {
      return evidence.regions();
    }

    @JsonProperty
    public Integer scoredWidth() {
      return evidence.scoredWidth();
    }

    @JsonProperty
    public Integer scoredHeight() {
      return evidence.scoredHeight();
    }

    @JsonProperty
    public String match() {
      return evidence.match();
    }
  }

  /**
   * One examined candidate pair, whatever the verdict.
   *
   * @param a the image being placed
   * @param b the kept image it was compared with
   * @param evidence how they compare ({@code score} and {@code changed_fraction} left out when the
   *     check did not score: the note says why)
   */
  @JsonPropertyOrder({
    "a",
    "b",
    "via",
    "cosine",
    "hamming",
    "score",
    "changedFraction",
    "duplicate",
    "level",
    "note"
  })
  public record PairEntry(String a, String b, @JsonIgnore EvidenceView evidence) {
    /** The verifier level that decided ({@code identity}, {@code pruned}, {@code aligned}, ...). */
    @JsonProperty
    public String level() {
      return evidence.level();
    }

    @JsonProperty
    public String via() {
      return evidence.via();
    }

    @JsonProperty
    public Float cosine() {
      return evidence.cosine();
    }

    @JsonProperty
    public int hamming() {
      return evidence.hamming();
    }

    @JsonProperty
    public Double score() {
      return evidence.finiteScore();
    }

    @JsonProperty
    public Double changedFraction() {
      return evidence.finiteChangedFraction();
    }

    @JsonProperty
    public boolean duplicate() {
      return evidence.duplicate();
    }

    @JsonProperty
    public String note() {
      return evidence.note();
    }
  }

  /**
   * What was done to the files.
   *
   * @param sidecars label files moved or deleted with their images
   */
  public record ActionSection(
      String mode,
      String destination,
      String manifest,
      int done,
      List<Skipped> skipped,
      int sidecars) {

    /** An action that moved no sidecars. */
    public ActionSection(
        String mode, String destination, String manifest, int done, List<Skipped> skipped) {
      this(mode, destination, manifest, done, skipped, 0);
    }
  }

  /** A file left alone, and why. */
  public record Skipped(String path, String reason) {}
}
