package dev.neardup.review;

import dev.neardup.TestData;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A real engine (no model: pHash candidates + pixel-diff check) over the last 50 pets2001 frames
 * copied into a temporary folder, indexed, with a review service over them.
 */
public final class ReviewFixture implements AutoCloseable {
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

  public final Path frames;
  public final Path index;
  public final Engine engine;
  public final ReviewService service;

  private ReviewFixture(Path frames, Path index, Engine engine, ReviewService service) {
    this.frames = frames;
    this.index = index;
    this.engine = engine;
    this.service = service;
  }

  /** Copies the frames (first run in {@code tmp}) and opens engine and service. */
  public static ReviewFixture open(Path tmp) throws IOException {
    Path frames = tmp.resolve("frames");
    if (!frames.toFile().exists()) {
      String[] names = new String[50];
      for (int i = 0; i < names.length; i++) {
        names[i] = String.format("cctv/pets2001/in%06d.jpg", 550 + i);
      }
      TestData.copy(frames, names);
    }
    Path index = tmp.resolve("idx");
    Engine engine = Engine.open(config(index, tmp.resolve("absent-model.pt")));
    try {
      engine.deduplicator().index(List.of(frames), List.of(index), Progress.NONE);
      return new ReviewFixture(
          frames,
          index,
          engine,
          new ReviewService(engine, List.of(frames), tmp.resolve("dups"), CLOCK));
    } catch (IOException | RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  public static EngineConfig config(Path index, Path model) {
    return EngineConfig.defaults().toBuilder()
        .indexDir(index)
        .model(model)
        .thumbnailMaxSide(160)
        .decodeThreads(1)
        .build();
  }

  @Override
  public void close() throws IOException {
    engine.close();
  }
}
