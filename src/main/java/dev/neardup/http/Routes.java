package dev.neardup.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Every route of the service, declared in one place. {@code openapi.yaml} describes exactly these
 * (a test compares the two), and each route says whether it changes state: those require the bearer
 * token when one is configured.
 */
final class Routes {
  private Routes() {}

  /**
   * One endpoint.
   *
   * @param changesState true when the route writes (index, files): guarded by the token
   */
  record Route(HandlerType method, String path, boolean changesState, Handler handler) {}

  /** The API. */
  static List<Route> all(ImageApi images, AdminApi admin) {
    return List.of(
        new Route(HandlerType.GET, "/health", false, admin::health),
        new Route(HandlerType.GET, "/metrics", false, admin::metrics),
        new Route(HandlerType.GET, "/openapi.yaml", false, admin::openapi),
        new Route(HandlerType.POST, "/api/v1/index", true, admin::startIndex),
        new Route(HandlerType.GET, "/api/v1/jobs/{id}", false, admin::job),
        new Route(HandlerType.POST, "/api/v1/query", false, images::query),
        new Route(HandlerType.POST, "/api/v1/images", true, images::ingest),
        new Route(HandlerType.GET, "/api/v1/images/{id}", false, images::image),
        new Route(HandlerType.GET, "/api/v1/images/{id}/thumbnail", false, images::thumbnail),
        new Route(HandlerType.DELETE, "/api/v1/images/{id}", true, images::delete),
        new Route(HandlerType.GET, "/api/v1/sources/{id}/stats", false, images::sourceStats),
        new Route(HandlerType.GET, "/api/v1/groups", false, admin::groups),
        new Route(HandlerType.GET, "/api/v1/groups/{id}", false, admin::group));
  }

  /**
   * Registers {@code routes}, each wrapped with the token check (when it changes state and a token
   * is set) and request metrics (a 413 answer also counts in {@code
   * neardup_failures_total{kind="too_large"}}), and the one exception handler.
   *
   * @param token the bearer token, or null for none
   */
  static void register(RoutesConfig config, List<Route> routes, String token, Metrics metrics) {
    byte[] expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    for (Route r : routes) {
      config.addHttpHandler(r.method(), r.path(), wrap(r, expected, metrics));
    }
    // Javalin maps validation errors itself unless told otherwise: one handler for all.
    config.exception(io.javalin.validation.ValidationException.class, Errors::handle);
    config.exception(Exception.class, Errors::handle);
    config.error(
        404,
        ctx -> {
          String body = ctx.result();
          if (body == null || !body.contains("\"error\"")) { // not one of ours: an unknown route
            Errors.write(ctx, 404, "not found", "no route " + ctx.method() + " " + ctx.path());
          }
        });
  }

  private static Handler wrap(Route r, byte[] expectedAuth, Metrics metrics) {
    return ctx -> {
      long start = System.nanoTime();
      int status = 500;
      try {
        if (r.changesState() && expectedAuth != null) {
          requireToken(ctx, expectedAuth);
        }
        r.handler().handle(ctx);
        status = ctx.statusCode();
      } catch (Exception e) {
        status = Errors.answer(e).status();
        if (status == 413) {
          // Every refusal as too large counts, wherever it was refused: by the upload check, or
          // by Jetty's multipart parser before any handler code saw the file.
          metrics.failure("too_large");
        }
        throw e;
      } finally {
        metrics.request(r.method().name(), r.path(), status, (System.nanoTime() - start) / 1e9);
      }
    };
  }

  private static void requireToken(Context ctx, byte[] expected) {
    String given = ctx.header("Authorization");
    byte[] g = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(g, expected)) { // constant time: no guessing by timing
      ctx.header("WWW-Authenticate", "Bearer");
      drainSmallBody(ctx);
      throw new ApiException(
          401, "unauthorized", "this endpoint needs the header 'Authorization: Bearer <token>'");
    }
  }

  /**
   * Reads and drops a refused request's body when it is small: a client still sending an upload
   * when the 401 arrives and the connection closes would see a reset instead of the answer.
   */
  private static void drainSmallBody(Context ctx) {
    long length = ctx.req().getContentLengthLong();
    if (length <= 0 || length > DRAIN_LIMIT) {
      return;
    }
    try {
      ctx.req().getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      // the client went away: nothing to answer
    }
  }

  private static final long DRAIN_LIMIT = 8L << 20;
}
