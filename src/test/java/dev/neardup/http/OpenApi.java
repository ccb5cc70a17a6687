package dev.neardup.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reads the operations ("GET /health") an OpenAPI document describes. */
final class OpenApi {
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  private OpenApi() {}

  static List<String> operations(byte[] yaml) throws IOException {
    JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(yaml).get("paths");
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      for (Iterator<String> m = p.getValue().fieldNames(); m.hasNext(); ) {
        String method = m.next();
        if (METHODS.contains(method)) {
          out.add(method.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }
      }
    }
    out.sort(null);
    return out;
  }
}
