package dev.neardup;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where the shared real images and the project-made test model are: the one place a test looks them
 * up. The images are in {@code ../shared/data} beside the checkout (Surefire passes the absolute
 * path as {@code neardup.sharedData}, from both modules' poms); the sample folder {@code examples/}
 * inside the repository needs no lookup.
 */
public final class TestData {
  private TestData() {}

  /** {@code ../shared/data}, as set by Surefire; fails loudly when it is missing. */
  public static Path shared() {
    Path p = Path.of(System.getProperty("neardup.sharedData", "../shared/data"));
    assertTrue(Files.isDirectory(p), "shared test images missing at " + p.toAbsolutePath());
    return p;
  }

  /** A file or folder under {@code ../shared/data}. */
  public static Path shared(String relative) {
    Path p = shared().resolve(relative);
    assertTrue(Files.exists(p), "missing test image " + p.toAbsolutePath());
    return p;
  }

  /** The random-weight TorchScript ResNet50 made by models/make-test-model.sh. */
  public static Path testModel() {
    Path p = Path.of(System.getProperty("neardup.testModel", "models/resnet50-random.pt"));
    assertTrue(
        Files.isRegularFile(p),
        "test model missing at " + p.toAbsolutePath() + "; run: bash models/make-test-model.sh");
    return p;
  }

  /** Copies the named files (relative to {@code ../shared/data}) flat into {@code dir}. */
  public static List<Path> copy(Path dir, String... relative) throws IOException {
    Files.createDirectories(dir);
    return java.util.Arrays.stream(relative)
        .map(
            r -> {
              Path src = shared(r);
              Path dst = dir.resolve(src.getFileName().toString());
              try {
                return Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            })
        .toList();
  }
}
