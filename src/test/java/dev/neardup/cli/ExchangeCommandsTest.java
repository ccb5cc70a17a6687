package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, import and merge-index round trips on real images with the project's TorchScript model:
 * the same groups come out of the merged index as out of the indexes that made it, nothing is
 * re-embedded, and a model mismatch is refused.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  String model;
  Path photos;
  Path frames;
  Path idx1;
  Path idx2;
  Set<String> groups1;
  Set<String> groups2;

  CliRun cli(String... args) throws IOException {
    return CliRun.run(tmp, args);
  }

  JsonNode dedup(Path index, boolean withModel, Path... folders) throws IOException {
    Path report = Files.createTempFile(tmp, "report", ".json");
    List<String> args = new ArrayList<>(List.of("dedup"));
    for (Path f : folders) {
      args.add(f.toString());
    }
    args.addAll(List.of("--index", index.toString(), "--report", report.toString()));
    if (withModel) {
      args.addAll(List.of("--model", model, "--allow-random-weights"));
    }
    CliRun r = cli(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    return JSON.readTree(report.toFile());
  }

  /** Each group as "kept <- member, member", with {@code from} replaced by {@code to}. */
  static Set<String> groups(JsonNode rep, String from, String to) {
    Set<String> out = new TreeSet<>();
    for (JsonNode g : rep.get("groups")) {
      Set<String> members = new TreeSet<>();
      g.get("members").forEach(m -> members.add(m.get("path").asText().replace(from, to)));
      out.add(g.get("kept").asText().replace(from, to) + " <- " + members);
    }
    return out;
  }

  @BeforeAll
  void indexTwoMachines() throws IOException {
    model = TestData.testModel().toString();
    photos = tmp.resolve("m1/photos");
    TestData.copy(photos, "stills/apple.jpg", "stills/baboon.jpg", "stills/fruits.jpg");
    Files.copy(
        photos.resolve("apple.jpg"),
        photos.resolve("apple-copy.jpg"),
        StandardCopyOption.COPY_ATTRIBUTES);
    frames = tmp.resolve("m2/frames");
    TestData.copy(
        frames,
        "cctv/pets2001/in000100.jpg",
        "cctv/pets2001/in000101.jpg",
        "cctv/pets2001/in000102.jpg",
        "ukbench/ukbench00000.jpg");
    idx1 = tmp.resolve("idx1");
    idx2 = tmp.resolve("idx2");
    groups1 = groups(dedup(idx1, true, photos), "", "");
    groups2 = groups(dedup(idx2, true, frames), "", "");
    assertFalse(groups1.isEmpty(), "the exact copy makes a group");
    assertFalse(groups2.isEmpty(), "consecutive camera frames make a group");
  }

  Set<String> union() {
    Set<String> all = new TreeSet<>(groups1);
    all.addAll(groups2);
    return all;
  }

  @Test
  void exports_imported_into_one_index_give_the_same_groups_without_re_embedding()
      throws IOException {
    Path e1 = tmp.resolve("e1.npz");
    Path e2 = tmp.resolve("e2.npz");
    assertEquals(0, cli("export", "--index", idx1.toString(), "--out", e1.toString()).exit());
    assertEquals(0, cli("export", "--index", idx2.toString(), "--out", e2.toString()).exit());
    try (ZipFile z = new ZipFile(e1.toFile())) {
      assertTrue(z.getEntry("vectors.npy") != null && z.getEntry("records.jsonl") != null);
    }
    Path merged = tmp.resolve("imported");
    CliRun imp = cli("import", e1.toString(), e2.toString(), "--index", merged.toString());
    assertEquals(0, imp.exit(), imp.err());
    assertTrue(imp.out().contains("8 records imported"), imp.out());

    JsonNode rep = dedup(merged, true, photos, frames);
    assertEquals(0, rep.at("/totals/indexed_now").asInt(), "nothing re-read: " + rep.at("/totals"));
    assertEquals(8, rep.at("/totals/unchanged").asInt());
    assertEquals(union(), groups(rep, "", ""));
  }

  @Test
  void merge_index_gives_the_same_groups() throws IOException {
    Path merged = tmp.resolve("merged");
    CliRun m = cli("merge-index", idx1.toString(), idx2.toString(), "--into", merged.toString());
    assertEquals(0, m.exit(), m.err());
    assertTrue(m.out().contains("8 documents"), m.out());
    JsonNode rep = dedup(merged, true, photos, frames);
    assertEquals(0, rep.at("/totals/indexed_now").asInt(), rep.at("/totals").toString());
    assertEquals(union(), groups(rep, "", ""));
  }

  @Test
  void an_import_with_a_map_finds_the_images_where_they_moved() throws IOException {
    Path moved = tmp.resolve("elsewhere/photos");
    Files.createDirectories(moved);
    try (var s = Files.list(photos)) {
      for (Path p : s.toList()) {
        Files.copy(p, moved.resolve(p.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
    Path e1 = tmp.resolve("e1-map.npz");
    assertEquals(0, cli("export", "--index", idx1.toString(), "--out", e1.toString()).exit());
    Path mapped = tmp.resolve("mapped");
    CliRun imp =
        cli("import", e1.toString(), "--index", mapped.toString(), "--map", photos + "=" + moved);
    assertEquals(0, imp.exit(), imp.err());
    JsonNode rep = dedup(mapped, true, moved);
    assertEquals(0, rep.at("/totals/indexed_now").asInt(), rep.at("/totals").toString());
    assertEquals(
        groups(rep, "", ""),
        groups1.stream()
            .map(g -> g.replace(photos.toString(), moved.toString()))
            .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  @Test
  void a_model_mismatch_is_refused_by_import_and_merge_index() throws IOException {
    Path plain = tmp.resolve("no-model-idx");
    dedup(plain, false, photos);
    Path e0 = tmp.resolve("e0.npz");
    Path e1 = tmp.resolve("e1-mismatch.npz");
    assertEquals(0, cli("export", "--index", plain.toString(), "--out", e0.toString()).exit());
    assertEquals(0, cli("export", "--index", idx1.toString(), "--out", e1.toString()).exit());

    CliRun both =
        cli("import", e0.toString(), e1.toString(), "--index", tmp.resolve("x").toString());
    assertEquals(1, both.exit(), both.out());
    assertTrue(both.err().contains("different settings"), both.err());
    assertFalse(Files.exists(tmp.resolve("x")), "refused before anything was written");

    CliRun into = cli("import", e0.toString(), "--index", idx1.toString());
    assertEquals(1, into.exit());
    assertTrue(into.err().contains("vectors of different models"), into.err());

    CliRun merge =
        cli(
            "merge-index",
            plain.toString(),
            idx1.toString(),
            "--into",
            tmp.resolve("y").toString());
    assertEquals(1, merge.exit());
    assertTrue(merge.err().contains("different settings"), merge.err());
  }

  @Test
  void merge_index_refuses_a_path_held_by_two_indexes() throws IOException {
    CliRun r =
        cli("merge-index", idx1.toString(), idx1.toString(), "--into", tmp.resolve("z").toString());
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("is in both"), r.err());
  }
}
