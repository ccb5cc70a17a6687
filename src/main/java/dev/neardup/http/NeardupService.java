package dev.neardup.http;

import dev.neardup.act.Quarantine;
import dev.neardup.pipeline.DedupSession;
import dev.neardup.pipeline.Engine;
import dev.neardup.pipeline.EngineConfig;
import dev.neardup.pipeline.FolderWatcher;
import dev.neardup.pipeline.Ingestor;
import dev.neardup.pipeline.Reconciler;
import dev.neardup.report.Reports;
import dev.neardup.review.ReviewService;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.json.JavalinJackson;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived service ({@code neardup serve}): one model, one index writer with its
 * near-real-time searcher, the {@link Ingestor}, background index jobs, folder watchers, and a
 * Javalin server in front of them. Start one with {@link #start}, stop it with {@link #close}.
 */
public final class NeardupService implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(NeardupService.class);

  private final Engine engine;
  private final Quarantine quarantine;
  private final Jobs jobs;
  private final Javalin app;
  private final ScheduledExecutorService watchers;
  private final List<Routes.Route> routes;
  private final Reconciler.Recovery recovered;
  private final Metrics metrics;

  private NeardupService(
      Engine engine,
      Quarantine quarantine,
      Jobs jobs,
      Javalin app,
      ScheduledExecutorService watchers,
      List<Routes.Route> routes,
      Reconciler.Recovery recovered,
      Metrics metrics) {
    this.engine = engine;
    this.quarantine = quarantine;
    this.jobs = jobs;
    this.app = app;
    this.watchers = watchers;
    this.routes = routes;
    this.recovered = recovered;
    this.metrics = metrics;
  }

  /**
   * Opens the engine, brings the storage folder and the index back in step ({@link
   * Reconciler#recover}), starts the watchers and the HTTP server.
   */
  public static NeardupService start(EngineConfig engineConfig, ServiceConfig config, Clock clock)
      throws IOException {
    Files.createDirectories(config.storage()); // on a fresh install this creates its root too
    for (Path r : config.roots()) {
      if (!Files.isDirectory(r)) {
        throw new IllegalArgumentException("root is not a folder: " + r);
      }
    }
    Metrics metrics = Metrics.forService();
    Engine engine = Engine.open(engineConfig, e -> new TimedEmbedder(e, metrics));
    Quarantine quarantine = null;
    Jobs jobs = null;
    ScheduledExecutorService watchers = null;
    try {
      quarantine = config.quarantine() == null ? null : new Quarantine(config.quarantine(), clock);
      Ingestor ingestor = new Ingestor(engine, config.storage(), quarantine, clock);
      Reconciler.Recovery recovered = new Reconciler(ingestor).recover();
      PathGuard guard = new PathGuard(config.roots());
      List<Path> exclude =
          DedupSession.exclusions(
              engine.index().directory().toAbsolutePath().normalize(),
              config.storage().resolve(".incoming"),
              config.quarantine());
      jobs = new Jobs(engine.deduplicator(), engine.index(), metrics, clock, exclude);
      ImageApi images =
          new ImageApi(ingestor, engine.deduplicator(), engine.index(), guard, metrics, config);
      AdminApi admin = new AdminApi(engine, jobs, guard, metrics);
      List<Routes.Route> routes = new ArrayList<>(Routes.all(images, admin));
      // The review page works on the images under the roots, proposing the quarantine as the
      // folder duplicates move to.
      routes.addAll(
          ReviewRoutes.routes(
              new ReviewService(engine, config.roots(), config.quarantine(), clock)));
      watchers = startWatchers(ingestor, config, clock, metrics);
      long maxRequest = config.maxUploadBytes() * config.maxFilesPerQuery() + (1L << 20);
      Javalin app =
          Javalin.create(
              cfg -> {
                cfg.startup.showJavalinBanner = false;
                cfg.startup.showOldJavalinVersionWarning = false;
                cfg.jsonMapper(new JavalinJackson(Reports.JSON, false));
                cfg.http.maxRequestSize = 1L << 20; // JSON bodies; uploads are multipart
                cfg.jetty.multipartConfig.maxFileSize(config.maxUploadBytes(), SizeUnit.BYTES);
                cfg.jetty.multipartConfig.maxTotalRequestSize(maxRequest, SizeUnit.BYTES);
                cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
                cfg.jetty.modifyServer(metrics::bindJetty);
                Routes.register(cfg.routes, routes, config.token(), metrics);
              });
      app.start(config.host(), config.port());
      LOG.info(
          "neardup listening on http://{}:{} (index {}, {} documents)",
          config.host(),
          app.port(),
          engine.index().directory(),
          engine.index().documentCount());
      return new NeardupService(
          engine, quarantine, jobs, app, watchers, routes, recovered, metrics);
    } catch (IOException | RuntimeException e) {
      if (watchers != null) {
        watchers.shutdownNow();
      }
      if (jobs != null) {
        jobs.close();
      }
      if (quarantine != null) {
        quarantine.close();
      }
      engine.close();
      metrics.close();
      throw e;
    }
  }

  private static ScheduledExecutorService startWatchers(
      Ingestor ingestor, ServiceConfig config, Clock clock, Metrics metrics) throws IOException {
    if (config.watch().isEmpty()) {
      return null;
    }
    ScheduledExecutorService pool =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "neardup-watch");
              t.setDaemon(true);
              return t;
            });
    for (Path dir : config.watch()) {
      FolderWatcher w =
          new FolderWatcher(ingestor, dir, ingestor.indexedUnder(dir), config.settle(), clock);
      pool.scheduleWithFixedDelay(
          () -> {
            try {
              for (FolderWatcher.Outcome o : w.poll()) {
                WatchLog.log(o, metrics);
              }
            } catch (IOException | RuntimeException e) {
              LOG.warn("watching {} failed this round: {}", dir, e.toString());
            }
          },
          0,
          1,
          TimeUnit.SECONDS);
    }
    return pool;
  }

  /** The port the server listens on (the real one when configured with 0). */
  public int port() {
    return app.port();
  }

  /** What the recovery at start did. */
  public Reconciler.Recovery recovered() {
    return recovered;
  }

  /** The engine (model and index). */
  public Engine engine() {
    return engine;
  }

  /** The routes registered, as declared in {@link Routes}. */
  List<Routes.Route> routes() {
    return routes;
  }

  /** Paths and methods Javalin actually registered, as {@code "GET /health"}. */
  List<String> registeredEndpoints() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
        .sorted()
        .toList();
  }

  /** Stops the server, the watchers and the jobs, then commits and closes the index. */
  @Override
  public void close() throws IOException {
    try {
      app.stop();
      if (watchers != null) {
        watchers.shutdownNow();
      }
      jobs.close();
      if (quarantine != null) {
        quarantine.close();
      }
    } finally {
      metrics.close();
      engine.close();
    }
  }
}
