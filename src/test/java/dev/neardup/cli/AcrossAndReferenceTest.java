package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import dev.neardup.decode.OpenCv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A new batch against a set: {@code --across} compares only images of different folders, and {@code
 * --reference} keeps the set's images whatever the keeper policy says.
 */
class AcrossAndReferenceTest {
  @TempDir Path tmp;

  @Test
  void a_batch_is_deduplicated_against_a_reference_set_and_the_set_is_never_moved()
      throws Exception {
    OpenCv.load();
    Path set = Files.createDirectories(tmp.resolve("set"));
    Path batch = Files.createDirectories(tmp.resolve("batch"));
    for (int i = 0; i < 8; i++) {
      String n = String.format("ukbench%05d.jpg", i);
      Files.copy(TestData.shared("ukbench/" + n), set.resolve(n));
    }
    // A duplicate inside the set, and one inside the batch: not the question with --across.
    Files.copy(TestData.shared("ukbench/ukbench00000.jpg"), set.resolve("again-00000.jpg"));
    Files.copy(TestData.shared("ukbench/ukbench00100.jpg"), batch.resolve("new-a.jpg"));
    Files.copy(TestData.shared("ukbench/ukbench00100.jpg"), batch.resolve("new-a-copy.jpg"));
    Files.copy(TestData.shared("ukbench/ukbench00104.jpg"), batch.resolve("new-b.jpg"));
    // Copies of set images: a re-encode, and an enlarged one (more pixels: the keeper policy
    // alone would keep it instead of the set's image).
    Mat m = Imgcodecs.imread(set.resolve("ukbench00001.jpg").toString());
    Imgcodecs.imwrite(
        batch.resolve("q80-00001.jpg").toString(),
        m,
        new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 80));
    Mat big = new Mat();
    Mat m2 = Imgcodecs.imread(set.resolve("ukbench00002.jpg").toString());
    Imgproc.resize(m2, big, new Size(960, 720), 0, 0, Imgproc.INTER_CUBIC);
    Imgcodecs.imwrite(batch.resolve("big-00002.png").toString(), big);
    m.release();
    m2.release();
    big.release();

    Path report = tmp.resolve("report.json");
    Path moved = tmp.resolve("moved");
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            batch.toString(),
            "--reference",
            set.toString(),
            "--across",
            "--index",
            tmp.resolve("idx").toString(),
            "--move-to",
            moved.toString(),
            "--report",
            report.toString());
    assertEquals(0, r.exit(), r.err());
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    Map<String, TreeSet<String>> groups = new TreeMap<>();
    for (JsonNode g : json.get("groups")) {
      TreeSet<String> members = new TreeSet<>();
      g.get("members")
          .forEach(x -> members.add(Path.of(x.get("path").asText()).getFileName().toString()));
      groups.put(Path.of(g.get("kept").asText()).getFileName().toString(), members);
      assertTrue(g.get("kept").asText().startsWith(set.toAbsolutePath().toString()), g.toString());
    }
    assertEquals(
        Map.of(
            "ukbench00001.jpg", new TreeSet<>(java.util.List.of("q80-00001.jpg")),
            "ukbench00002.jpg", new TreeSet<>(java.util.List.of("big-00002.png"))),
        groups);
    assertTrue(json.get("scope").asText().contains("--across"), json.get("scope").asText());
    assertTrue(r.out().contains("scope: only pairs from different folders"), r.out());
    // The set is untouched; only the two batch copies moved.
    try (Stream<Path> s = Files.list(set)) {
      assertEquals(9, s.count());
    }
    try (Stream<Path> s = Files.walk(moved)) {
      TreeSet<String> names = new TreeSet<>();
      s.filter(p -> p.toString().matches(".*\\.(jpg|png)"))
          .forEach(p -> names.add(p.getFileName().toString()));
      assertEquals(new TreeSet<>(java.util.List.of("big-00002.png", "q80-00001.jpg")), names);
    }
  }
}
