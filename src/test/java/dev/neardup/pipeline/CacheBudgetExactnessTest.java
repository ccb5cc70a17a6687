package dev.neardup.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.TestData;
import dev.neardup.config.CacheBudget;
import dev.neardup.group.CandidateFinder;
import dev.neardup.group.Evidence;
import dev.neardup.group.Group;
import dev.neardup.group.Grouping;
import dev.neardup.group.PairCheck;
import dev.neardup.index.IndexSnapshot;
import dev.neardup.index.IndexedImage;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import dev.neardup.verify.align.Transform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cache budget ({@code --cache-mb}) only decides what is prepared again: a whole real folder
 * grouped with a budget smaller than the command line accepts (half a MiB, under which the
 * prepared-image cache holds no camera frame at all and evicts on every miss) gives exactly the
 * groups, kept images, evidence, verified pairs and search statistics of the default budget, with
 * the default {@code --verify aligned} and with the classic pixel check alone.
 */
class CacheBudgetExactnessTest {
  /** Half a MiB: its prepared share (384 KiB) holds no vtest frame (768×576, 442 KiB prepared). */
  static final CacheBudget TINY = new CacheBudget(512L << 10);

  @TempDir Path tmp;

  /**
   * Each folder with each verifier at the default fraction, and the camera folder at a stricter one
   * too: there 21 of its 100 frames are kept and about 5 checked per probe, each kept frame
   * prepared again under the tiny budget (at the default fraction all frames join the first).
   */
  static Stream<Arguments> folders() {
    double fraction = PixelDiffParams.defaults().fraction();
    return Stream.of(VerifyMode.ALIGNED, VerifyMode.PIXEL)
        .flatMap(
            v ->
                Stream.of(
                    Arguments.of(TestData.shared("cctv/vtest"), v, fraction),
                    Arguments.of(TestData.shared("cctv/vtest"), v, 0.03),
                    Arguments.of(Path.of("examples", "photos"), v, fraction)));
  }

  @ParameterizedTest(name = "{0} --verify {1} --fraction {2}")
  @MethodSource("folders")
  void a_tiny_cache_budget_gives_the_answer_of_the_default_one(
      Path folder, VerifyMode verify, double fraction) throws IOException {
    Path index = tmp.resolve("index");
    EngineConfig config =
        EngineConfig.defaults().toBuilder()
            .indexDir(index)
            .noModel()
            .grouping(EngineConfig.defaults().grouping().toBuilder().verify(verify).build())
            .pixelDiff(PixelDiffParams.defaults().withFraction(fraction))
            .build();
    assertEquals(CacheBudget.defaults(), config.cacheBudget());
    List<String> atDefault = dedup(config, folder);
    List<String> atTiny = dedup(config.toBuilder().cacheBytes(TINY.bytes()).build(), folder);
    assertTrue(
        atDefault.stream().anyMatch(l -> l.startsWith("group ")), "no group: " + atDefault.get(0));
    assertTrue(
        atDefault.stream().anyMatch(l -> l.startsWith("pair ")), "no check: " + atDefault.get(0));
    assertEquals(String.join("\n", atDefault), String.join("\n", atTiny));
  }

  /** Runs {@code dedup} on {@code folder} and describes everything its answer holds. */
  private static List<String> dedup(EngineConfig config, Path folder) throws IOException {
    try (Engine engine = Engine.open(config)) {
      CandidateFinder finder = engine.deduplicator().grouper().finder();
      assertEquals(config.cacheBudget(), finder.cacheBudget());
      Grouping g =
          engine.deduplicator().dedup(List.of(folder), List.of(), Progress.NONE).grouping();
      List<String> lines = new ArrayList<>();
      lines.add("images " + g.images() + " kept " + g.kept() + " stats " + g.stats());
      lines.add("failures " + g.failures());
      Set<String> removed = new HashSet<>();
      for (Group group : g.groups()) {
        lines.add("group " + group.kept().path() + " because " + group.keptBecause());
        for (Group.Member m : group.members()) {
          removed.add(m.image().path());
          lines.add("  member " + m.image().path() + " " + describe(m.evidence()));
        }
      }
      try (IndexSnapshot s = engine.index().snapshot()) {
        for (IndexedImage i : s.images(p -> true)) {
          if (!removed.contains(i.record().path())) {
            lines.add("kept " + i.record().path());
          }
        }
        if (config.cacheBudget().equals(TINY) && folder.endsWith("vtest")) {
          long weight = finder.open(s).prepared(0).heapBytes();
          assertTrue(
              weight > TINY.preparedBytes(),
              "a frame (" + weight + " bytes) must not fit the tiny budget: every use evicts");
        }
      }
      for (PairCheck p : g.pairs()) {
        lines.add("pair " + p.image() + " ~ " + p.against() + " " + describe(p.evidence()));
      }
      return lines;
    }
  }

  /** Every field of {@code e}, the transform's matrix by value. */
  private static String describe(Evidence e) {
    Transform t = e.verdict().transform();
    String transform = t == null ? "none" : Arrays.toString(t.matrix()) + " " + t;
    return e.via()
        + " cos="
        + e.cosine()
        + " ham="
        + e.hamming()
        + " dup="
        + e.verdict().duplicate()
        + " level="
        + e.verdict().level()
        + " diff="
        + e.verdict().diff()
        + " note="
        + e.verdict().note()
        + " inliers="
        + e.verdict().inliers()
        + " transform="
        + transform.replaceAll("\\[D@[0-9a-f]+", "matrix");
  }
}
