package dev.neardup.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.group.GroupingOptions;
import dev.neardup.group.KeeperPolicy;
import dev.neardup.http.ServiceConfig;
import dev.neardup.index.IndexLocation;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.verify.BorderMask;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.VerifyMode;
import dev.neardup.verify.align.AlignParams;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The config records start at the table ({@link Defaults}), their builders copy all but the field
 * set, and their validation names the bad value.
 */
class ConfigRecordsTest {
  @Test
  void engine_defaults_are_the_table() {
    EngineConfig c = EngineConfig.defaults();
    assertEquals(new IndexLocation.Embedded(Defaults.INDEX.asPath()), c.index());
    assertEquals(Optional.of(Defaults.MODEL.asPath()), c.model());
    assertEquals(false, c.modelRequired());
    assertEquals(Defaults.HNSW_M.asInt(), c.indexOptions().maxConn());
    assertEquals(Defaults.HNSW_BEAM.asInt(), c.indexOptions().beamWidth());
    assertEquals(Defaults.QUANTIZED.asBoolean(), c.indexOptions().quantized());
    assertEquals(GroupingOptions.defaults(), c.grouping());
    assertEquals(PixelDiffParams.defaults(), c.pixelDiff());
    assertEquals(Defaults.MAX_PIXELS.asLong(), c.maxPixels());
    assertEquals(Defaults.THUMBNAIL_SIZE.asInt(), c.thumbnailMaxSide());
    assertEquals(Defaults.BATCH_SIZE.asInt(), c.batchSize());
    assertEquals(Defaults.DECODE_THREADS.asInt(), c.decodeThreads());
    assertEquals(Defaults.INPUT_SIZE.asInt(), c.inputSize());
    assertEquals((long) Defaults.CACHE_MB.asInt() << 20, c.cacheBytes());
    assertEquals(c.cacheBudget(), c.indexOptions().cache());
  }

  @Test
  void the_cache_budget_is_split_among_its_caches_within_the_whole() {
    CacheBudget b = CacheBudget.ofMib(Defaults.CACHE_MB.asInt());
    assertEquals(768L << 20, b.preparedBytes());
    assertEquals(192L << 20, b.documentBytes());
    assertEquals(4096L * 2048 * Float.BYTES, b.vectorBytes());
    assertEquals(32L << 20, b.resizedSignatureBytes());
    assertEquals(
        b.bytes(),
        b.preparedBytes() + b.documentBytes() + b.vectorBytes() + b.resizedSignatureBytes());
    CacheBudget tiny = CacheBudget.ofMib(1);
    assertTrue(
        tiny.preparedBytes() > 0
            && tiny.documentBytes() > 0
            && tiny.vectorBytes() > 0
            && tiny.resizedSignatureBytes() > 0);
  }

  @Test
  void grouping_and_pixel_diff_defaults_are_the_table() {
    GroupingOptions g = GroupingOptions.defaults();
    assertEquals(Defaults.THRESHOLD.asDouble(), g.threshold());
    assertEquals(Defaults.SEARCH_WIDTH.asInt(), g.searchWidth());
    assertEquals(Defaults.MAX_HAMMING.asInt(), g.maxHamming());
    assertEquals(Defaults.VERIFY.asEnum(VerifyMode.class), g.verify());
    assertEquals(Defaults.SAME_CAMERA.asBoolean(), g.sameCamera());
    assertEquals(Defaults.KEEP.asEnum(KeeperPolicy.class), g.keeper());
    assertEquals(Defaults.MAX_CHECKS.asInt(), g.maxChecks());
    assertEquals(Defaults.WINDOW.asDuration().toMillis(), g.windowMillis());
    PixelDiffParams p = PixelDiffParams.defaults();
    assertEquals(Defaults.FRACTION.asDouble(), p.fraction());
    assertEquals(Defaults.MIN_CONTOUR_AREA.asDouble(), p.minContourArea());
    assertEquals(BorderMask.parse(Defaults.MASK.asString()), p.mask());
    assertEquals(Defaults.BLUR.asString().isEmpty(), p.blurKernels().isEmpty());
  }

  @Test
  void service_defaults_are_the_table() {
    ServiceConfig s = ServiceConfig.defaults();
    assertEquals(Defaults.HOST.asString(), s.host());
    assertEquals(Defaults.PORT.asInt(), s.port());
    assertEquals(
        Defaults.ROOTS.asPaths().stream().map(r -> r.toAbsolutePath().normalize()).toList(),
        s.roots());
    assertEquals(Defaults.STORAGE.asPath().toAbsolutePath().normalize(), s.storage());
    assertEquals(null, s.quarantine());
    assertEquals(null, s.token());
    assertEquals(Defaults.MAX_UPLOAD_BYTES.asLong(), s.maxUploadBytes());
    assertEquals(Defaults.MAX_QUERY_FILES.asInt(), s.maxFilesPerQuery());
    assertEquals(List.of(), s.watch());
    assertEquals(Duration.ofMillis(Defaults.SETTLE_MS.asLong()), s.settle());
  }

  @Test
  void a_builder_copy_changes_exactly_the_field_it_sets() throws Exception {
    EngineConfig e = EngineConfig.defaults();
    onlyChanged(e, e.toBuilder().batchSize(4).build(), "batchSize");
    onlyChanged(e, e.toBuilder().thumbnailMaxSide(160).build(), "thumbnailMaxSide");
    onlyChanged(e, e.toBuilder().indexDir(Path.of("elsewhere")).build(), "index");
    onlyChanged(e, e.toBuilder().noModel().build(), "model");
    onlyChanged(e, e.toBuilder().cacheBytes(1L << 20).build(), "cacheBytes");
    GroupingOptions g = GroupingOptions.defaults();
    onlyChanged(g, g.toBuilder().threshold(0.98).build(), "threshold");
    onlyChanged(g, g.toBuilder().keeper(KeeperPolicy.PATH).build(), "keeper");
    ServiceConfig s = ServiceConfig.defaults();
    onlyChanged(s, s.toBuilder().port(0).build(), "port");
    onlyChanged(s, s.toBuilder().token("secret").build(), "token");
    AlignParams a = AlignParams.defaults();
    onlyChanged(a, a.toBuilder().minInliers(8).build(), "minInliers");
    onlyChanged(a, a.toBuilder().eccRefine(false).build(), "eccRefine");
    assertEquals(e, e.toBuilder().build());
    assertEquals(a, a.toBuilder().build());
  }

  private static void onlyChanged(Record before, Record after, String field) throws Exception {
    List<String> changed = new ArrayList<>();
    for (RecordComponent c : before.getClass().getRecordComponents()) {
      Object x = c.getAccessor().invoke(before);
      Object y = c.getAccessor().invoke(after);
      if (!java.util.Objects.equals(x, y)) {
        changed.add(c.getName());
      }
    }
    assertEquals(List.of(field), changed, before.getClass().getSimpleName());
    assertNotEquals(before, after);
  }

  @Test
  void validation_names_the_bad_value() {
    EngineConfig e = EngineConfig.defaults();
    fails("777", () -> e.toBuilder().batchSize(777).build());
    fails("9999", () -> e.toBuilder().thumbnailMaxSide(9999).build());
    fails("modelRequired", () -> e.toBuilder().noModel().modelRequired(true).build());
    fails("cache_bytes must be > 0; got 0", () -> e.toBuilder().cacheBytes(0).build());
    fails("cache-mb must be > 0; got -3", () -> CacheBudget.ofMib(-3));
    fails("1.5", () -> GroupingOptions.defaults().toBuilder().threshold(1.5).build());
    fails("65", () -> GroupingOptions.defaults().toBuilder().maxHamming(65).build());
    fails("70000", () -> ServiceConfig.defaults().toBuilder().port(70000).build());
    fails("1001", () -> ServiceConfig.defaults().toBuilder().maxFilesPerQuery(1001).build());
    fails("min_inliers", () -> AlignParams.defaults().toBuilder().minInliers(2).build());
    fails("0.0", () -> AlignParams.defaults().toBuilder().ratio(0).build());
  }

  private static void fails(String named, Executable build) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, build);
    assertTrue(ex.getMessage().contains(named), ex.getMessage());
  }

  @Test
  void the_table_spells_values_as_the_command_line_does() {
    assertEquals("aligned", Defaults.VERIFY.text());
    assertEquals("pixels", Defaults.KEEP.text());
    assertEquals("0", Defaults.WINDOW.text());
    assertEquals("data", Defaults.ROOTS.text());
    assertEquals(Optional.of(Defaults.PORT), Defaults.byKey("port"));
    assertEquals(Optional.empty(), Defaults.byKey("no-such-key"));
    assertThrows(IllegalStateException.class, Defaults.PORT::asString);
  }
}
