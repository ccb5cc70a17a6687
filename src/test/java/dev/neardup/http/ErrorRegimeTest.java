package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.neardup.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One exception type, one status, under every route: the service's API and the review page share
 * one exception mapping. A real server on a random port, without a model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorRegimeTest {
  static final String TOKEN = "t0ken";

  @TempDir static Path tmp;
  NeardupService service;
  Client client;

  @BeforeAll
  void start() throws IOException {
    Path root = tmp.resolve("root");
    TestData.copy(root.resolve("photos"), "stills/apple.jpg");
    service =
        NeardupService.start(
            ServiceTestBase.engine(tmp.resolve("idx"), false, 1_000_000),
            ServiceConfig.defaults(List.of(root), root.resolve("uploads")).toBuilder()
                .port(0)
                .build()
                .toBuilder()
                .token(TOKEN)
                .build(),
            Clock.systemUTC());
    client = new Client(service.port(), TOKEN);
  }

  @AfterAll
  void stop() throws IOException {
    service.close();
  }

  @Test
  void an_illegal_argument_is_a_400_whatever_the_route() {
    assertEquals(400, Errors.answer(new IllegalArgumentException("x")).status());
    Client.Reply review = client.get("/api/review/groups?sort=bogus");
    assertEquals(400, review.status(), review.text());
    assertEquals("bad request", review.json().get("error").asText());
    assertTrue(review.json().get("detail").asText().contains("bogus"));
  }

  @Test
  void a_bad_path_parameter_is_the_same_400_under_the_api_and_the_review_page() {
    Client.Reply api = client.get("/api/v1/images/not-an-id");
    Client.Reply review = client.get("/api/review/groups/not-a-number");
    assertEquals(400, api.status(), api.text());
    assertEquals(400, review.status(), review.text());
    assertEquals("bad request", api.json().get("error").asText(), api.text());
    assertEquals("bad request", review.json().get("error").asText(), review.text());
    assertTrue(api.json().get("detail").asText().startsWith("id: "), api.text());
  }

  @Test
  void something_missing_is_a_404_under_every_route() {
    assertEquals(404, Errors.answer(new NoSuchElementException("x")).status());
    for (String path :
        List.of(
            "/api/v1/images/0123456789abcdef",
            "/api/v1/jobs/nope",
            "/api/review/groups/999999",
            "/review/nothing.js",
            "/no/such/route")) {
      Client.Reply r = client.get(path);
      assertEquals(404, r.status(), path + ": " + r.text());
      assertEquals("not found", r.json().get("error").asText(), path);
    }
  }

  @Test
  void an_unclosed_json_array_is_a_400_without_parser_internals_under_every_route() {
    for (String path :
        List.of("/api/v1/index", "/api/review/apply", "/api/review/groups/1/not-duplicate")) {
      Client.Reply r = client.postJson(path, "{\"paths\": [\"/x\", ");
      assertEquals(400, r.status(), path + ": " + r.text());
      assertEquals("bad request", r.json().get("error").asText(), path);
      String detail = r.json().get("detail").asText();
      assertTrue(detail.startsWith("the body is not valid JSON at line 1"), path + ": " + detail);
      for (String internal : List.of("Source", "REDACTED", "StreamReadFeature", "com.fasterxml")) {
        assertFalse(detail.contains(internal), path + ": " + detail);
      }
    }
  }

  @Test
  void the_json_detail_names_the_place_and_the_problem_only() {
    JsonProcessingException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            JsonProcessingException.class, () -> new ObjectMapper().readTree("[1, 2"));
    String d = Errors.jsonDetail(e);
    assertTrue(d.startsWith("the body is not valid JSON at line 1, column "), d);
    assertTrue(d.contains("Unexpected end-of-input"), d);
    assertFalse(d.contains("Source"), d);
  }

  @Test
  void a_missing_token_is_a_401_on_the_api_and_on_the_review_page() {
    Client anonymous = new Client(service.port(), null);
    assertEquals(401, anonymous.postJson("/api/v1/index", "{}").status());
    assertEquals(401, anonymous.postJson("/api/review/regroup", "{}").status());
  }

  @Test
  void the_openapi_file_guards_exactly_the_routes_that_change_state() throws IOException {
    io.swagger.v3.oas.models.OpenAPI api = OpenApiDocumentTest.parse();
    List<String> documented = new java.util.ArrayList<>();
    api.getPaths()
        .forEach(
            (path, item) ->
                item.readOperationsMap()
                    .forEach(
                        (method, op) -> {
                          if (!op.getSecurity().isEmpty()) {
                            documented.add(method + " " + path);
                          }
                        }));
    List<String> guarded =
        service.routes().stream()
            .filter(Routes.Route::changesState)
            .map(r -> r.method().name() + " " + r.path())
            .toList();
    assertEquals(guarded.stream().sorted().toList(), documented.stream().sorted().toList());
  }
}
