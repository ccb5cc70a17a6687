package dev.neardup.cli;

import dev.neardup.config.Defaults;
import dev.neardup.exchange.EncodingsFile;
import dev.neardup.exchange.PathMap;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup import FILE.npz...}: merge exports into an index. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Adds the records of 'neardup export' files to an index (created when missing), a record"
          + " of a path already there replacing it. Refuses files made with another model,"
          + " dimension, preprocessing or thumbnail size than each other or than the index.",
      "The next 'dedup' or 'index' of the same folders re-reads only files that changed."
    })
final class ImportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE.npz", description = "Exports to merge.")
  List<Path> files;

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "The index to import into (a folder or solr://…). Default: ${DEFAULT-VALUE}")
  String index = Defaults.INDEX.text();

  @Option(
      names = "--map",
      paramLabel = "OLD=NEW",
      description =
          "Re-map a folder prefix of the stored paths (e.g. /mnt/gpu1/data=/data). Repeatable;"
              + " the first match wins.")
  List<String> maps;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PathMap map = PathMap.parse(maps);
    IndexLocation at = IndexLocation.parse(index);
    IndexSettings settings = EncodingsFile.commonSettings(files, at);
    PrintWriter w = spec.commandLine().getOut();
    try (ImageIndex idx = at.open(settings, IndexOptions.defaults(), false)) {
      int total = 0;
      for (Path f : files) {
        int n = EncodingsFile.importInto(idx, f, map);
        w.printf("imported %d records from %s%n", n, f);
        total += n;
      }
      idx.commit();
      w.printf(
          "%d records imported into %s (%d documents; model %s)%n",
          total, idx.location(), idx.documentCount(), settings.modelId());
    }
    return 0;
  }
}
