package dev.neardup.index.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Solr's JSON API over the JDK's HttpClient: one client for the life of the process. Queries are
 * POSTed (a 2048-d vector in a GET URL fails with HTTP 414). Non-2xx answers become a {@link
 * SolrException} that carries Solr's status code and message.
 */
final class SolrHttp {
  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param base Solr's base URL, e.g. {@code http://host:8983/solr}
   */
  SolrHttp(URI base, Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  URI base() {
    return base;
  }

  /** An error answer of Solr (or no answer): the status code (0 for none) and Solr's message. */
  static final class SolrException extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;

    SolrException(int status, String message, Throwable cause) {
      super(message, cause);
      this.status = status;
    }
  }

  /** GET {@code path} (relative to the base URL, query string included). */
  JsonNode get(String path) throws IOException {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), path);
  }

  /** POST a JSON body to {@code path}. */
  JsonNode post(String path, Object body) throws IOException {
    byte[] bytes = body instanceof byte[] b ? b : JSON.writeValueAsBytes(body);
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
        path);
  }

  /** POST raw bytes of {@code contentType} to {@code path} (e.g. a configset zip). */
  JsonNode postBytes(String path, String contentType, byte[] bytes) throws IOException {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)),
        path);
  }

  private JsonNode send(HttpRequest.Builder request, String path) throws IOException {
    HttpResponse<byte[]> r;
    try {
      r =
          client.send(
              request.timeout(timeout).header("Accept", "application/json").build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SolrException(0, "interrupted while waiting for Solr at " + base + path, e);
    } catch (IOException e) {
      throw new SolrException(0, "Solr at " + base + " did not answer " + shorten(path), e);
    }
    JsonNode body;
    try {
      body = r.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      body = null;
    }
    if (r.statusCode() / 100 != 2) {
      String msg =
          body != null && body.path("error").has("msg")
              ? body.path("error").path("msg").asText()
              : new String(r.body(), StandardCharsets.UTF_8);
      throw new SolrException(
          r.statusCode(),
          "Solr answered HTTP " + r.statusCode() + " to " + shorten(path) + ": " + msg,
          null);
    }
    if (body == null) {
      throw new SolrException(r.statusCode(), "Solr's answer to " + path + " is not JSON", null);
    }
    return body;
  }

  private static String shorten(String path) {
    return path.length() > 200 ? path.substring(0, 200) + "…" : path;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
