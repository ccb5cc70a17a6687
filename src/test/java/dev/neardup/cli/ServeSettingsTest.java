package dev.neardup.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.neardup.http.ServiceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Serve settings: file, then NEARDUP_<KEY> environment variables, then flags, each winning. */
class ServeSettingsTest {
  @TempDir Path tmp;

  private ServiceConfig parse(Map<String, String> env, String... args) throws IOException {
    Path home = tmp.resolve("install");
    Path file = Files.createDirectories(home.resolve("config")).resolve("neardup.yaml");
    Files.writeString(
        file,
        "port: 8081\nroots: data,more\nstorage: data/uploads\nquarantine: \"\"\ntoken: \"\"\n");
    CommandLine cli = Main.commandLine();
    YamlDefaults defaults = YamlDefaults.load(file, env);
    defaults.checkKeys(cli);
    cli.setDefaultValueProvider(defaults);
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    cli.parseArgs(all);
    ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
    return serve.serve.config();
  }

  @Test
  void the_settings_file_gives_defaults_with_paths_resolved_against_the_installation()
      throws IOException {
    ServiceConfig c = parse(Map.of());
    Path home = tmp.resolve("install");
    assertEquals(8081, c.port());
    assertEquals("127.0.0.1", c.host());
    assertEquals(List.of(home.resolve("data"), home.resolve("more")), c.roots());
    assertEquals(home.resolve("data/uploads"), c.storage());
    assertNull(c.quarantine());
    assertNull(c.token());
  }

  @Test
  void environment_variables_override_the_file_and_flags_override_both() throws IOException {
    Map<String, String> env =
        Map.of(
            "NEARDUP_PORT", "9090",
            "NEARDUP_TOKEN", "from-env",
            "NEARDUP_MAX_UPLOAD_BYTES", "1234",
            "NEARDUP_UNRELATED", "ignored");
    ServiceConfig fromEnv = parse(env);
    assertEquals(9090, fromEnv.port());
    assertEquals("from-env", fromEnv.token());
    assertEquals(1234, fromEnv.maxUploadBytes());
    ServiceConfig flags = parse(env, "--port", "7070", "--host", "0.0.0.0");
    assertEquals(7070, flags.port());
    assertEquals("0.0.0.0", flags.host());
    assertEquals("from-env", flags.token());
  }

  @Test
  void storage_outside_every_root_is_refused_naming_both() throws IOException {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> parse(Map.of(), "--storage", "/elsewhere"));
    assertEquals(true, e.getMessage().contains("/elsewhere"), e.getMessage());
    assertEquals(true, e.getMessage().contains("roots"), e.getMessage());
  }

  @Test
  void the_environment_variable_of_a_key_is_its_upper_case_name() {
    assertEquals("NEARDUP_MAX_UPLOAD_BYTES", YamlDefaults.envName("max-upload-bytes"));
    assertEquals("NEARDUP_PORT", YamlDefaults.envName("port"));
  }
}
