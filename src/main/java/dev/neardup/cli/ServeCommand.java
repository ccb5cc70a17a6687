package dev.neardup.cli;

import dev.neardup.http.NeardupService;
import dev.neardup.pipeline.Reconciler;
import dev.neardup.report.ModelSection;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code neardup serve}: the HTTP service, until the process is stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Runs the HTTP service (JSON under /api/v1, /health, /metrics, /openapi.yaml): index"
            + " folders in the background, query images, and deduplicate images as they arrive."
            + " Binds to 127.0.0.1 unless --host says otherwise. Stops on SIGTERM/Ctrl-C,"
            + " committing the index.")
final class ServeCommand implements Callable<Integer> {
  @Mixin EngineOptions engine;

  @Mixin ServeOptions serve;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    NeardupService service =
        NeardupService.start(engine.config(), serve.config(), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println("neardup: error while stopping: " + e.getMessage());
                  } finally {
                    stopped.countDown();
                  }
                },
                "neardup-stop"));
    ModelSection model = ModelSection.of(service.engine().model());
    Reconciler.Recovery rec = service.recovered();
    out.println("model: " + model.id());
    if (!rec.isEmpty()) {
      out.printf(
          "recovered after an unclean stop: %d stored images re-indexed, %d dropped, %d stale"
              + " documents removed%n",
          rec.reindexed(), rec.dropped(), rec.removed());
    }
    out.println("listening on http://" + serve.host + ":" + service.port());
    out.flush();
    stopped.await();
    return 0;
  }
}
