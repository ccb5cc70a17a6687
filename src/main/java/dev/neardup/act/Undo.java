package dev.neardup.act;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts back every file a manifest moved, newest first, and never overwrites: the state of each file
 * pair on disk says what happened, so undo also repairs a run that was killed half-way.
 *
 * <ul>
 *   <li>moved file present, original name free: move it back;
 *   <li>original present, moved file absent: the move never happened (or was undone already);
 *   <li>both present with the same content: a crash between link and unlink; drop the copy;
 *   <li>both present with different content: a conflict; left alone and reported.
 * </ul>
 */
public final class Undo {
  private Undo() {}

  /**
   * Restores what {@code manifestFile} moved, sidecars included (each is a move of its own in the
   * manifest, so it comes back byte for byte as its image does). Deleted files are reported: they
   * cannot return.
   */
  public static ActionResult run(Path manifestFile) throws IOException {
    List<ManifestEntry> entries = Manifest.read(manifestFile);
    List<Path> restored = new ArrayList<>();
    List<Path> sidecars = new ArrayList<>();
    List<ActionResult.Skipped> skipped = new ArrayList<>();
    for (int i = entries.size() - 1; i >= 1; i--) {
      ManifestEntry e = entries.get(i);
      Path from = Path.of(e.from());
      if ("delete".equals(e.type())) {
        skipped.add(
            new ActionResult.Skipped(
                from,
                (e.sidecarOf() == null ? "" : "sidecar of " + e.sidecarOf() + ": ")
                    + "was deleted (--delete); cannot be restored"));
        continue;
      }
      if (!"move".equals(e.type())) {
        continue;
      }
      Path to = Path.of(e.to());
      List<Path> done = e.sidecarOf() == null ? restored : sidecars;
      boolean fromExists = Files.exists(from);
      boolean toExists = Files.exists(to);
      if (toExists && !fromExists) {
        FileMover.move(to, from);
        done.add(from);
      } else if (toExists) {
        if (Files.isSameFile(from, to) || FileMover.sha256(to).equals(FileMover.sha256(from))) {
          Files.delete(to);
          done.add(from);
        } else {
          skipped.add(
              new ActionResult.Skipped(from, "both " + from + " and " + to + " exist and differ"));
        }
      } else if (!fromExists) {
        skipped.add(new ActionResult.Skipped(from, "missing at both " + from + " and " + to));
      }
    }
    return new ActionResult(restored, skipped, manifestFile, sidecars);
  }
}
