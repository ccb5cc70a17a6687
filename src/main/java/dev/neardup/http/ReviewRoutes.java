package dev.neardup.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.neardup.report.Reports;
import dev.neardup.review.ReviewService;
import dev.neardup.review.ReviewViews.Sort;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The review page and its JSON routes, all declared here:
 *
 * <pre>
 * GET  /                                       the page (web/index.html; its script and style under /review/)
 * GET  /api/review/summary                     counts, decisions, default move-to folder
 * GET  /api/review/groups?page=1&amp;size=20&amp;sort=size|score|id[&amp;source=S]   one page of the
 *                                              group list (only groups with an image from S)
 * GET  /api/review/groups/{id}                 a group with its members and their evidence
 * POST /api/review/groups/{id}/keep            {"path": P}: P becomes the kept image
 * POST /api/review/groups/{id}/not-duplicate   {"path": P} marks one member, {} the whole group
 * POST /api/review/groups/{id}/undo-not-duplicate   the same body: forgets that decision
 * POST /api/review/apply                       {"move_to": DIR, "manifest": FILE?}: moves, undoable
 * POST /api/review/regroup                     groups everything again, honouring every decision
 * GET  /api/review/image?path=P                a JPEG preview of an image of a listed group
 * </pre>
 *
 * <p>Thin: each handler parses, calls {@link ReviewService} and writes JSON (snake_case, the same
 * mapper as the reports). Errors go to the service's one exception mapping ({@link Errors}): 404
 * for an unknown group or image, 400 for a bad parameter or body, the same as under {@code
 * /api/v1}.
 */
public final class ReviewRoutes {
  private static final Map<String, String> ASSETS =
      Map.of(
          "review.js", "text/javascript; charset=utf-8",
          "review.css", "text/css; charset=utf-8");

  private ReviewRoutes() {}

  /**
   * Declares the page and its routes on {@code cfg} (a stand-alone app, as in the tests), with the
   * service's exception mapping and no token.
   */
  public static void register(JavalinConfig cfg, ReviewService service) {
    Routes.register(cfg.routes, routes(service), null, new Metrics());
  }

  /**
   * The page and its routes, for the service to register with its token check and metrics; the
   * routes that change decisions or move files say so.
   */
  static List<Routes.Route> routes(ReviewService service) {
    List<Routes.Route> out = new ArrayList<>();
    out.add(
        new Routes.Route(
            HandlerType.GET,
            "/",
            false,
            ctx -> asset(ctx, "index.html", "text/html; charset=utf-8")));
    out.add(
        new Routes.Route(
            HandlerType.GET,
            "/review/{file}",
            false,
            ctx -> {
              String file = ctx.pathParam("file");
              if (!ASSETS.containsKey(file)) {
                throw new NoSuchElementException("no file /review/" + file);
              }
              asset(ctx, file, ASSETS.get(file));
            }));
    out.add(
        new Routes.Route(
            HandlerType.GET, "/api/review/summary", false, ctx -> json(ctx, service.summary())));
    out.add(
        new Routes.Route(
            HandlerType.GET,
            "/api/review/groups",
            false,
            ctx -> {
              // Javalin runs checks on a missing parameter too (with null): the default
              // applies.
              int page =
                  ctx.queryParamAsClass("page", Integer.class)
                      .check(p -> p == null || p >= 1, "page must be >= 1")
                      .getOrDefault(1);
              int size =
                  ctx.queryParamAsClass("size", Integer.class)
                      .check(s -> s == null || (s >= 1 && s <= 500), "size must be in 1..500")
                      .getOrDefault(20);
              String sort = ctx.queryParam("sort");
              String source = ctx.queryParam("source");
              if (source != null && !dev.neardup.index.Origin.isWellFormedSource(source)) {
                throw ApiException.badRequest(
                    "source must be "
                        + dev.neardup.index.Origin.SOURCE_RULE
                        + "; got \""
                        + source
                        + "\"");
              }
              json(
                  ctx,
                  service.list(page, size, sort == null ? Sort.SIZE : Sort.parse(sort), source));
            }));
    out.add(
        new Routes.Route(
            HandlerType.GET,
            "/api/review/groups/{id}",
            false,
            ctx -> json(ctx, service.group(id(ctx)))));
    out.add(
        new Routes.Route(
            HandlerType.POST,
            "/api/review/groups/{id}/keep",
            true,
            ctx -> json(ctx, Map.of("groups", service.keep(id(ctx), path(ctx, true))))));
    out.add(
        new Routes.Route(
            HandlerType.POST,
            "/api/review/groups/{id}/not-duplicate",
            true,
            ctx -> json(ctx, service.markNotDuplicate(id(ctx), path(ctx, false)))));
    out.add(
        new Routes.Route(
            HandlerType.POST,
            "/api/review/groups/{id}/undo-not-duplicate",
            true,
            ctx -> json(ctx, service.unmarkNotDuplicate(id(ctx), path(ctx, false)))));
    out.add(
        new Routes.Route(
            HandlerType.POST,
            "/api/review/apply",
            true,
            ctx -> {
              JsonNode body = body(ctx);
              String moveTo = text(body, "move_to");
              String manifest = text(body, "manifest");
              json(
                  ctx,
                  service.apply(
                      moveTo == null ? null : Path.of(moveTo),
                      manifest == null ? null : Path.of(manifest)));
            }));
    out.add(
        new Routes.Route(
            HandlerType.POST,
            "/api/review/regroup",
            true,
            ctx -> {
              service.regroup();
              json(ctx, service.summary());
            }));
    out.add(
        new Routes.Route(
            HandlerType.GET,
            "/api/review/image",
            false,
            ctx -> {
              byte[] jpeg = service.preview(ctx.queryParam("path"));
              ctx.contentType("image/jpeg").header("Cache-Control", "max-age=60").result(jpeg);
            }));
    return out;
  }

  private static int id(Context ctx) {
    return ctx.pathParamAsClass("id", Integer.class).get();
  }

  /** The body's {@code path}; required or not. */
  private static String path(Context ctx, boolean required) throws JsonProcessingException {
    String p = text(body(ctx), "path");
    if (required && p == null) {
      throw new IllegalArgumentException("the body must name the image: {\"path\": ...}");
    }
    return p;
  }

  private static JsonNode body(Context ctx) throws JsonProcessingException {
    String b = ctx.body();
    if (b == null || b.isBlank()) {
      return Reports.JSON.createObjectNode();
    }
    JsonNode n = Reports.JSON.readTree(b);
    if (!n.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object; got " + b);
    }
    return n;
  }

  private static String text(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(field + " must be a non-empty string; got " + v);
    }
    return v.asText();
  }

  private static void json(Context ctx, Object value) throws JsonProcessingException {
    ctx.contentType("application/json").result(Reports.JSON.writeValueAsString(value));
  }

  private static void asset(Context ctx, String name, String type) throws IOException {
    try (InputStream in = ReviewRoutes.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("web/" + name + " is missing from the jar");
      }
      ctx.contentType(type).header("Cache-Control", "no-cache").result(in.readAllBytes());
    }
  }
}
