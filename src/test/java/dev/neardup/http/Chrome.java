package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium driven through chromedriver's W3C WebDriver HTTP API with the JDK's HTTP
 * client: no Selenium (tens of megabytes of jars for the eight calls a test needs).
 *
 * <p>Waiting is WebDriver's own implicit wait (find-element retries until the element exists), so a
 * test waits for a state by asking for an element that only that state has, never sleeps.
 */
final class Chrome implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
  private static final Pattern PORT = Pattern.compile("started successfully on port (\\d+)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process driver;
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final String session;

  private Chrome(Process driver, String base, String session) {
    this.driver = driver;
    this.base = base;
    this.session = session;
  }

  /**
   * Starts chromedriver on a free port and a headless Chromium with a fresh profile.
   *
   * <p>Fails (does not skip) when Chromium is missing: CI installs it.
   */
  static Chrome start(Path profile, int width, int height) throws IOException {
    if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
      fail(
          "the browser test needs Debian's Chromium and its driver at "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + "; install them with: sudo apt-get install -y chromium chromium-driver");
    }
    Process p = new ProcessBuilder(CHROMEDRIVER, "--port=0").redirectErrorStream(true).start();
    try {
      int port = driverPort(p);
      String base = "http://127.0.0.1:" + port;
      ObjectNode caps = JSON.createObjectNode();
      ObjectNode always = caps.putObject("capabilities").putObject("alwaysMatch");
      always.put("browserName", "chrome");
      ObjectNode chrome = always.putObject("goog:chromeOptions");
      chrome.put("binary", CHROMIUM);
      var args = chrome.putArray("args");
      for (String a :
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-dev-shm-usage",
              "--user-data-dir=" + profile.toAbsolutePath(),
              "--window-size=" + width + "," + height)) {
        args.add(a);
      }
      HttpClient http = HttpClient.newHttpClient();
      JsonNode r = send(http, "POST", base + "/session", caps);
      Chrome c = new Chrome(p, base, r.at("/value/sessionId").asText());
      c.call("POST", "/timeouts", JSON.createObjectNode().put("implicit", 15_000));
      return c;
    } catch (IOException | RuntimeException | Error e) {
      p.destroy();
      throw e;
    }
  }

  private static int driverPort(Process p) throws IOException {
    // A thread of its own: the common pool may have a single, busy worker on a 2-core machine.
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                port.complete(readPort(p));
              } catch (RuntimeException e) {
                port.completeExceptionally(e);
              }
            },
            "chromedriver-port");
    reader.setDaemon(true);
    reader.start();
    try {
      return port.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IOException("chromedriver did not say its port", e);
    }
  }

  private static int readPort(Process p) {
    // Not closed here: after the port line, a daemon thread keeps draining the driver's output so
    // that it never blocks on a full pipe; the stream ends when the driver is stopped.
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    try {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        Matcher m = PORT.matcher(line);
        if (m.find()) {
          Thread t = new Thread(() -> drain(r), "chromedriver-output");
          t.setDaemon(true);
          t.start();
          return Integer.parseInt(m.group(1));
        }
        seen.append(line).append('\n');
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read chromedriver's output", e);
    }
    throw new IllegalStateException("chromedriver exited:\n" + seen);
  }

  private static void drain(BufferedReader r) {
    try {
      while (r.readLine() != null) {
        // discard
      }
    } catch (IOException e) {
      // the driver exited
    }
  }

  void open(String url) throws IOException {
    call("POST", "/url", JSON.createObjectNode().put("url", url));
  }

  void refresh() throws IOException {
    call("POST", "/refresh", JSON.createObjectNode());
  }

  String url() throws IOException {
    return call("GET", "/url", null).get("value").asText();
  }

  /** The element matching {@code css}, waiting up to the implicit wait for it to appear. */
  String find(String css) throws IOException {
    JsonNode r =
        call(
            "POST",
            "/element",
            JSON.createObjectNode().put("using", "css selector").put("value", css));
    return r.at("/value/" + ELEMENT).asText();
  }

  void click(String element) throws IOException {
    call("POST", "/element/" + element + "/click", JSON.createObjectNode());
  }

  void type(String element, String text) throws IOException {
    call("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
  }

  String attribute(String element, String name) throws IOException {
    JsonNode v = call("GET", "/element/" + element + "/attribute/" + name, null).get("value");
    return v.isNull() ? null : v.asText();
  }

  String text(String element) throws IOException {
    return call("GET", "/element/" + element + "/text", null).get("value").asText();
  }

  /** Saves a PNG screenshot of the window. */
  void screenshot(Path png) throws IOException {
    String b64 = call("GET", "/screenshot", null).get("value").asText();
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode(b64));
  }

  private JsonNode call(String method, String path, JsonNode body) throws IOException {
    return send(http, method, base + "/session/" + session + path, body);
  }

  private static JsonNode send(HttpClient http, String method, String url, JsonNode body)
      throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json");
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body.toString()));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(r.body());
      if (r.statusCode() != 200) {
        throw new IOException(
            "WebDriver " + method + " " + url + " -> " + r.statusCode() + ": " + json);
      }
      return json;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  @Override
  public void close() {
    try {
      send(http, "DELETE", base + "/session/" + session, null);
    } catch (IOException e) {
      // the browser is gone already; still stop the driver
    } finally {
      driver.destroy();
      try {
        if (!driver.waitFor(10, TimeUnit.SECONDS)) {
          driver.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        driver.destroyForcibly();
      }
    }
  }
}
