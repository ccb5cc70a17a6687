package dev.neardup.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.group.Group;
import dev.neardup.pipeline.DedupSession;
import dev.neardup.pipeline.Engine;
import dev.neardup.report.ModelSection;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handlers of the service endpoints: health, metrics, the OpenAPI file, indexing jobs and duplicate
 * groups. Routes are declared in {@link Routes}.
 */
final class AdminApi {
  /** Where the API description lives on the class path (and in the repository). */
  static final String OPENAPI = "/openapi.yaml";

  private final Engine engine;
  private final Jobs jobs;
  private final PathGuard guard;
  private final Metrics metrics;

  AdminApi(Engine engine, Jobs jobs, PathGuard guard, Metrics metrics) {
    this.engine = engine;
    this.jobs = jobs;
    this.guard = guard;
    this.metrics = metrics;
  }

  /** {@code GET /health}: model loaded, index open, document count. */
  void health(Context ctx) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    ModelSection model = ModelSection.of(engine.model());
    m.put("status", "ok");
    m.put("model_loaded", engine.model() != null);
    m.put("model", model.id());
    m.put("weights", model.weights());
    m.put("index_open", true);
    m.put("index", engine.index().location());
    m.put("documents", engine.index().documentCount());
    ctx.json(m);
  }

  /** {@code GET /metrics}: Prometheus text format. */
  void metrics(Context ctx) throws IOException {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(metrics.render(engine.index().documentCount()));
  }

  /** {@code GET /openapi.yaml}: the API description. */
  void openapi(Context ctx) throws IOException {
    ctx.contentType("application/yaml").result(openapiText());
  }

  static byte[] openapiText() throws IOException {
    try (InputStream in = AdminApi.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IOException(OPENAPI + " is missing from the class path");
      }
      return in.readAllBytes();
    }
  }

  /** {@code POST /api/v1/index}: starts a background job indexing folders under the roots. */
  void startIndex(Context ctx) {
    JsonNode body = ImageApi.readJson(ctx);
    JsonNode paths = body.path("paths");
    if (!paths.isArray() || paths.isEmpty()) {
      throw ApiException.badRequest("expected {\"paths\": [\"/folder/under/a/root\", ...]}");
    }
    List<Path> checked = new ArrayList<>();
    for (JsonNode p : paths) {
      if (!p.isTextual()) {
        throw ApiException.badRequest("every path must be a string; got " + p);
      }
      checked.add(guard.check(p.asText()));
    }
    Jobs.Job job = jobs.submit(checked, ImageApi.sourceOf(body), ImageApi.tagsOf(body));
    ctx.status(202).header("Location", "/api/v1/jobs/" + job.id).json(job.view());
  }

  /**
   * {@code GET /api/v1/jobs/{id}[?wait=SECONDS]}: a job's progress and result; with {@code wait},
   * answers when the job ends or the time is up, whichever comes first.
   */
  void job(Context ctx) throws InterruptedException {
    Jobs.Job job = jobs.get(ctx.pathParam("id"));
    if (job == null) {
      throw ApiException.notFound("no job with id " + ctx.pathParam("id"));
    }
    int wait =
        ctx.queryParamAsClass("wait", Integer.class)
            .check(w -> w == null || (w >= 0 && w <= 300), "must be in [0, 300]")
            .getOrDefault(0);
    if (wait > 0) {
      job.await(Duration.ofSeconds(wait));
    }
    ctx.json(job.view());
  }

  /**
   * {@code GET /api/v1/groups?page=1&size=50}: duplicate groups of the whole index, paged; from the
   * engine's one grouping cache (the review page's too), recomputed when the index changes.
   */
  void groups(Context ctx) throws IOException {
    int page =
        ctx.queryParamAsClass("page", Integer.class)
            .check(p -> p == null || p >= 1, "must be >= 1")
            .getOrDefault(1);
    int size =
        ctx.queryParamAsClass("size", Integer.class)
            .check(s -> s == null || (s >= 1 && s <= 500), "must be in [1, 500]")
            .getOrDefault(50);
    DedupSession.Cached g = engine.session().grouping(p -> true);
    List<Group> all = g.grouping().groups();
    int from = (int) Math.min((long) (page - 1) * size, all.size());
    int to = Math.min(from + size, all.size());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("index_version", g.version());
    m.put("images", g.grouping().images());
    m.put("total_groups", all.size());
    m.put("page", page);
    m.put("size", size);
    m.put("groups", all.subList(from, to).stream().map(Views::group).toList());
    if (!g.grouping().failures().isEmpty()) {
      m.put("failed_checks", g.grouping().failures());
    }
    ctx.json(m);
  }

  /** {@code GET /api/v1/groups/{id}}: one group of the current grouping. */
  void group(Context ctx) throws IOException {
    int id = ctx.pathParamAsClass("id", Integer.class).check(i -> i >= 1, "must be >= 1").get();
    DedupSession.Cached g = engine.session().grouping(p -> true);
    for (Group x : g.grouping().groups()) {
      if (x.id() == id) {
        Map<String, Object> m = Views.group(x);
        m.put("index_version", g.version());
        ctx.json(m);
        return;
      }
    }
    throw ApiException.notFound(
        "no group with id "
            + id
            + " in index version "
            + g.version()
            + " (ids change with the index)");
  }
}
