package dev.neardup.cli;

import dev.neardup.embed.ModelUnavailableException;
import dev.neardup.index.IndexMismatchException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code neardup} command line: parses, delegates to the library, formats the answer. */
@Command(
    name = "neardup",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Finds duplicate and near-duplicate images, keeps one per group, and moves the rest out of"
          + " the way (with undo).",
      "",
      "Pipeline: decode -> SHA-256 + pHash + ResNet50 embedding (DJL/PyTorch) -> Lucene HNSW"
          + " index -> candidates (cosine >= threshold) -> classic pixel-diff check -> groups"
          + " (no chains: every removed image is a verified duplicate of the kept one).",
      ""
    },
    footer = {
      "",
      "Defaults come from config/neardup.yaml (every key is an option's long name), overridden by"
          + " environment variables NEARDUP_<KEY> (e.g. NEARDUP_PORT); the command line wins.",
      "Exit status: 0 success (unreadable images are listed, not fatal), 1 the run failed,"
          + " 2 bad usage."
    })
public final class Main implements Runnable {
  /**
   * The commands, in the order {@code --help} lists them: the one route table of the command line.
   * They are registered in {@link #commandLine(String[])}, not in the annotation, so that a run of
   * one command builds only that command's model (picocli reflects over every option of every
   * command it is given: about 0.3 s of each start for all of them).
   */
  static final List<Class<?>> COMMANDS =
      List.of(
          IndexCommand.class,
          DedupCommand.class,
          QueryCommand.class,
          CompareCommand.class,
          UndoCommand.class,
          ExportCommand.class,
          ImportCommand.class,
          MergeIndexCommand.class,
          BenchCommand.class,
          ServeCommand.class,
          WatchCommand.class,
          EvalCommand.class,
          SolrCommand.class,
          ReconcileCommand.class,
          CalibrateCommand.class,
          CommandLine.HelpCommand.class);

  /**
   * Lucene announces its SIMD support at INFO on every start; people need only warnings. Held in a
   * field because java.util.logging forgets the level of a logger nobody references.
   */
  private static final java.util.logging.Logger LUCENE_LOG =
      java.util.logging.Logger.getLogger("org.apache.lucene");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Settings file (YAML). Default: config/neardup.yaml of the installation.")
  Path config;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    LUCENE_LOG.setLevel(java.util.logging.Level.WARNING);
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int status = run(args, out, err);
    // Autoflush flushes on println and printf only: text written with print() would be lost.
    out.flush();
    err.flush();
    System.exit(status);
  }

  /** Runs the command line and returns the exit status (used by tests too). */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * Runs the command line with {@code environment} as the source of {@code NEARDUP_<KEY>} overrides
   * (see {@link YamlDefaults}).
   */
  static int run(
      String[] args, PrintWriter out, PrintWriter err, java.util.Map<String, String> environment) {
    CommandLine cli = commandLine(args);
    cli.setOut(out);
    cli.setErr(err);
    try {
      Path configFile = YamlDefaults.locate(args);
      YamlDefaults defaults = YamlDefaults.load(configFile, environment);
      defaults.checkKeys(cli);
      cli.setDefaultValueProvider(defaults);
    } catch (IOException | IllegalArgumentException e) {
      err.println("neardup: error: bad settings file: " + e.getMessage());
      return 2;
    }
    return cli.execute(args);
  }

  /** The whole command line: every command of {@link #COMMANDS}. */
  static CommandLine commandLine() {
    return commandLine(COMMANDS);
  }

  /**
   * The command line that {@code args} need: only the command they name (and {@code help}) when
   * their first word is a command, else every command (for {@code --help}, {@code --version},
   * {@code help COMMAND}, a mistyped name and its suggestions). Both parse the named command's
   * arguments alike.
   */
  static CommandLine commandLine(String[] args) {
    String name = commandName(args);
    for (Class<?> c : COMMANDS) {
      if (c != CommandLine.HelpCommand.class
          && name != null
          && name.equals(c.getAnnotation(Command.class).name())) {
        return commandLine(List.of(c, CommandLine.HelpCommand.class));
      }
    }
    return commandLine();
  }

  private static CommandLine commandLine(List<Class<?>> commands) {
    CommandLine cli = new CommandLine(new Main());
    for (Class<?> c : commands) {
      cli.addSubcommand(c);
    }
    cli.setExecutionExceptionHandler(Main::handle);
    return cli;
  }

  /**
   * The first word of {@code args} that is not a root option, or null when an option comes first.
   */
  private static String commandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--config")) {
        i++;
      } else if (!a.startsWith("--config=")) {
        return a.startsWith("-") ? null : a;
      }
    }
    return null;
  }

  /** Known failures become one clear line on stderr; anything else keeps its stack trace. */
  private static int handle(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof IllegalArgumentException) {
      err.println("neardup: error: " + e.getMessage());
      return 2;
    }
    if (e instanceof ModelUnavailableException
        || e instanceof IndexMismatchException
        || e instanceof IOException
        || e instanceof UncheckedIOException) {
      err.println("neardup: error: " + e.getMessage());
      return 1;
    }
    err.println("neardup: internal error (please report it):");
    e.printStackTrace(err);
    return 1;
  }

  /** Version from the jar's manifest, when built. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"neardup " + (v == null ? "(development build)" : v)};
    }
  }
}
