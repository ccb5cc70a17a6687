package dev.neardup.pipeline;

import dev.neardup.TestData;
import dev.neardup.group.Group;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The groups {@code dedup} (no model: pHash candidates, pixel-diff verification) finds on every
 * image of {@code cctv/vtest} and {@code ukbench}, as text that does not depend on where the shared
 * folder lies: one line per group, the kept image then its members, paths relative to {@code
 * ../shared/data}. The embedded index's answer is checked in as {@value #RESOURCE}; the SolrCloud
 * module asserts that a collection gives the same.
 */
public final class SharedFolderGroups {
  /** The embedded index's groups, beside this class on the test class path. */
  public static final String RESOURCE = "shared-folder-groups.txt";

  /** Set to a file to rewrite the checked-in groups from the embedded index. */
  public static final String WRITE_PROPERTY = "neardup.writeSharedFolderGroups";

  private SharedFolderGroups() {}

  /** The folders grouped. */
  public static List<Path> roots() {
    return List.of(TestData.shared("cctv/vtest"), TestData.shared("ukbench"));
  }

  /** Runs {@code dedup} on {@link #roots} with {@code engine} and describes its groups. */
  public static List<String> dedup(Engine engine) throws IOException {
    return describe(engine.deduplicator().dedup(roots(), List.of(), Progress.NONE));
  }

  /** A run's groups as {@link #dedup} describes them (e.g. the two-phase dedup's). */
  public static List<String> describe(DedupRun run) {
    Path base = TestData.shared().toAbsolutePath().normalize();
    List<String> lines = new ArrayList<>();
    lines.add("images " + run.grouping().images() + " kept " + run.grouping().kept());
    for (Group g : run.grouping().groups()) {
      StringBuilder line = new StringBuilder(rel(base, g.kept().path()));
      List<String> members = new ArrayList<>();
      for (Group.Member m : g.members()) {
        members.add(rel(base, m.image().path()));
      }
      members.sort(null);
      for (String m : members) {
        line.append(' ').append(m);
      }
      lines.add(line.toString());
    }
    lines.subList(1, lines.size()).sort(null);
    return lines;
  }

  /** The checked-in groups of the embedded index. */
  public static List<String> expected() throws IOException {
    try (InputStream in = SharedFolderGroups.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is not on the test class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }

  static void write(Path file, List<String> lines) throws IOException {
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String rel(Path base, String path) {
    return base.relativize(Path.of(path)).toString();
  }
}
