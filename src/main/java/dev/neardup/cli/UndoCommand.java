package dev.neardup.cli;

import dev.neardup.act.ActionResult;
import dev.neardup.act.Undo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code neardup undo MANIFEST}: put moved files back. */
@Command(
    name = "undo",
    mixinStandardHelpOptions = true,
    description =
        "Moves every file listed in a manifest back to where it was, newest first. Never"
            + " overwrites: a file whose original name is taken by different content is left"
            + " alone and reported. Safe to run twice, and after a run that was killed half-way.")
final class UndoCommand implements Callable<Integer> {
  @Parameters(paramLabel = "MANIFEST", description = "The .jsonl manifest written by dedup.")
  Path manifest;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ActionResult r = Undo.run(manifest);
    out.printf("restored %d files from %s%n", r.done().size(), manifest);
    for (ActionResult.Skipped s : r.skipped()) {
      out.printf("  not restored: %s (%s)%n", s.file(), s.reason());
    }
    return r.skipped().isEmpty() ? 0 : 1;
  }
}
