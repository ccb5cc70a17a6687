package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.review.ReviewFixture;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review routes on a real Javalin server (random port) over a real index. */
class ReviewRoutesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path tmp;
  static ReviewFixture fixture;
  static Javalin app;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    fixture = ReviewFixture.open(tmp);
    app = Javalin.create(cfg -> ReviewRoutes.register(cfg, fixture.service)).start("127.0.0.1", 0);
    base = "http://127.0.0.1:" + app.port();
  }

  @AfterAll
  static void stop() throws IOException {
    app.stop();
    fixture.close();
  }

  static HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> post(String path, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<byte[]> r) throws IOException {
    return JSON.readTree(r.body());
  }

  @Test
  void the_page_and_its_script_are_served_from_the_jar_with_no_remote_resources() throws Exception {
    HttpResponse<byte[]> page = get("/");
    assertEquals(200, page.statusCode());
    String html = new String(page.body(), StandardCharsets.UTF_8);
    assertTrue(html.contains("<script src=\"/review/review.js\">"), html);
    assertTrue(!html.contains("http://") && !html.contains("https://"), "nothing from a CDN");
    HttpResponse<byte[]> js = get("/review/review.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
    assertEquals(404, get("/review/secret.txt").statusCode());
  }

  @Test
  void groups_are_listed_in_pages_with_snake_case_json() throws Exception {
    JsonNode page = json(get("/api/review/groups?page=1&size=2&sort=size"));
    assertEquals(2, page.get("groups").size());
    assertEquals(fixture.service.summary().groups(), page.get("total").asInt());
    JsonNode first = page.at("/groups/0");
    assertTrue(first.has("kept_name") && first.has("max_changed_fraction"), first.toString());
    JsonNode group = json(get("/api/review/groups/" + first.get("id").asInt()));
    assertEquals(first.get("kept").asText(), group.at("/kept/path").asText());
    assertEquals(first.get("members").asInt(), group.get("members").size());
  }

  @Test
  void bad_parameters_are_400_and_unknown_groups_404_with_a_json_error() throws Exception {
    HttpResponse<byte[]> badPage = get("/api/review/groups?page=0");
    assertEquals(400, badPage.statusCode());
    assertEquals("bad request", json(badPage).get("error").asText());
    HttpResponse<byte[]> badSort = get("/api/review/groups?sort=colour");
    assertEquals(400, badSort.statusCode());
    assertEquals(
        "sort must be size, score or id; got colour", json(badSort).get("detail").asText());
    HttpResponse<byte[]> missing = get("/api/review/groups/9999");
    assertEquals(404, missing.statusCode());
    assertEquals("no group 9999", json(missing).get("detail").asText());
    HttpResponse<String> noPath = post("/api/review/groups/1/keep", "{}");
    assertEquals(400, noPath.statusCode(), noPath.body());
    HttpResponse<String> notJson = post("/api/review/groups/1/not-duplicate", "{nope");
    assertEquals(400, notJson.statusCode(), notJson.body());
  }

  @Test
  void images_are_served_only_for_listed_groups() throws Exception {
    String kept =
        fixture.service.list(1, 1, dev.neardup.review.ReviewViews.Sort.ID).groups().get(0).kept();
    HttpResponse<byte[]> img =
        get("/api/review/image?path=" + URLEncoder.encode(kept, StandardCharsets.UTF_8));
    assertEquals(200, img.statusCode());
    assertEquals("image/jpeg", img.headers().firstValue("Content-Type").orElseThrow());
    assertEquals((byte) 0xFF, img.body()[0]);
    assertEquals(404, get("/api/review/image?path=%2Fetc%2Fpasswd").statusCode());
  }
}
