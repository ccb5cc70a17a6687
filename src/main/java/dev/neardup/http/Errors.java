package dev.neardup.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.neardup.decode.DecodeException;
import dev.neardup.image.NotVerifiableException;
import dev.neardup.pipeline.TooLargeException;
import dev.neardup.report.Reports;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers, for every route of the service and of the
 * review page alike: each known failure gets its status and a JSON body {@code {"error": "...",
 * "detail": "..."}} written with the one mapper ({@link Reports#JSON}); anything unexpected is a
 * 500 whose body says only that (the stack trace goes to the server log, never to the client). No
 * handler catches these itself, so one exception type has one status under every route.
 *
 * <table>
 *   <tr><th>exception</th><th>status</th><th>error</th></tr>
 *   <tr><td>{@link ApiException}</td><td>its own</td><td>its own</td></tr>
 *   <tr><td>Javalin validation</td><td>400</td><td>bad request</td></tr>
 *   <tr><td>malformed JSON body (Jackson)</td><td>400</td><td>bad request (line and column,
 *       never the parser's internals)</td></tr>
 *   <tr><td>{@link IllegalArgumentException}</td><td>400</td><td>bad request</td></tr>
 *   <tr><td>{@link NoSuchElementException}</td><td>404</td><td>not found</td></tr>
 *   <tr><td>{@link PathGuard.Forbidden}</td><td>403</td><td>forbidden</td></tr>
 *   <tr><td>{@link TooLargeException}</td><td>413</td><td>too large</td></tr>
 *   <tr><td>{@link DecodeException}</td><td>422</td><td>unreadable image</td></tr>
 *   <tr><td>{@link NotVerifiableException}</td><td>410</td><td>not verifiable (an indexed file
 *       that is gone or changed)</td></tr>
 *   <tr><td>anything else</td><td>500</td><td>internal error</td></tr>
 * </table>
 */
final class Errors {
  private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

  private Errors() {}

  /** Status, error name and detail for {@code e}. */
  record Answer(int status, String error, String detail) {}

  static Answer answer(Exception e) {
    if (e instanceof ApiException a) {
      return new Answer(a.status(), a.error(), a.getMessage());
    }
    if (e instanceof ValidationException v) {
      return new Answer(400, "bad request", describe(v.getErrors()));
    }
    if (e instanceof JsonProcessingException j) {
      return new Answer(400, "bad request", jsonDetail(j));
    }
    if (e instanceof IllegalArgumentException) {
      return new Answer(400, "bad request", e.getMessage());
    }
    if (e instanceof NoSuchElementException) {
      return new Answer(404, "not found", e.getMessage());
    }
    if (e instanceof PathGuard.Forbidden f) {
      return new Answer(403, "forbidden", f.getMessage());
    }
    if (e instanceof TooLargeException t) {
      return new Answer(413, "too large", t.getMessage());
    }
    if (e instanceof DecodeException d) {
      return new Answer(422, "unreadable image", d.reason());
    }
    if (e instanceof NotVerifiableException n) {
      return new Answer(410, "not verifiable", n.getMessage());
    }
    if (e instanceof HttpResponseException h) {
      return new Answer(h.getStatus(), reasonPhrase(h.getStatus()), h.getMessage());
    }
    if (isTooLargeMultipart(e)) {
      return new Answer(413, "too large", "an uploaded file is larger than the upload limit");
    }
    if (hasCause(e, "BadMessageException")) {
      return new Answer(400, "bad request", "malformed request body (multipart or JSON)");
    }
    return new Answer(500, "internal error", "the server failed; see its log");
  }

  /** Writes the answer for {@code e}; unexpected ones are logged with their stack trace. */
  static void handle(Exception e, Context ctx) {
    Answer a = answer(e);
    if (a.status() >= 500) {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
    }
    if (a.status() == 413) {
      // The rest of the body was not read: tell the client not to reuse this connection.
      ctx.header("Connection", "close");
    }
    write(ctx, a.status(), a.error(), a.detail());
  }

  /** Writes an error body with the one JSON mapper. */
  static void write(Context ctx, int status, String error, String detail) {
    try {
      ctx.status(status)
          .contentType("application/json")
          .result(Reports.JSON.writeValueAsString(Views.error(error, detail)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an error body could not be written", e);
    }
  }

  /**
   * What is wrong with a JSON body, for the client: the parser's first clause and where, without
   * its source excerpts or feature names ({@code Source: REDACTED (StreamReadFeature...)}).
   */
  static String jsonDetail(JsonProcessingException e) {
    String m = String.valueOf(e.getOriginalMessage());
    int cut = m.length();
    for (String stop : new String[] {"\n", " (", " at [", "[Source"}) {
      int i = m.indexOf(stop);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    String what = m.substring(0, cut).strip();
    JsonLocation loc = e.getLocation();
    String where =
        loc == null || loc.getLineNr() < 1
            ? ""
            : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return "the body is not valid JSON" + where + (what.isEmpty() ? "" : ": " + what);
  }

  private static String describe(Map<String, List<ValidationError<Object>>> errors) {
    return errors.entrySet().stream()
        .map(
            en ->
                en.getKey()
                    + ": "
                    + en.getValue().stream()
                        .map(err -> err.getMessage() + " (got " + err.value + ")")
                        .collect(Collectors.joining("; ")))
        .collect(Collectors.joining(", "));
  }

  /** Jetty's multipart parser refuses parts over the configured size with these exceptions. */
  private static boolean isTooLargeMultipart(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (m.contains("exceed") && (m.contains("max") || m.contains("size"))) {
        return true;
      }
      if (t.getClass().getSimpleName().contains("TooLarge")) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCause(Throwable e, String simpleName) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  private static String reasonPhrase(int status) {
    return switch (status) {
      case 400 -> "bad request";
      case 401 -> "unauthorized";
      case 404 -> "not found";
      case 405 -> "method not allowed";
      case 413 -> "too large";
      default -> "error";
    };
  }
}
