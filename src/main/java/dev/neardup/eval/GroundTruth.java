package dev.neardup.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which files are the same image: each file named by its path relative to the evaluated folder
 * (with {@code /} separators) and mapped to a group label.
 *
 * <p>Two formats are read, chosen by the file's extension:
 *
 * <ul>
 *   <li>CSV ({@code .csv} and anything that is not {@code .json}): one {@code file,group} line per
 *       image, an optional {@code file,group} header, blank lines ignored. The group is everything
 *       after the <em>last</em> comma, so a file name may contain commas.
 *   <li>JSON: a list of groups, each a list of file names ({@code [["a.jpg","b.jpg"],["c.jpg"]]}),
 *       or an object whose {@code "groups"} member is such a list. Groups are labelled by their
 *       1-based position.
 * </ul>
 *
 * <p>A file listed twice is an error, naming both places: a file cannot be in two groups.
 */
public final class GroundTruth {
  private final Map<String, String> groupOf;

  private GroundTruth(Map<String, String> groupOf) {
    this.groupOf = Collections.unmodifiableMap(groupOf);
  }

  /**
   * Ground truth from a map of relative file name to group label.
   *
   * @throws IllegalArgumentException when a name or label is blank
   */
  public static GroundTruth of(Map<String, String> groupOf) {
    Map<String, String> copy = new LinkedHashMap<>();
    groupOf.forEach(
        (file, group) -> {
          if (file.isBlank() || group.isBlank()) {
            throw new IllegalArgumentException(
                "file and group must not be blank; got '" + file + "' -> '" + group + "'");
          }
          copy.put(normalize(file), group);
        });
    return new GroundTruth(copy);
  }

  /**
   * Reads a truth file, CSV or JSON by extension.
   *
   * @throws IllegalArgumentException when the content is malformed, naming the file and the line
   *     (CSV) or group and item (JSON)
   */
  public static GroundTruth read(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".json")) {
      return parseJson(Files.readString(file), file.toString());
    }
    return parseCsv(Files.readAllLines(file), file.toString());
  }

  /**
   * Parses {@code file,group} lines.
   *
   * @param source names the input in error messages
   * @throws IllegalArgumentException naming the source and the 1-based line
   */
  public static GroundTruth parseCsv(List<String> lines, String source) {
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i).strip();
      if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
        line = line.substring(1);
      }
      if (line.isEmpty() || (lineNo == 1 && line.equalsIgnoreCase("file,group"))) {
        continue;
      }
      int comma = line.lastIndexOf(',');
      String file = comma < 0 ? "" : normalize(line.substring(0, comma).strip());
      String group = comma < 0 ? "" : line.substring(comma + 1).strip();
      if (file.isEmpty() || group.isEmpty()) {
        throw new IllegalArgumentException(
            source + " line " + lineNo + ": expected 'file,group'; got '" + line + "'");
      }
      Integer before = lineOf.putIfAbsent(file, lineNo);
      if (before != null) {
        throw new IllegalArgumentException(
            source + " line " + lineNo + ": " + file + " is already listed on line " + before);
      }
      out.put(file, group);
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(source + ": no 'file,group' lines");
    }
    return new GroundTruth(out);
  }

  /**
   * Parses a JSON list of groups.
   *
   * @param source names the input in error messages
   * @throws IllegalArgumentException naming the source, the 1-based group and item
   */
  public static GroundTruth parseJson(String text, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode groups = root != null && root.isObject() ? root.get("groups") : root;
    if (groups == null || !groups.isArray()) {
      throw new IllegalArgumentException(
          source
              + ": expected a list of groups ([[\"a.jpg\", \"b.jpg\"], ...]) or {\"groups\": ...}");
    }
    Map<String, String> out = new LinkedHashMap<>();
    Map<String, String> where = new HashMap<>();
    for (int g = 0; g < groups.size(); g++) {
      JsonNode group = groups.get(g);
      if (!group.isArray()) {
        throw new IllegalArgumentException(
            source + " group " + (g + 1) + ": expected a list of file names; got " + group);
      }
      for (int i = 0; i < group.size(); i++) {
        String at = "group " + (g + 1) + ", item " + (i + 1);
        JsonNode item = group.get(i);
        if (!item.isTextual() || item.asText().isBlank()) {
          throw new IllegalArgumentException(
              source + " " + at + ": expected a file name; got " + item);
        }
        String file = normalize(item.asText().strip());
        String before = where.putIfAbsent(file, at);
        if (before != null) {
          throw new IllegalArgumentException(
              source + " " + at + ": " + file + " is already listed in " + before);
        }
        out.put(file, Integer.toString(g + 1));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(source + ": no files in any group");
    }
    return new GroundTruth(out);
  }

  /** The group of {@code file} (relative, {@code /}-separated), or null when it is not listed. */
  public String groupOf(String file) {
    return groupOf.get(normalize(file));
  }

  /** Every listed file, in the order read. */
  public Set<String> files() {
    return groupOf.keySet();
  }

  /** Number of distinct groups. */
  public int groupCount() {
    return new HashSet<>(groupOf.values()).size();
  }

  /**
   * Labels every image path: listed images get their group, unlisted ones a group of their own
   * (they are taken to be distinct from every other image).
   *
   * @param root the folder the truth file's names are relative to
   * @param imagePaths absolute paths of the evaluated images
   * @return absolute path to label, in the order of {@code imagePaths}
   */
  public Map<String, String> label(Path root, List<String> imagePaths) {
    Objects.requireNonNull(root, "root");
    Path base = root.toAbsolutePath().normalize();
    Map<String, String> out = new LinkedHashMap<>();
    for (String path : imagePaths) {
      String rel = base.relativize(Path.of(path)).toString();
      String group = groupOf(rel);
      out.put(path, group != null ? "truth:" + group : "alone:" + path);
    }
    return out;
  }

  private static String normalize(String file) {
    String f = file.replace('\\', '/');
    while (f.startsWith("./")) {
      f = f.substring(2);
    }
    return f;
  }
}
