package dev.neardup.cli;

import dev.neardup.config.Defaults;
import dev.neardup.exchange.EncodingsFile;
import dev.neardup.index.ImageIndex;
import dev.neardup.index.IndexLocation;
import dev.neardup.index.IndexOptions;
import dev.neardup.index.IndexSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code neardup export --out FILE.npz}: an index's records in a file Python reads. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes every image record of the index (path, sha256, pHash, size, camera fields,"
          + " thumbnail and the model's vector) to a NumPy .npz file: vectors.npy (float32,"
          + " one row per record), records.jsonl and header.json (model id, dimension, root).",
      "Python: d = numpy.load(FILE); d['vectors']; d['records.jsonl'].splitlines()",
      "Paths are stored relative to --root (default: the deepest folder holding them all)."
    })
final class ExportCommand implements Callable<Integer> {
  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "The index to export (a folder or solr://…). Default: ${DEFAULT-VALUE}")
  String index = Defaults.INDEX.text();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.npz",
      description = "Where to write.")
  Path out;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      description = "Store paths relative to this folder (must hold every image).")
  Path root;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!out.getFileName().toString().endsWith(".npz")) {
      throw new IllegalArgumentException("--out must name a .npz file; got " + out);
    }
    IndexLocation at = IndexLocation.parse(index);
    IndexSettings settings = at.readSettings();
    if (settings == null) {
      throw new IllegalArgumentException("no neardup index at " + at);
    }
    PrintWriter w = spec.commandLine().getOut();
    try (ImageIndex idx = at.open(settings, IndexOptions.defaults(), false)) {
      EncodingsFile.Header h = EncodingsFile.export(idx, out, root, Instant.now());
      w.printf(
          "exported %d records (model %s, dim %d) relative to %s to %s%n",
          h.count(), h.modelId(), h.dim(), h.root(), out.toAbsolutePath().normalize());
    }
    return 0;
  }
}
