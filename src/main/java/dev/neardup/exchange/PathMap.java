package dev.neardup.exchange;

import java.util.ArrayList;
import java.util.List;

/**
 * Prefix re-mapping of absolute paths ({@code --map /old=/new}), for an index or export made on
 * another machine or before the images moved. The first matching prefix wins; a prefix matches
 * whole path components only ({@code /data} maps {@code /data/a.jpg}, not {@code /database/a.jpg}).
 */
public final class PathMap {
  /** No re-mapping. */
  public static final PathMap NONE = new PathMap(List.of());

  private record Rule(String from, String to) {}

  private final List<Rule> rules;

  private PathMap(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Parses {@code OLD=NEW} specs.
   *
   * @throws IllegalArgumentException when a spec has no {@code =} or a side is not absolute
   */
  public static PathMap parse(List<String> specs) {
    List<Rule> rules = new ArrayList<>();
    for (String spec : specs == null ? List.<String>of() : specs) {
      int eq = spec.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "--map must be OLD=NEW (two absolute folders); got '" + spec + "'");
      }
      String from = trim(spec.substring(0, eq));
      String to = trim(spec.substring(eq + 1));
      if (!from.startsWith("/") || !to.startsWith("/")) {
        throw new IllegalArgumentException(
            "--map needs absolute folders on both sides; got '" + spec + "'");
      }
      rules.add(new Rule(from, to));
    }
    return new PathMap(rules);
  }

  private static String trim(String p) {
    String s = p.strip();
    while (s.length() > 1 && s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }

  /** {@code path} with its first matching prefix replaced, or unchanged. */
  public String apply(String path) {
    for (Rule r : rules) {
      if (r.from().equals("/")) {
        return r.to() + (r.to().endsWith("/") ? path.substring(1) : path);
      }
      if (path.equals(r.from()) || path.startsWith(r.from() + "/")) {
        return r.to() + path.substring(r.from().length());
      }
    }
    return path;
  }

  /** True when no rule is set. */
  public boolean isEmpty() {
    return rules.isEmpty();
  }
}
