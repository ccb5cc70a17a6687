package dev.neardup.review;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.neardup.image.Box;
import dev.neardup.report.EvidenceView;
import java.util.List;

/** What the review page shows, as JSON-ready records (snake_case through Jackson). */
public final class ReviewViews {
  private ReviewViews() {}

  /** Sort orders of the group list. */
  public enum Sort {
    /** Most duplicates first (then by id). */
    SIZE,
    /** Largest changed fraction first: the least certain groups first (then by id). */
    SCORE,
    /** Group id order (the order grouping visited them). */
    ID;

    /**
     * Parses {@code size}, {@code score} or {@code id}, any case.
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Sort parse(String s) {
      for (Sort v : values()) {
        if (v.name().equalsIgnoreCase(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException("sort must be size, score or id; got " + s);
    }
  }

  /**
   * Counts over all groups.
   *
   * @param sources every source that sent an image under review, sorted (for the page's filter)
   */
  public record Summary(
      int images,
      int groups,
      int openGroups,
      int toRemove,
      int notDuplicateDecisions,
      int pinnedKeepers,
      String defaultMoveTo,
      List<String> sources) {}

  /**
   * One page of the group list.
   *
   * @param source the source the list is filtered by, or null for every group
   */
  public record Page(
      int page,
      int size,
      int pages,
      int total,
      String sort,
      String source,
      List<GroupSummary> groups) {}

  /**
   * A line of the group list.
   *
   * @param status {@code open}, or {@code not_duplicate} when a person marked every member
   * @param maxChangedFraction the largest changed fraction among the members (null without checks)
   */
  public record GroupSummary(
      int id,
      String kept,
      String keptName,
      int members,
      int toRemove,
      Double maxChangedFraction,
      Float minCosine,
      String status) {}

  /** An image as the page shows it. */
  public record ImageView(String path, String name, int width, int height, long fileSize) {}

  /**
   * A group opened for review.
   *
   * @param members each with its evidence against the kept image
   */
  public record GroupView(
      int id,
      ImageView kept,
      String keptBecause,
      String status,
      int toRemove,
      List<MemberView> members) {}

  /**
   * A duplicate with its evidence and the person's decision.
   *
   * @param regions changed regions in the scored resolution {@code scoredWidth x scoredHeight}
   * @param notDuplicate a person said it is not a duplicate of the kept image: it will not move
   * @param match how it matched: {@code identity}, {@code exact}, or the registration ({@code
   *     mirrored}, {@code rotated 90}, ...), shown as a label on the card
   */
  @JsonPropertyOrder({
    "image",
    "via",
    "cosine",
    "hamming",
    "score",
    "changedFraction",
    "regions",
    "scoredWidth",
    "scoredHeight",
    "notDuplicate",
    "match"
  })
  public record MemberView(
      ImageView image, @JsonIgnore EvidenceView evidence, boolean notDuplicate) {
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

    /** The changed regions; empty when no pixel check ran. */
    @JsonProperty
    public List<Box> regions() {
      return evidence.regions() == null ? List.of() : evidence.regions();
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
   * What {@link ReviewService#apply} did.
   *
   * @param manifest undo with {@code neardup undo MANIFEST}
   */
  public record Applied(int moved, List<String> skipped, String manifest, String undo) {}
}
