package dev.neardup.group;

import java.util.Objects;

/**
 * A check that failed unexpectedly and was contained: the pair (or the one image) was not judged,
 * and the run went on. Reports list each one with its files and reason.
 *
 * @param image the image being placed or queried
 * @param against the kept image it was to be compared with, or null when {@code image}'s own
 *     preparation failed (then no pair with it could be judged)
 * @param reason what failed, in words (the exception's class and message)
 */
public record FailedCheck(String image, String against, String reason) {
  public FailedCheck {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(reason, "reason");
  }

  /** True when this is one image's failed preparation rather than one pair's check. */
  public boolean isPreparation() {
    return against == null;
  }

  /** A reason for {@code e}: its simple class name and first message line, never a stack trace. */
  static String reason(String what, RuntimeException e) {
    String m = String.valueOf(e.getMessage()).strip();
    int nl = m.indexOf('\n');
    if (nl >= 0) {
      m = m.substring(0, nl).strip();
    }
    if (m.length() > 300) {
      m = m.substring(0, 300) + "...";
    }
    return what + " failed: " + e.getClass().getSimpleName() + ": " + m;
  }
}
