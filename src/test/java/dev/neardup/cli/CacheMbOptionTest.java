package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cache-mb} is offered by the commands that open an engine, and a budget of 0 refused. */
class CacheMbOptionTest {
  @TempDir Path tmp;

  @Test
  void a_cache_budget_of_zero_is_refused_naming_the_value() throws IOException {
    CliRun r =
        CliRun.run(
            tmp,
            "dedup",
            "examples/photos",
            "--index",
            tmp.resolve("index").toString(),
            "--cache-mb=0");
    assertEquals(2, r.exit(), r.out());
    assertTrue(r.err().contains("cache-mb must be > 0; got 0"), r.err());
  }

  @Test
  void dedup_and_serve_document_the_option_with_its_default() throws IOException {
    for (String command : new String[] {"dedup", "serve", "index", "query"}) {
      CliRun r = CliRun.run(tmp, command, "--help");
      assertTrue(r.out().contains("--cache-mb"), command + ": " + r.out());
    }
    CliRun d = CliRun.run(tmp, "dedup", "--help");
    assertTrue(d.out().contains("Default: 1024"), d.out());
  }
}
