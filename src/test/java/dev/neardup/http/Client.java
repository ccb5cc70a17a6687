package dev.neardup.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small JSON/multipart client for the service under test (java.net.http, loopback only). */
final class Client {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;
  private final String token;

  Client(int port, String token) {
    this.base = "http://127.0.0.1:" + port;
    this.token = token;
  }

  /** A response: status and body (parsed as JSON when it is JSON). */
  record Reply(int status, String contentType, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON (" + status + "): " + text(), e);
      }
    }
  }

  Reply get(String path) {
    return send(request(path).GET().build());
  }

  Reply delete(String path) {
    return send(request(path).DELETE().build());
  }

  Reply postJson(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  /** POSTs {@code files} (name → bytes) as multipart fields named {@code file}. */
  Reply postFiles(String path, Map<String, byte[]> files) {
    return postFiles(path, files, Map.of());
  }

  /**
   * POSTs {@code files} as multipart fields named {@code file}, after the plain text {@code fields}
   * (name → values; a name with several values is sent as several fields).
   */
  Reply postFiles(String path, Map<String, byte[]> files, Map<String, List<String>> fields) {
    String boundary = "neardup-test-boundary-7d1f";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, List<String>> f : fields.entrySet()) {
      for (String v : f.getValue()) {
        body.writeBytes(
            ("--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + f.getKey()
                    + "\"\r\n\r\n"
                    + v
                    + "\r\n")
                .getBytes(StandardCharsets.UTF_8));
      }
    }
    for (Map.Entry<String, byte[]> f : files.entrySet()) {
      body.writeBytes(
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + f.getKey()
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      body.writeBytes(f.getValue());
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  Reply postFile(String path, String name, byte[] bytes) {
    return postFiles(path, Map.of(name, bytes));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  private Reply send(HttpRequest r) {
    try {
      HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(
          resp.statusCode(), resp.headers().firstValue("Content-Type").orElse(""), resp.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
