package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.neardup.config.Defaults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The shipped {@code config/neardup.yaml} says what the code does: it has exactly the keys of the
 * table of built-in defaults ({@link Defaults}), each with the table's value, and every option that
 * a table key names starts at the table's value in every command that has it. The table is the one
 * source; the file documents it for users, and this test keeps the two from drifting apart (they
 * once said min-contour-area 0 and 25).
 */
class ShippedDefaultsTest {
  private static JsonNode shipped() throws Exception {
    return new ObjectMapper(new YAMLFactory()).readTree(Path.of("config/neardup.yaml").toFile());
  }

  @Test
  void every_table_key_is_in_the_shipped_yaml_with_the_tables_value() throws Exception {
    JsonNode yaml = shipped();
    for (Defaults d : Defaults.values()) {
      assertTrue(yaml.has(d.key()), "config/neardup.yaml has no key '" + d.key() + "'");
      String shipped = yaml.get(d.key()).asText();
      assertTrue(
          same(shipped, d.text()),
          d.key()
              + ": config/neardup.yaml says '"
              + shipped
              + "' but the table says '"
              + d.text()
              + "'");
    }
  }

  @Test
  void every_key_of_the_shipped_yaml_is_in_the_table() throws Exception {
    List<String> unknown = new ArrayList<>();
    for (Iterator<String> it = shipped().fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (Defaults.byKey(key).isEmpty()) {
        unknown.add(key);
      }
    }
    assertEquals(List.of(), unknown, "config/neardup.yaml keys missing from Defaults");
  }

  @Test
  void every_option_a_table_key_names_starts_at_the_tables_value() {
    CommandLine cli = Main.commandLine();
    List<String> checked = new ArrayList<>();
    for (Defaults d : Defaults.values()) {
      int found = check(cli, d);
      assertTrue(found > 0, "table key '" + d.key() + "' names no option");
      checked.add(d.key());
    }
    assertTrue(checked.contains("min-contour-area"), checked.toString());
  }

  /** Checks {@code d} in every command under {@code cli}; how many had the option. */
  private static int check(CommandLine cli, Defaults d) {
    int found = 0;
    for (CommandLine sub : cli.getSubcommands().values()) {
      OptionSpec o = sub.getCommandSpec().findOption("--" + d.key());
      if (o != null) {
        found++;
        Object builtIn = o.initialValue();
        assertTrue(
            same(d.text(), text(builtIn)),
            d.key()
                + ": the table says '"
                + d.text()
                + "' but the built-in default of "
                + sub.getCommandSpec().qualifiedName()
                + " --"
                + d.key()
                + " is '"
                + builtIn
                + "'");
      }
      found += check(sub, d);
    }
    return found;
  }

  @Test
  void without_a_settings_file_the_default_provider_answers_the_table() throws Exception {
    YamlDefaults none = YamlDefaults.load(null, Map.of());
    CommandLine cli = Main.commandLine();
    OptionSpec threshold =
        cli.getSubcommands().get("dedup").getCommandSpec().findOption("--threshold");
    assertEquals(Defaults.THRESHOLD.text(), none.defaultValue(threshold));
  }

  private static String text(Object builtIn) {
    return builtIn instanceof java.util.Collection<?> c
        ? String.join(",", c.stream().map(String::valueOf).toList())
        : builtIn == null ? "" : String.valueOf(builtIn);
  }

  private static boolean same(String shipped, String b) {
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
    JsonNode yaml = shipped();
    for (String key : List.of("threshold", "fraction", "mask", "min-contour-area", "verify")) {
      assertTrue(yaml.has(key), key);
    }
  }
}
