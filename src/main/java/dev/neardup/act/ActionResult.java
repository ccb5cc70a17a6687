package dev.neardup.act;

import java.nio.file.Path;
import java.util.List;

/**
 * What a move, delete or undo did.
 *
 * @param done files moved, deleted or restored
 * @param skipped files left alone, each with the reason
 * @param manifest the manifest written or read
 * @param sidecars sidecars (label files) moved, deleted or restored with their images; not in
 *     {@code done}, which lists images only
 */
public record ActionResult(
    List<Path> done, List<Skipped> skipped, Path manifest, List<Path> sidecars) {

  /** A result without sidecars. */
  public ActionResult(List<Path> done, List<Skipped> skipped, Path manifest) {
    this(done, skipped, manifest, List.of());
  }

  /**
   * A file that was not acted on.
   *
   * @param file the file
   * @param reason why, for a person
   */
  public record Skipped(Path file, String reason) {}
}
