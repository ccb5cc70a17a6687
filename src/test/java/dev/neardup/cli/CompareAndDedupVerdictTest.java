package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.verify.VerdictPairs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each pair of the verdict table ({@link VerdictPairs}) gets the right answer from {@code compare}
 * (both orders) and from {@code dedup} of a folder that holds the two files: one chain, one answer.
 */
class CompareAndDedupVerdictTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @Test
  void compare_and_dedup_of_two_files_agree_with_the_verdict_table() throws IOException {
    List<String> wrong = new ArrayList<>();
    int i = 0;
    for (VerdictPairs.Pair p : VerdictPairs.all()) {
      boolean scene = p.name().contains("tiling");
      String level = scene ? "scene" : "aligned";
      boolean want = scene ? p.sceneDuplicate() : p.duplicate();
      Path dir = tmp.resolve("pair" + i++);
      Path[] files = VerdictPairs.write(p, dir.resolve("images"));
      for (int order = 0; order < 2; order++) {
        CliRun r =
            CliRun.run(
                dir,
                "compare",
                files[order].toString(),
                files[1 - order].toString(),
                "--verify",
                level);
        if (r.exit() != 0) {
          wrong.add(p.name() + ": compare exit " + r.exit() + " " + r.err());
          continue;
        }
        JsonNode j = JSON.readTree(r.out());
        if (j.get("duplicate").asBoolean() != want) {
          wrong.add(p.name() + ": compare " + (order == 1 ? "(B, A) " : "") + j);
        } else if (want != j.hasNonNull("duplicate_at")) {
          wrong.add(p.name() + ": duplicate_at " + j.get("duplicate_at"));
        }
      }
      Path report = dir.resolve("report.json");
      CliRun d =
          CliRun.run(
              dir,
              "dedup",
              dir.resolve("images").toString(),
              "--index",
              dir.resolve("idx").toString(),
              "--report",
              report.toString(),
              "--verify",
              level);
      if (d.exit() != 0) {
        wrong.add(p.name() + ": dedup exit " + d.exit() + " " + d.err());
        continue;
      }
      JsonNode rep = JSON.readTree(report.toFile());
      int members = 0;
      for (JsonNode g : rep.get("groups")) {
        members += g.get("members").size();
      }
      if ((members > 0) != want) {
        wrong.add(p.name() + ": dedup groups " + rep.get("groups"));
      }
    }
    assertEquals(List.of(), wrong);
  }
}
