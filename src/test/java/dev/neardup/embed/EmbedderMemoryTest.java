package dev.neardup.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neardup.decode.OpenCv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/**
 * Guards against the DJL leak described in PLATFORM.md: an input created in a long-lived manager
 * keeps the arrays of every call alive. The exact check is the number of live arrays in the model's
 * managers (creating inputs in the predictor's manager instead of the request's leaves 5 more per
 * call, and fails here); resident memory is bounded loosely as a backstop for native leaks.
 */
class EmbedderMemoryTest {
  private static final int WARM_CALLS = 5;
  private static final int CALLS = 30;

  /** Fewer calls than this within the time budget prove nothing: the test is skipped. */
  private static final int MIN_CALLS = WARM_CALLS + 5;

  /** Loose: allocator noise here is about 1 MB a call; a leak of whole activations is far more. */
  private static final long MAX_GROWTH_MB = 200;

  /**
   * On a busy machine this test is not worth more time than this: it stops calling, and checks what
   * ran (or skips if too little did).
   */
  private static final long BUDGET_NANOS = 30_000_000_000L;

  @Test
  void thirty_calls_leave_no_arrays_behind_and_do_not_grow_resident_memory() throws IOException {
    Path status = Path.of("/proc/self/status");
    Assumptions.assumeTrue(Files.isReadable(status), "needs Linux /proc to read RSS");
    OpenCv.load();
    Mat image = TorchScriptEmbedderTest.read("in000000.jpg");
    long start = System.nanoTime();
    try (TorchScriptEmbedder embedder =
        TorchScriptEmbedder.open(
            TorchScriptEmbedderTest.MODEL,
            EmbedderOptions.defaults().withBatchSize(1).withAllowRandomWeights(true))) {
      long warmRss = 0;
      int warmArrays = 0;
      int calls = 0;
      while (calls < CALLS && System.nanoTime() - start < BUDGET_NANOS) {
        if (calls == WARM_CALLS) {
          warmRss = rssMb(status);
          warmArrays = embedder.liveArrays();
        }
        embedder.embed(List.of(image));
        calls++;
      }
      Assumptions.assumeTrue(
          calls >= MIN_CALLS, "skipped: machine too busy, only " + calls + " calls in 30 s");
      long growth = rssMb(status) - warmRss;

      assertEquals(warmArrays, embedder.liveArrays(), "arrays alive in the model's managers");
      assertTrue(
          growth < MAX_GROWTH_MB,
          "RSS grew " + growth + " MB over " + (calls - WARM_CALLS) + " calls of one image");
    }
  }

  private static long rssMb(Path status) throws IOException {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS line in " + status);
  }
}
