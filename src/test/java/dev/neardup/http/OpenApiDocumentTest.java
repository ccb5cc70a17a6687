package dev.neardup.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} read by a real OpenAPI parser (the one client generators use): no errors,
 * every operation declares its security, and the guarded ones can answer 401.
 */
class OpenApiDocumentTest {

  static String yaml() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
      assertNotNull(in, "openapi.yaml is missing from the class path");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static OpenAPI parse() throws IOException {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml(), null, options);
    assertEquals(List.of(), result.getMessages(), "the parser's errors and warnings");
    assertNotNull(result.getOpenAPI());
    return result.getOpenAPI();
  }

  @Test
  void the_openapi_file_parses_without_errors() throws IOException {
    OpenAPI api = parse();
    assertTrue(api.getPaths().size() > 10, api.getPaths().keySet().toString());
    assertEquals(
        Set.of("bearerAuth"), api.getComponents().getSecuritySchemes().keySet(), "one scheme");
  }

  @Test
  void every_operation_declares_security_and_the_guarded_ones_answer_401() throws IOException {
    List<String> undeclared = new ArrayList<>();
    List<String> guardedWithout401 = new ArrayList<>();
    for (Map.Entry<String, PathItem> p : parse().getPaths().entrySet()) {
      for (Map.Entry<PathItem.HttpMethod, Operation> o :
          p.getValue().readOperationsMap().entrySet()) {
        String name = o.getKey() + " " + p.getKey();
        Operation op = o.getValue();
        assertNotNull(op.getOperationId(), name + " has no operationId");
        if (op.getSecurity() == null) {
          undeclared.add(name);
        } else if (!op.getSecurity().isEmpty()) {
          assertEquals(Set.of("bearerAuth"), op.getSecurity().get(0).keySet(), name);
          if (!op.getResponses().containsKey("401")) {
            guardedWithout401.add(name);
          }
        }
      }
    }
    assertEquals(List.of(), undeclared, "operations without 'security' (use [] when public)");
    assertEquals(List.of(), guardedWithout401);
  }
}
