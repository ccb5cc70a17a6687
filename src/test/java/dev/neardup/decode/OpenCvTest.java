package dev.neardup.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The native library is unpacked once into the cache folder, whole, and reused after that. */
class OpenCvTest {
  @TempDir Path cache;

  @AfterEach
  void clear() {
    System.clearProperty(OpenCv.CACHE_PROPERTY);
  }

  @Test
  void unpacks_once_reuses_and_replaces_a_short_copy() throws Exception {
    System.setProperty(OpenCv.CACHE_PROPERTY, cache.toString());
    Path first = OpenCv.cachedLibrary();
    assertNotNull(first, "this platform's library is bundled in the openpnp jar");
    assertEquals(cache, first.getParent());
    assertTrue(first.getFileName().toString().endsWith(".so"), first.toString());
    long size = Files.size(first);
    assertTrue(first.getFileName().toString().contains("-" + size + "-"), first.toString());
    assertEquals(List.of(first), files(), "no temporary file is left beside it");

    FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(first, stamp);
    assertEquals(first, OpenCv.cachedLibrary());
    assertEquals(stamp, Files.getLastModifiedTime(first), "a whole cached copy is not rewritten");

    Files.write(first, new byte[] {1, 2, 3});
    assertEquals(first, OpenCv.cachedLibrary());
    assertEquals(size, Files.size(first), "a short copy (a killed start) is replaced");
    assertEquals(List.of(first), files());
  }

  @Test
  void the_library_loads_and_works() {
    OpenCv.load();
    assertTrue(org.opencv.core.Core.VERSION.startsWith("4."), org.opencv.core.Core.VERSION);
  }

  private List<Path> files() throws Exception {
    try (Stream<Path> s = Files.list(cache)) {
      return s.toList();
    }
  }
}
