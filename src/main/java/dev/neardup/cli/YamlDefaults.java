package dev.neardup.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.neardup.config.Defaults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Default option values from {@code config/neardup.yaml} and the environment: each key is an
 * option's long name without the dashes ({@code threshold: 0.99} is the default of {@code
 * --threshold}). Relative paths in the file ({@code index}, {@code model}, {@code storage}, ...)
 * are resolved against the folder that holds the {@code config} folder, so the defaults work from
 * any working directory.
 *
 * <p>Precedence, highest first: the command line; an environment variable {@code NEARDUP_<KEY>}
 * (the key upper-cased, dashes as underscores: {@code NEARDUP_PORT}, {@code
 * NEARDUP_MAX_UPLOAD_BYTES}; relative paths there are taken as given, against the working
 * directory); the settings file; the table of built-in defaults ({@link Defaults}), which the
 * option fields are also initialised from (so that a command line without this provider, as in
 * tests, has the same defaults). Environment variables that name no option are ignored (the
 * environment is shared with other programs); an unknown key in the file is an error naming it: a
 * typo must not silently leave a default in place.
 */
final class YamlDefaults implements IDefaultValueProvider {
  private static final Set<String> PATH_KEYS =
      Set.of("index", "model", "storage", "quarantine", "roots", "watch");

  /** Prefix of the environment variables that override the file. */
  static final String ENV_PREFIX = "NEARDUP_";

  private final Path file;
  private final Map<String, String> values;
  private final Map<String, String> env;

  private YamlDefaults(Path file, Map<String, String> values, Map<String, String> env) {
    this.file = file;
    this.values = values;
    this.env = env;
  }

  /** Reads {@code file}; the keys are checked later against the commands' options. */
  static YamlDefaults load(Path file) throws IOException {
    return load(file, Map.of());
  }

  /**
   * Reads {@code file} (or nothing when it is null) with {@code env} (e.g. {@link System#getenv()})
   * overriding it.
   */
  static YamlDefaults load(Path file, Map<String, String> env) throws IOException {
    if (file == null) {
      return new YamlDefaults(null, Map.of(), Map.copyOf(env));
    }
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    Map<String, String> values = new LinkedHashMap<>();
    if (root != null && !root.isNull() && !root.isMissingNode()) {
      if (!root.isObject()) {
        throw new IllegalArgumentException(file + ": expected 'key: value' lines at the top level");
      }
      Path base = baseDir(file);
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isContainerNode()) {
          throw new IllegalArgumentException(
              file + ": key '" + e.getKey() + "' must have a plain value, not a list or map");
        }
        if (v.isNull()) {
          continue;
        }
        String text = v.asText();
        if (PATH_KEYS.contains(e.getKey()) && !text.isBlank()) {
          text = resolveList(base, text);
        }
        values.put(e.getKey(), text);
      }
    }
    return new YamlDefaults(file, values, Map.copyOf(env));
  }

  /** Resolves each comma-separated path of {@code text} against {@code base}. */
  private static String resolveList(Path base, String text) {
    StringBuilder b = new StringBuilder();
    for (String part : text.split(",")) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(part.isBlank() ? "" : base.resolve(part.trim()).normalize().toString());
    }
    return b.toString();
  }

  /**
   * The environment variable that overrides {@code key}: {@code max-pixels -> NEARDUP_MAX_PIXELS}.
   */
  static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }

  /** Fails on keys that no command has as an option. */
  void checkKeys(CommandLine root) {
    Set<String> known = new TreeSet<>();
    collect(root.getCommandSpec(), known);
    // A command line of one command knows only its own options; the file may hold other commands'.
    // Every key of the table is some command's option (ShippedDefaultsTest), so those are known.
    for (Defaults d : Defaults.values()) {
      known.add(d.key());
    }
    if (!known.containsAll(values.keySet())) {
      collect(Main.commandLine().getCommandSpec(), known);
    }
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            file + ": unknown setting '" + key + "'. Known settings: " + String.join(", ", known));
      }
    }
  }

  private static void collect(CommandSpec spec, Set<String> into) {
    for (OptionSpec o : spec.options()) {
      if (!o.usageHelp() && !o.versionHelp()) {
        into.add(o.longestName().replaceFirst("^-+", ""));
      }
    }
    spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), into));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (arg instanceof OptionSpec o) {
      String key = o.longestName().replaceFirst("^-+", "");
      String fromEnv = env.get(envName(key));
      if (fromEnv != null) {
        return fromEnv;
      }
      String fromFile = values.get(key);
      return fromFile != null ? fromFile : Defaults.byKey(key).map(Defaults::text).orElse(null);
    }
    return null;
  }

  Path file() {
    return file;
  }

  private static Path baseDir(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    if (parent.getFileName() != null
        && parent.getFileName().toString().equals("config")
        && parent.getParent() != null) {
      return parent.getParent();
    }
    return parent;
  }

  /**
   * The config file to use: {@code --config FILE} if given, else {@code $NEARDUP_CONFIG}, else
   * {@code config/neardup.yaml} under the installation ({@code -Dneardup.home}), else in the
   * working directory; null when none exists.
   */
  static Path locate(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    String env = System.getenv("NEARDUP_CONFIG");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String home = System.getProperty("neardup.home");
    if (home != null) {
      Path p = Path.of(home, "config", "neardup.yaml");
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    Path local = Path.of("config", "neardup.yaml");
    return Files.isRegularFile(local) ? local : null;
  }
}
