package dev.neardup.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers shared by the commands. */
final class Cli {
  private Cli() {}

  /** Parses {@code value} (any case) as a constant of {@code type}, naming the option if wrong. */
  static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String value) {
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      String allowed =
          Arrays.stream(type.getEnumConstants())
              .map(c -> c.name().toLowerCase(Locale.ROOT))
              .collect(Collectors.joining(", "));
      throw new IllegalArgumentException(
          option + " must be one of " + allowed + "; got '" + value + "'", e);
    }
  }

  /**
   * Parses a duration such as {@code 1h}, {@code 90s}, {@code 2d}, {@code 500ms} or {@code 0} into
   * milliseconds, naming the option if wrong.
   */
  static long parseDuration(String option, String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    if (v.equals("0")) {
      return 0;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(v);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          option
              + " must be a number with a unit ms, s, m, h or d (e.g. 1h), or 0; got '"
              + value
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    long unit =
        switch (m.group(2)) {
          case "ms" -> 1L;
          case "s" -> 1_000L;
          case "m" -> 60_000L;
          case "h" -> 3_600_000L;
          default -> 86_400_000L;
        };
    return Math.multiplyExact(n, unit);
  }
}
