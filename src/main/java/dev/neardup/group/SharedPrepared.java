package dev.neardup.group;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.neardup.index.ImageRecord;
import dev.neardup.verify.Prepared;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Supplier;

/**
 * Prepared verification images that outlive one search session: the service's queries and uploads
 * share one, so that a kept image's file is read and prepared once, not once per request (a session
 * is opened per request and per snapshot, and its own cache starts cold).
 *
 * <p>Keyed by path and content hash, not by doc id: doc ids change between snapshots, the bytes an
 * image was indexed with do not. Each entry remembers the file's size and modification time as they
 * were <em>before</em> it was read; a hit is used only while the file still shows them, so a file
 * changed since is read again, and then refused as changed when the index does not store its pixels
 * ({@code image/FilePixels}). An image whose file could not be looked at when it was prepared came
 * from the index's stored pixels, and is used as is. Weighed by {@link Prepared#heapBytes()} within
 * a byte budget (Caffeine evicts by frequency and recency); an evicted image is prepared again, so
 * the budget never changes an answer. Thread-safe.
 */
public final class SharedPrepared {
  private record Key(String path, String sha256) {}

  private record Entry(Prepared prepared, long size, long mtimeMillis) {}

  private final Cache<Key, Entry> cache;

  /** A cache of at most {@code bytes} of prepared images. */
  public SharedPrepared(long bytes) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(bytes)
            .weigher(
                (Key k, Entry e) -> (int) Math.min(Integer.MAX_VALUE, e.prepared().heapBytes()))
            .executor(Runnable::run)
            .build();
  }

  /**
   * The prepared image of {@code image}: the cached one while its file is unchanged, else {@code
   * prepare}'s (cached when it succeeds; its exceptions pass through, nothing is cached).
   */
  Prepared get(ImageRecord image, Supplier<Prepared> prepare) {
    Key key = new Key(image.path(), image.sha256());
    long[] now = stat(image.path());
    Entry e = cache.getIfPresent(key);
    if (e != null && (e.size() < 0 || (e.size() == now[0] && e.mtimeMillis() == now[1]))) {
      return e.prepared();
    }
    Prepared p = prepare.get();
    cache.put(key, new Entry(p, now[0], now[1]));
    return p;
  }

  /** Remembers an image prepared elsewhere (a probe that becomes a kept image). */
  void put(ImageRecord image, Prepared prepared) {
    long[] now = stat(image.path());
    cache.put(new Key(image.path(), image.sha256()), new Entry(prepared, now[0], now[1]));
  }

  /**
   * Weighs {@code prepared} again when it is the image held for {@code image} (it grew: its local
   * features were computed after it was cached).
   */
  void reweigh(ImageRecord image, Prepared prepared) {
    cache
        .asMap()
        .computeIfPresent(
            new Key(image.path(), image.sha256()),
            (k, e) ->
                e.prepared() == prepared ? new Entry(prepared, e.size(), e.mtimeMillis()) : e);
  }

  /** Number of images held now (for tests and metrics). */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Size and modification time of a file, or {-1, -1} when it cannot be looked at. */
  private static long[] stat(String path) {
    try {
      BasicFileAttributes a = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
      return new long[] {a.size(), a.lastModifiedTime().toMillis()};
    } catch (IOException | RuntimeException e) {
      return new long[] {-1, -1};
    }
  }
}
