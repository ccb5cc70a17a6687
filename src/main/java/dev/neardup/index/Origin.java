package dev.neardup.index;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who sent an image and when it arrived: stored beside the image's document, apart from its {@link
 * ImageRecord} (the record describes the file, the origin describes the submission). Crowd-sourced
 * collections pay per accepted image, so a duplicate answer names the source and arrival time of
 * the image it matched.
 *
 * @param source the submitter's id, or null when the image came without one
 * @param tags free labels sent with it, in the order given (never null)
 * @param arrivedMillis when it was accepted, epoch milliseconds, or {@link Long#MIN_VALUE} when
 *     unknown (documents written before origins were stored)
 */
public record Origin(String source, List<String> tags, long arrivedMillis) {
  /** The most characters a source id or a tag may have. */
  public static final int MAX_LENGTH = 128;

  /** The most tags one image may carry. */
  public static final int MAX_TAGS = 32;

  private static final Pattern SOURCE = Pattern.compile("[A-Za-z0-9._@:-]{1," + MAX_LENGTH + "}");

  /** What a source id may be, in words: the one sentence every refusal of a bad id uses. */
  public static final String SOURCE_RULE = "1-" + MAX_LENGTH + " letters, digits and . _ @ : -";

  /** No source, no tags, arrival unknown. */
  public static final Origin UNKNOWN = new Origin(null, List.of(), Long.MIN_VALUE);

  /**
   * @throws IllegalArgumentException naming the bad value when the source is not a well-formed id
   *     or a tag is blank, too long or holds control characters
   */
  public Origin {
    if (source != null) {
      requireSource(source);
    }
    tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
    if (tags.size() > MAX_TAGS) {
      throw new IllegalArgumentException(
          "at most " + MAX_TAGS + " tags per image; got " + tags.size());
    }
    for (String t : tags) {
      if (t.isBlank() || t.length() > MAX_LENGTH || t.chars().anyMatch(Character::isISOControl)) {
        throw new IllegalArgumentException(
            "a tag must be 1-"
                + MAX_LENGTH
                + " printable characters, not blank; got \""
                + t
                + "\"");
      }
    }
  }

  /** True when {@code id} may name a source: 1-128 letters, digits and {@code . _ @ : -}. */
  public static boolean isWellFormedSource(String id) {
    return id != null && SOURCE.matcher(id).matches();
  }

  /**
   * Returns {@code id} when it may name a source.
   *
   * @throws IllegalArgumentException naming the bad value (null included) when it may not
   */
  public static String requireSource(String id) {
    if (!isWellFormedSource(id)) {
      throw new IllegalArgumentException("source must be " + SOURCE_RULE + "; got \"" + id + "\"");
    }
    return id;
  }

  /** True when the arrival time is known. */
  public boolean hasArrival() {
    return arrivedMillis != Long.MIN_VALUE;
  }
}
