package dev.neardup.act;

import java.nio.file.Path;
import java.util.List;

/**
 * What a move, delete or undo did.
 *
 * @param done files moved, deleted or restored
 * @param skipped files left alone, each with the reason
 * @param manifest the manifest written or read
 */
public record ActionResult(List<Path> done, List<Skipped> skipped, Path manifest) {

  /**
   * A file that was not acted on.
   *
   * @param file the file
   * @param reason why, for a person
   */
  public record Skipped(Path file, String reason) {}
}
