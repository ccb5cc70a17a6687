package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shipped {@code config/neardup.yaml} says what the code does: every key's value equals the
 * built-in default of the option it names, in every command that has that option. The built-in
 * defaults are the one source (the library's {@code defaults()}); the file documents them for
 * users, and this test keeps the two from drifting apart (they once said min-contour-area 0 and
 * 25).
 */
class ShippedDefaultsTest {
  @Test
  void every_key_of_the_shipped_yaml_equals_the_built_in_default_of_its_option() throws Exception {
    JsonNode yaml =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("config/neardup.yaml").toFile());
    CommandLine cli = new CommandLine(new Main());
    List<String> checked = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = yaml.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      String shipped = e.getValue().asText();
      int found = 0;
      for (CommandLine sub : cli.getSubcommands().values()) {
        OptionSpec o = sub.getCommandSpec().findOption("--" + key);
        if (o == null) {
          continue;
        }
        found++;
        Object builtIn = o.initialValue();
        assertTrue(
            same(shipped, builtIn),
            key
                + ": config/neardup.yaml says '"
                + shipped
                + "' but the built-in default of "
                + sub.getCommandName()
                + " --"
                + key
                + " is '"
                + builtIn
                + "'");
      }
      assertTrue(found > 0, "config/neardup.yaml key '" + key + "' names no option");
      checked.add(key);
    }
    assertFalse(checked.isEmpty());
    assertTrue(checked.contains("min-contour-area"), checked.toString());
  }

  private static boolean same(String shipped, Object builtIn) {
    String b =
        builtIn instanceof java.util.Collection<?> c
            ? String.join(",", c.stream().map(String::valueOf).toList())
            : builtIn == null ? "" : String.valueOf(builtIn);
    if (b.equals(shipped)) {
      return true;
    }
    try {
      return Double.parseDouble(b) == Double.parseDouble(shipped);
    } catch (NumberFormatException e) {
      return Path.of(b).normalize().equals(Path.of(shipped).normalize());
    }
  }

  @Test
  void the_shipped_yaml_has_a_key_for_the_settings_users_tune_most() throws Exception {
    JsonNode yaml =
        new ObjectMapper(new YAMLFactory()).readTree(Path.of("config/neardup.yaml").toFile());
    for (String key : List.of("threshold", "fraction", "mask", "min-contour-area", "verify")) {
      assertTrue(yaml.has(key), key);
    }
  }
}
