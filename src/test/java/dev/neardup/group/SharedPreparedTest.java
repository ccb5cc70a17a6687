package dev.neardup.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.neardup.image.GrayImage;
import dev.neardup.image.StoredImage;
import dev.neardup.index.ImageRecord;
import dev.neardup.verify.PixelDiffParams;
import dev.neardup.verify.PixelVerifier;
import dev.neardup.verify.Prepared;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prepared images the service's requests share: prepared once while the file is unchanged,
 * prepared again (and so re-read and re-checked) once its size or modification time moved, a failed
 * preparation never cached, and a different content hash never served.
 */
class SharedPreparedTest {
  private static final PixelVerifier VERIFIER = new PixelVerifier(PixelDiffParams.defaults());

  private static ImageRecord record(Path file, String sha) {
    return new ImageRecord(file.toString(), sha, 0, 0, "PNG", 64, 48, null, 0, null, 0, null, null);
  }

  /** Prepares a flat image and counts the calls. */
  private static Supplier<Prepared> counting(AtomicInteger calls) {
    return () -> {
      calls.incrementAndGet();
      return VERIFIER.prepare(new StoredImage(new GrayImage(64, 48, new byte[64 * 48]), 64, 48));
    };
  }

  @Test
  void an_unchanged_file_is_prepared_once_and_a_touched_one_again(@TempDir Path tmp)
      throws IOException {
    Path file = Files.write(tmp.resolve("a.png"), new byte[] {1, 2, 3});
    Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000));
    SharedPrepared shared = new SharedPrepared(1 << 20);
    AtomicInteger calls = new AtomicInteger();
    ImageRecord r = record(file, "aa");

    Prepared first = shared.get(r, counting(calls));
    assertSame(first, shared.get(r, counting(calls)));
    assertEquals(1, calls.get());

    Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
    Prepared again = shared.get(r, counting(calls));
    assertEquals(2, calls.get(), "a touched file is read again");
    assertSame(again, shared.get(r, counting(calls)));

    Files.write(file, new byte[] {1, 2, 3, 4});
    Files.setLastModifiedTime(file, FileTime.fromMillis(2_000_000));
    shared.get(r, counting(calls));
    assertEquals(3, calls.get(), "a file of another size is read again");

    shared.get(record(file, "bb"), counting(calls));
    assertEquals(4, calls.get(), "other content is another entry");
    assertEquals(2, shared.size());
  }

  @Test
  void a_failed_preparation_is_not_cached(@TempDir Path tmp) throws IOException {
    Path file = Files.write(tmp.resolve("b.png"), new byte[] {1});
    SharedPrepared shared = new SharedPrepared(1 << 20);
    ImageRecord r = record(file, "cc");
    assertThrows(
        UncheckedIOException.class,
        () ->
            shared.get(
                r,
                () -> {
                  throw new UncheckedIOException(new IOException("the file changed"));
                }));
    assertEquals(0, shared.size());
    AtomicInteger calls = new AtomicInteger();
    shared.get(r, counting(calls));
    assertEquals(1, calls.get());
  }

  @Test
  void an_image_whose_file_is_gone_came_from_stored_pixels_and_stays(@TempDir Path tmp) {
    SharedPrepared shared = new SharedPrepared(1 << 20);
    ImageRecord r = record(tmp.resolve("never-written.png"), "dd");
    AtomicInteger calls = new AtomicInteger();
    Prepared p = shared.get(r, counting(calls));
    assertSame(p, shared.get(r, counting(calls)));
    assertEquals(1, calls.get());
  }
}
