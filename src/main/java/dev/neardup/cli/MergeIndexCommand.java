package dev.neardup.cli;

import dev.neardup.exchange.IndexMerge;
import dev.neardup.exchange.PathMap;
import dev.neardup.index.IndexLocation;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup merge-index A B --into C}. */
@Command(
    name = "merge-index",
    mixinStandardHelpOptions = true,
    description = {
      "Merges neardup indexes built on several machines into one (Lucene addIndexes: segments"
          + " are copied, nothing is re-embedded). Refuses indexes made with different models or"
          + " settings, and a path held by two of them."
    })
final class MergeIndexCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "INDEX", description = "Index folders to merge.")
  List<String> sources;

  @Option(
      names = "--into",
      required = true,
      paramLabel = "DIR",
      description = "The merged index (created when missing; its own documents are kept).")
  String into;

  @Option(
      names = "--map",
      paramLabel = "OLD=NEW",
      description = "Re-map a folder prefix of the stored paths. Repeatable.")
  List<String> maps;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    IndexLocation target = IndexLocation.parse(into);
    IndexMerge.Result r =
        IndexMerge.merge(
            sources.stream().map(IndexLocation::parse).toList(),
            target,
            PathMap.parse(maps),
            Instant.now());
    spec.commandLine()
        .getOut()
        .printf(
            "merged %d indexes into %s: %d documents (model %s)%n",
            sources.size(),
            target.localDir().toAbsolutePath().normalize(),
            r.documents(),
            r.settings().modelId());
    return 0;
  }
}
